/**
 * The diff as markdown for a pull-request comment, built as mdast and
 * serialized by remark-stringify, so names from records are escaped like
 * everywhere else.
 */
import type { List, PhrasingContent, RootContent, Table, TableRow } from 'mdast';
import { stringifyTree } from '../normalize/normalize.js';
import { formatNumber, formatOutcomes, formatPassRate, formatScore, NOT_STATED, plural } from '../text/format.js';
import type { ComponentChange, Diff, Figures, MissionDiff, TotalsBrief } from './compare.js';

const t = (value: string): PhrasingContent => ({ type: 'text', value: value.replace(/\r?\n/g, ' ') });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [t(value)] });
const para = (...children: PhrasingContent[]): RootContent => ({ type: 'paragraph', children });
const list = (items: PhrasingContent[][]): List => ({ type: 'list', ordered: false, spread: false, children: items.map((children) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children }] })) });
const row = (cells: string[]): TableRow => ({ type: 'tableRow', children: cells.map((cell) => ({ type: 'tableCell', children: [t(cell)] })) });
const table = (head: string[], rows: string[][]): Table => ({ type: 'table', align: head.map(() => null), children: [row(head), ...rows.map(row)] });

const num = (value: number | null) => (value === null ? NOT_STATED : formatNumber(value));
const score = (value: number | null) => (value === null ? NOT_STATED : `${formatScore(value)}/10`);
/** "44: 41 passed · 3 failed": the count and its outcomes, never a bare passed/total that reads unrun tests as failures. */
const tests = (f: Figures | null) => (f === null || f.tests_total === null ? NOT_STATED : `${formatNumber(f.tests_total)}: ${formatOutcomes(f)}`);
const rate = (f: Figures | TotalsBrief | null) => (f === null ? NOT_STATED : formatPassRate(f));

export function diffToMarkdown(diff: Diff): string {
  const children: RootContent[] = [{ type: 'heading', depth: 2, children: [t('Tally: what this change does to the records')] }];
  children.push(para(t('Compared with '), code(diff.base), t('.')));
  const changed = diff.missions.filter((m) => m.status !== 'unchanged');
  if (changed.length === 0) children.push(para(t('No mission changes.')));
  for (const mission of changed) children.push(...missionSection(mission));
  return stringifyTree({ type: 'root', children });
}

function missionSection(m: MissionDiff): RootContent[] {
  const out: RootContent[] = [{ type: 'heading', depth: 3, children: [t(`${m.title} (`), code(m.name), t(`)${m.status === 'changed' ? '' : `: ${m.status}`}`)] }];
  out.push(totalsTable(m.totals.before, m.totals.after));
  if (m.sessions_added.length > 0) {
    out.push(para(strong(`${plural(m.sessions_added.length, 'session')} added`)));
    out.push(list(m.sessions_added.map((s) => [t(`${s.date}: ${s.title} `), code(s.file)])));
  }
  if (m.sessions_removed.length > 0) {
    out.push(para(strong(`${plural(m.sessions_removed.length, 'session')} removed`)));
    out.push(list(m.sessions_removed.map((s) => [t(`${s.date}: ${s.title} `), code(s.file)])));
  }
  const components = [...m.components_added.map((c) => ['added', c] as const), ...m.components_changed.map((c) => ['changed', c] as const), ...m.components_removed.map((c) => ['removed', c] as const)];
  if (components.length > 0) {
    out.push(para(strong(`${plural(components.length, 'component')} added or changed`)));
    out.push(table(['Component', 'Change', 'Tests', 'Pass rate', 'Score'], components.map(([kind, c]) => componentRow(kind, c))));
  }
  if (m.findings_new.length > 0) {
    out.push(para(strong(`${plural(m.findings_new.length, 'new finding')}`)));
    out.push(list(m.findings_new.map((f) => [code(`${f.file}:${f.line}`), t(` ${f.message}`)])));
  }
  if (m.findings_resolved.length > 0) {
    out.push(para(strong(`${plural(m.findings_resolved.length, 'finding')} resolved`)));
    out.push(list(m.findings_resolved.map((f) => [code(f.file), t(` ${f.message}`)])));
  }
  return out;
}

const arrow = (before: string, after: string) => (before === after ? after : `${before} → ${after}`);

function componentRow(kind: string, c: ComponentChange): string[] {
  // An added component has only an after; a removed one only a before.
  const show = (pick: (f: Figures | null) => string) => (c.before === null ? pick(c.after) : c.after === null ? pick(c.before) : arrow(pick(c.before), pick(c.after)));
  return [c.name, kind, show(tests), show(rate), show((f) => score(f?.score ?? null))];
}

function totalsTable(before: TotalsBrief | null, after: TotalsBrief | null): Table {
  const line = (label: string, pick: (x: TotalsBrief) => string) => [label, before ? pick(before) : '—', after ? pick(after) : '—'];
  return table(
    ['Total', 'Before', 'After'],
    [
      line('Sessions', (x) => num(x.sessions)),
      line('Components', (x) => num(x.components)),
      line('Tests', (x) => num(x.tests_total)),
      line('Outcomes', (x) => formatOutcomes(x)),
      line('Pass rate', (x) => rate(x)),
      line('Average score', (x) => score(x.avg_score)),
      line('Findings', (x) => num(x.findings)),
    ],
  );
}

