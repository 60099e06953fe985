/** The markdown dialect of every report, chosen once. */
import type { Options as GfmOptions } from 'remark-gfm';
import type { Options as StringifyOptions } from 'remark-stringify';

export const gfmOptions: GfmOptions = {
  // Unaligned pipes: a longer value changes one row, not the whole table, in a diff.
  tablePipeAlign: false,
  tableCellPadding: true,
  singleTilde: false,
};

export const stringifyOptions: StringifyOptions = {
  bullet: '-',
  bulletOther: '*',
  emphasis: '_',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  resourceLink: true,
  // GitHub renders $...$ as math: escape every dollar sign in text.
  unsafe: [{ character: '$', inConstruct: 'phrasing' }],
};
