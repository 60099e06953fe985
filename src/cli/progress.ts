/**
 * A progress line for long builds on an interactive terminal: shown only
 * after the first second, and only where the CLI's output is a terminal,
 * not under --json, not in CI (`CliIO.interactive`).
 */
export function terminalProgress(write: (text: string) => void, enabled: boolean): { update: (stage: string, done: number, total: number) => void; end: () => void } {
  const started = Date.now();
  let shown = false;
  return {
    update: (stage, done, total) => {
      if (!enabled || Date.now() - started < 1000) return;
      shown = true;
      write(`\r\x1b[K${stage}${total > 0 ? ` (${done} of ${total})` : ''}…`);
    },
    end: () => {
      if (shown) write('\r\x1b[K');
    },
  };
}
