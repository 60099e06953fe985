/**
 * Names and text: the name of a component or a session from its heading,
 * paths in inline code or bold, and the small string helpers the legacy read
 * shares.
 */
import type { PhrasingContent } from 'mdast';
import { isPath, readCounts, readScore } from '../figures.js';
import { cleanText, plainText } from '../markdown.js';

/** A numbered session under any label: "Session 4", "Sprint 3", "Iteration #2", "Day 5", "Week 6". */
export const SESSION_NUMBER = /\b(session|sprint|iteration|cycle|day|week)\s*#?\s*(\d+)\b/i;

export function componentName(text: string): string {
  let name = text
    .replace(/\((?:score|quality)[^)]*\)/gi, '')
    .replace(/\((?:[^()]*\bscore\s*:?\s*)?\d{1,2}(?:\.\d+)?\s*\/\s*10\s*\)/gi, '')
    .replace(/\b(?:score|quality|rated|rating)\s*:?\s*\d[\d.]*\s*(?:\/|out of)\s*10\b/gi, '');
  name = name.replace(/^\s*(?:#\s*)?\d+\s*[.)]\s*/, '');
  name = name.replace(/\((?:P\d[^)]*|[^)]*blocking[^)]*|[^)]*critical[^)]*)\)/gi, '');
  name = name.split(/\s+[-–—]\s+|\s*[-–—]{2}\s*/)[0] ?? name;
  name = name.replace(/\b(COMPLETED?|DONE|IN PROGRESS|PARTIAL)\b.*$/i, '');
  return cleanText(stripDecoration(name)).replace(/[:,]$/, '') || cleanText(text);
}

/** The heading without its date and times, which the record holds in fields of their own. */
export function sessionTitle(text: string): string {
  const title = stripDecoration(text)
    .replace(/\(?\s*\d{4}-\d{2}-\d{2}(\s*(?:to|–|—|-|→)\s*\d{4}-\d{2}-\d{2})?\s*(?:[-–—,(]\s*)?(\d{1,2}:\d{2}(?::\d{2})?(\s*(?:-|–|—|to|→)\s*\d{1,2}:\d{2})?)?\s*(UTC)?\s*\)?/g, ' ')
    .replace(/\(\s*\d{1,2}:\d{2}\s*(?:-|–|—|to|→)\s*\d{1,2}:\d{2}\s*(?:UTC)?\s*\)/g, ' ')
    .replace(/(?:\s*[-–—:]\s*){2,}/g, ': ')
    .replace(/^\s*[-–—:]\s*|\s*[-–—:]\s*$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // "Week of 2025-05-05 to 2025-05-09" means nothing without its dates: keep them.
  const meaningful = title.split(' ').length > 1 && !/\b(of|from|to|on|for)$/i.test(title);
  return meaningful || /^session \d+$/i.test(title) ? title : cleanText(stripDecoration(text)) || 'Session';
}

export function stripDecoration(text: string): string {
  return cleanText(text.replace(/\*\*/g, ''));
}

/** "UNIT TEST COVERAGE 100% MISSION - PROGRESS REPORT" → "Unit test coverage 100% mission - progress report". */
export function titleCase(text: string): string {
  if (text !== text.toUpperCase()) return text;
  const lower = text.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

export function codesIn(nodes: readonly PhrasingContent[]): string[] {
  const out: string[] = [];
  const visit = (node: PhrasingContent) => {
    if (node.type === 'inlineCode') out.push(node.value.trim());
    else if ('children' in node) (node.children as PhrasingContent[]).forEach(visit);
  };
  nodes.forEach(visit);
  return out;
}

export function pathIn(nodes: readonly PhrasingContent[]): string | null {
  for (const code of codesIn(nodes)) if (isPath(code)) return code;
  for (const node of nodes) {
    if (node.type === 'strong') {
      const text = plainText(node).trim();
      if (isPath(text)) return text;
    }
  }
  return null;
}

/**
 * The name the author gives a component in bold before its test file
 * ("**LedgerWriter** — `tests/unit/test_ledger_writer.py`"), as written; null
 * when nothing bold comes before the file, or the bold text is itself a path.
 */
const STATUS_WORD = /^(new|done|completed?|fixed|updated|added|passing|failing|green|red|in progress|wip|partial|ok)$/i;

export function nameBefore(nodes: readonly PhrasingContent[], path: string): string | null {
  for (const node of nodes) {
    const text = plainText(node);
    if (node.type === 'strong') return boldName(text, path);
    if (text.includes(path)) return null;
  }
  return null;
}

/**
 * The bold name written right after the test file: "`tests/unit/test_parser.py`
 * (**EntryParser**): 12 passed", with nothing but punctuation between them.
 */
export function nameAfter(nodes: readonly PhrasingContent[], path: string): string | null {
  const at = nodes.findIndex((node) => plainText(node).includes(path));
  if (at === -1) return null;
  for (const node of nodes.slice(at + 1)) {
    if (node.type === 'strong') return boldName(plainText(node), path);
    if (!/^[\s(:–—-]*$/.test(plainText(node))) return null;
  }
  return null;
}

/** A bold text as a component's name, unless it is a path, a status or a figure ("**NEW**", "**27/30 passing**"). */
function boldName(text: string, path: string): string | null {
  const name = cleanText(text).replace(/\s*:$/, '');
  if (name.includes(path) || isPath(name)) return null;
  return /\p{L}/u.test(name) && !STATUS_WORD.test(name) && readCounts(name) === null && readScore(name) === null ? name : null;
}

export function firstWordPath(text: string): string | null {
  const m = /[\w./-]+\.(?:py|ts|tsx|js|jsx|mjs|go|rs|java|kt|rb|php|cs|swift)\b/.exec(text);
  return m ? m[0] : null;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A component name as compared across reports: "UniversalRegistry<T> SSOT", "universal_registry.py" and "Universal Registry" are one. */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/\([^)]*\)/g, '')
    .replace(/\bssot\b/g, '')
    .replace(/\.(py|ts|tsx|js|go)$/, '')
    .replace(/[^a-z0-9]+/g, '');
}

/** Words that say nothing of which work a heading is about. */
const STOP_WORDS = new Set([
  'session', 'sessions', 'achievements', 'critical', 'the', 'and', 'for', 'all', 'with', 'unit', 'tests', 'test', 'ssot', 'previous', 'new',
  'utc', 'complete', 'completed', 'phase', 'suite', 'suites', 'file', 'files', 'component', 'components', 'mission', 'coverage',
  'comprehensive', 'major', 'milestone', 'progress', 'summary', 'status', 'report', 'work', 'created', 'achieved',
]);

/** Significant words: "P0" counts, "the", "session" and plurals' endings do not. */
export function significantWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => (word.length > 2 || /^p\d$/.test(word)) && !STOP_WORDS.has(word) && !/^\d+$/.test(word))
    .map((word) => word.replace(/s$/, ''));
}
