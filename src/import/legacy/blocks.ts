/**
 * Blocks: the paragraphs, lists and tables under one heading, each handed to
 * the reader of its kind, and a score stated in prose.
 */
import type { RootContent } from 'mdast';
import { readScore } from '../figures.js';
import type { Context } from './context.js';
import { readLine } from './lines.js';
import { readInlineComponent, readList } from './lists.js';
import { readTable } from './tables.js';
import { escapeRegExp } from './text.js';
import { cleanText, lineOf, logicalLines, plainText, type Section } from '../markdown.js';

export function readBlocks(ctx: Context, blocks: readonly RootContent[], section: Section): void {
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      scoreInProse(ctx, cleanText(plainText(block)));
      const lines = logicalLines(block.children, lineOf(block));
      // "**test_x_e2e.py** - 4 comprehensive tests" on a line of its own: a component.
      if (!ctx.component && lines[0] && readInlineComponent(ctx, lines[0], [])) {
        // What follows in the section describes this component.
        const component = ctx.report.sessions.flatMap((session) => session.components).find((c) => c.line === lines[0]!.line);
        if (component) ctx.component = { value: component, depth: (section.heading?.depth ?? 0) + 1 };
        for (const line of lines.slice(1)) readLine(ctx, line, section);
        continue;
      }
      for (const line of lines) readLine(ctx, line, section);
    } else if (block.type === 'list') {
      readList(ctx, block, section);
    } else if (block.type === 'table') {
      readTable(ctx, block);
    }
  }
}

/** "Review of LateEventRouter … Score: 9.1/10.": a score in prose for the one component of the session it names. */
function scoreInProse(ctx: Context, text: string): void {
  if (ctx.component || !ctx.session) return;
  const score = readScore(text);
  if (score === null) return;
  const named = ctx.report.sessions[ctx.session.index]!.components.filter((c) => new RegExp(`\\b${escapeRegExp(c.name)}\\b`).test(text));
  if (named.length === 1 && named[0]!.score === null) {
    named[0]!.score = score;
    ctx.mapped = true;
  }
}
