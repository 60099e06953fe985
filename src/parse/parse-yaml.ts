/**
 * Parse stage: YAML text into plain data plus the position of every node.
 *
 * Records come from many writers, so the parser is configured for untrusted
 * input: YAML 1.2 core schema only, unique keys, no anchors, aliases, merge
 * keys or tags, one document per file, and every parser warning is an error.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit } from 'yaml';
import type { Document, Node, YAMLError } from 'yaml';
import type { SourceFile } from '../model/files.js';
import type { Issue, ParsedFile, Position, PositionIndex } from '../model/records.js';
import { emptyIndex } from './position-index.js';
import { explainSlip, lineStartOf } from './yaml-slips.js';

export interface ParseResult {
  file: ParsedFile | null;
  issues: Issue[];
}

export function parseYaml(source: SourceFile): ParseResult {
  const lineCounter = new LineCounter();
  const text = source.text.startsWith('\uFEFF') ? source.text.slice(1) : source.text;
  const docs = parseAllDocuments(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    merge: false,
    strict: true,
    prettyErrors: false,
    lineCounter,
  });
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const issues: Issue[] = [];
  const issue = (code: Issue['code'], offset: number, message: string): void => {
    issues.push({ code, file: source.path, ...at(offset), path: '', message });
  };

  // `parseAllDocuments` returns an EmptyStream for blank input.
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  for (const extra of list.slice(1)) {
    issue('yaml-forbidden', extra.range[0], 'found a second YAML document; expected exactly one document per file');
  }
  if (!doc) {
    const empty = emptyIndex();
    empty.values[''] = at(0);
    return { file: { path: source.path, data: null, positions: empty }, issues };
  }
  // One syntax error usually sets off others on the lines after it: report the
  // first, in the words of the slip behind it when it is a common one, plus
  // every duplicate key before it (each is a separate mistake; after it, keys
  // may be artefacts of the parser's recovery). Unresolved tags are reported
  // below, with every other tag.
  const errors = [...doc.errors, ...doc.warnings].filter((error) => error.code !== 'TAG_RESOLVE_FAILED');
  const first = firstSyntaxError(errors);
  const slip = first ? explainSlip(doc, text, first) : null;
  const trusted = first ? Math.min(lineStartOf(text, first.pos[0]), lineStartOf(text, slip?.offset ?? first.pos[0])) : Infinity;
  for (const error of errors) {
    if (error.code !== 'DUPLICATE_KEY' || error.pos[0] >= trusted) continue;
    const key = /^["']?([^"':\n]*)/.exec(text.slice(error.pos[0]))?.[1]?.trim() ?? '';
    issue('yaml-syntax', error.pos[0], `duplicate key "${key}"; expected each key once in a mapping`);
  }
  if (first) issue('yaml-syntax', slip?.offset ?? first.pos[0], slip?.message ?? `${describeYamlError(first.code)}: ${firstLine(first.message)}`);
  if (doc.directives.yaml.explicit) {
    issue('yaml-forbidden', 0, 'found a %YAML directive; expected none (records are always read as YAML 1.2)');
  }
  // After a syntax error the parser's guesses can look like complex keys or tags: only nodes before it count.
  forbidUnsafeNodes(doc, (code, offset, message) => {
    if (offset < trusted) issue(code, offset, message);
  });
  if (issues.length > 0) return { file: null, issues: issues.sort((a, b) => a.line - b.line || a.column - b.column) };

  const positions = emptyIndex();
  indexPositions(doc.contents, '', positions, at);
  return { file: { path: source.path, data: doc.toJS({ maxAliasCount: 0 }), positions }, issues };
}

/** The syntax error the parser met first in the text (its list is not always in text order). */
function firstSyntaxError(errors: YAMLError[]): YAMLError | undefined {
  const syntax = errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  return syntax.reduce<YAMLError | undefined>((first, error) => (first && first.pos[0] <= error.pos[0] ? first : error), undefined);
}

function forbidUnsafeNodes(doc: Document, issue: (code: Issue['code'], offset: number, message: string) => void): void {
  // Anchors and aliases are reported once, at the first, with their count: an
  // alias bomb is rejected at once, without expanding anything.
  const references: { offset: number; text: string }[] = [];
  visit(doc, {
    Alias(_key, node) {
      references.push({ offset: node.range?.[0] ?? 0, text: `the alias *${node.source}` });
    },
    Node(_key, node) {
      if (isAlias(node)) return;
      if (node.anchor) references.push({ offset: node.range?.[0] ?? 0, text: `the anchor &${node.anchor}` });
      // `tag` is set only where the source names one explicitly.
      if (node.tag) {
        const tag = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
        issue('yaml-forbidden', node.range?.[0] ?? 0, `found the tag ${tag}; expected plain values (tags are not accepted)`);
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.value === '<<' && pair.key.type === 'PLAIN') {
        issue('yaml-forbidden', pair.key.range?.[0] ?? 0, 'found a merge key <<; expected plain keys (merge keys are not accepted)');
      }
      if (pair.key !== null && !isScalar(pair.key)) {
        const key = pair.key as Node;
        issue('yaml-forbidden', key.range?.[0] ?? 0, 'found a complex mapping key; expected a plain text key');
      }
    },
  });
  const first = references.sort((a, b) => a.offset - b.offset)[0];
  if (first) {
    const more = references.length > 1 ? ` (one of ${references.length} anchors and aliases in the file)` : '';
    issue('yaml-forbidden', first.offset, `found ${first.text}${more}; expected plain values (anchors and aliases are not accepted)`);
  }
}

function indexPositions(
  node: unknown,
  path: string,
  index: PositionIndex,
  at: (offset: number) => Position,
): void {
  if (!node || typeof node !== 'object' || !('range' in node)) return;
  const range = (node as Node).range;
  if (range) index.values[path] = at(range[0]);
  if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const keyName = isScalar(keyNode) ? String(keyNode.value) : '';
      const child = path === '' ? keyName : `${path}.${keyName}`;
      if (keyNode?.range) {
        index.keys[child] = at(keyNode.range[0]);
        index.values[child] = at(keyNode.range[0]);
      }
      indexPositions(pair.value, child, index, at);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => indexPositions(item, path === '' ? String(i) : `${path}.${i}`, index, at));
  }
}

function describeYamlError(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key';
    case 'TAB_AS_INDENT':
      return 'tab used for indentation';
    case 'BAD_INDENT':
      return 'bad indentation';
    case 'MISSING_CHAR':
      return 'missing character';
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key may not span several lines';
    case 'TAG_RESOLVE_FAILED':
      return 'unknown tag';
    default:
      return 'invalid YAML';
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}
