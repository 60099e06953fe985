/** Number and text formatting for reports: fixed rules, no locale. */

/** Shown where a record does not state a figure: never zero. */
export const NOT_STATED = 'not stated';

/** 24041 → "24,041"; 1234.5 → "1,234.5". */
export function formatNumber(value: number): string {
  const negative = value < 0;
  const [whole = '0', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A percent figure (already rounded by the aggregate stage) with one decimal: "96.6%". */
export function formatPercent(value: number): string {
  return `${value.toFixed(1)}%`;
}

/** A score with at least one decimal, as stated otherwise: 8 → "8.0", 9.25 → "9.25". */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** Any model value as text. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return NOT_STATED;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'string') return value;
  throw new TypeError(`cannot show ${Object.prototype.toString.call(value)} as text; name one of its fields`);
}

/** "1 session", "2 sessions". */
export function plural(count: number, word: string): string {
  return `${formatNumber(count)} ${word}${count === 1 ? '' : 's'}`;
}

/** Lowercase words joined by "-": for ids and file names. */
export function slug(text: string, max = 60): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (s.slice(0, max).replace(/-+$/, '') || 'untitled');
}
