/**
 * Mermaid source for the charts. Labels come from Tally (numbers, dates, level
 * names, P1…Pn), never from record text, so nothing a record says can change
 * a chart's syntax.
 */
import type { Charts } from '../model/charts.js';

type Chart = Charts[keyof Charts];

export function mermaidFor(chart: Chart): string {
  switch (chart.kind) {
    case 'progress': {
      const labels = chart.points.map((p) => quote(p.label));
      const max = Math.max(1, ...chart.points.map((p) => p.tests_total));
      return [
        'xychart-beta',
        `  title "Tests after each ${chart.per}: all (bars), passed (upper line), failed (lower line)"`,
        `  x-axis [${labels.join(', ')}]`,
        `  y-axis "Tests" 0 --> ${max}`,
        `  bar [${chart.points.map((p) => p.tests_total).join(', ')}]`,
        `  line [${chart.points.map((p) => p.tests_passing).join(', ')}]`,
        `  line [${chart.points.map((p) => p.tests_failing).join(', ')}]`,
      ].join('\n');
    }
    case 'pie':
      return [`pie showData title ${chart.title}`, ...chart.slices.map((s) => `  ${quote(s.label)} : ${s.value}`)].join('\n');
    case 'bar': {
      const max = Math.max(1, ...chart.slices.map((s) => s.value));
      return [
        'xychart-beta',
        `  title "${chart.title}"`,
        `  x-axis [${chart.slices.map((s) => quote(s.label)).join(', ')}]`,
        `  y-axis "${chart.axis}" 0 --> ${max}`,
        `  bar [${chart.slices.map((s) => s.value).join(', ')}]`,
      ].join('\n');
    }
  }
}

/** A label in double quotes, with anything but letters, digits and simple punctuation removed. */
function quote(label: string): string {
  return `"${label.replace(/[^\p{L}\p{N} .:/_-]/gu, '')}"`;
}
