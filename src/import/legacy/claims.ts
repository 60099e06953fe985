/**
 * Claims that every test passes ("all green", "all passing", "all tests pass")
 * and the failures stated in the text, each with its line. A claim speaks for
 * its section: its heading and everything under it, subsections included. The
 * audit sets the claims against the failures listed in the same section.
 */
import type { RootContent } from 'mdast';
import { readCounts } from '../figures.js';
import { truncate } from './text.js';
import { statedTotals } from './totals.js';
import type { LegacyReport } from './types.js';
import { cleanText, lineOf, logicalLines, plainText, type Section } from '../markdown.js';

export const ALL_PASS = /\ball[\s-]+(?:green|passing|passed)\b|\ball\s+(?:the\s+)?(?:tests?|suites?|specs?|checks?)\s+(?:are\s+|were\s+)?(?:pass(?:es|ed|ing)?|green)\b|\beverything\s+(?:is\s+)?(?:green|passing)\b/i;
/** "All green except the payout suite" admits its failures. */
const HEDGED = /\b(?:except|but|apart from|other than|not all|save for|once|until)\b/i;
/** "3 failing", "one failure", "2 tests failed", "Failed: 4"; a count of zero states none. */
const FAILED = /\b(?:[1-9]\d*|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:(?:tests?|cases?)\s+(?:failing|failed)|failing|failures?)\b|\b(?:failing|failed|failures?)\s*:\s*[1-9]/i;

export function readPassClaims(report: LegacyReport, all: readonly Section[], lastLine: number): void {
  all.forEach((section, index) => {
    const from = section.heading?.line ?? 1;
    const to = sectionEnd(all, index, lastLine);
    for (const { line, text } of sectionLines(section)) {
      if (isPassClaim(text)) report.passClaims.push({ line, text: truncate(text, 160), from, to });
      if (FAILED.test(text)) report.failures.push({ line, text: truncate(text, 160) });
    }
  });
}

/**
 * "Sprint wrap-up: all green" claims it for the section; "9 tests, all passing"
 * is one suite's result, unless the line states a total ("Session total: 22 tests, all passing").
 */
function isPassClaim(text: string): boolean {
  if (!ALL_PASS.test(text) || HEDGED.test(text)) return false;
  return readCounts(text) === null || statedTotals(text).length > 0;
}

/** The last line of a section: the line before the next heading of the same or a higher level. */
function sectionEnd(all: readonly Section[], index: number, lastLine: number): number {
  const depth = all[index]!.heading?.depth ?? 0;
  const next = all.slice(index + 1).find((section) => section.heading!.depth <= depth);
  return next ? next.heading!.line - 1 : lastLine;
}

function sectionLines(section: Section): { line: number; text: string }[] {
  const heading = section.heading ? [{ line: section.heading.line, text: section.heading.text }] : [];
  return [...heading, ...section.blocks.flatMap(blockLines)];
}

function blockLines(block: RootContent): { line: number; text: string }[] {
  switch (block.type) {
    case 'paragraph':
      return logicalLines(block.children, lineOf(block)).map((line) => ({ line: line.line, text: cleanText(line.text) }));
    case 'list':
      return block.children.flatMap((item) => item.children.flatMap(blockLines));
    case 'blockquote':
      return block.children.flatMap(blockLines);
    case 'table':
      return block.children.map((row) => ({ line: lineOf(row), text: cleanText(plainText(row)) }));
    default:
      return [];
  }
}
