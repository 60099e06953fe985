/** The 1-based line and column of a character offset in a text (an offset before the start is the first character). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, offset);
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: at - start + 1 };
}
