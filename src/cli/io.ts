/** What a command may touch of the outside world, injected so tests run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The working folder every path is resolved against. */
  cwd: string;
  /** All of standard input, for `--from-json -`. */
  stdin?: () => Promise<string>;
  /** Today's date in UTC as YYYY-MM-DD, the default date of `tally new`. */
  today?: () => string;
  /** Standard error is a terminal and this is not CI: long builds may show progress. */
  interactive?: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    today: () => new Date().toISOString().slice(0, 10),
    interactive: process.stderr.isTTY === true && !process.env['CI'],
  };
}
