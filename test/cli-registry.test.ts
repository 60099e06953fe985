/**
 * The command registry: every file under src/cli/commands is a command the
 * program knows, each command's help ends with an example, and starting
 * `tally` loads only the command definitions, not what the commands run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandSpec } from '../src/cli/command.js';
import { COMMANDS } from '../src/cli/run.js';
import { repoRoot, tally } from './helpers/cli.js';

const commandsDir = path.join(repoRoot, 'src/cli/commands');
const files = readdirSync(commandsDir).filter((file) => file.endsWith('.ts'));

describe('the registry', () => {
  it.each(files)('registers commands/%s, named as its file', async (file) => {
    const { command } = (await import(path.join(commandsDir, file))) as { command: CommandSpec };
    expect(COMMANDS).toContain(command);
    expect(command.name).toBe(path.basename(file, '.ts'));
  });

  it('registers each command once, and nothing outside commands/', () => {
    expect(new Set(COMMANDS).size).toBe(COMMANDS.length);
    expect(COMMANDS.map((command) => `${command.name}.ts`).sort()).toEqual([...files].sort());
  });

  it.each(COMMANDS.map((command) => command.name))('tally %s --help ends with an example of the command', async (name) => {
    const help = await tally([name, '--help'], repoRoot);
    expect(help.code).toBe(0);
    const examples = /\nExamples?:\n((?: {2}\S.*\n)+)$/.exec(help.stdout);
    expect(examples, help.stdout).not.toBeNull();
    expect(examples![1]).toContain(`tally ${name}`);
  });
});

describe('startup', () => {
  /** The modules `from` imports statically (not `import type`, not `await import()`), as files or package names. */
  function staticImports(from: string): string[] {
    const text = readFileSync(from, 'utf8');
    const found: string[] = [];
    for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'([^']+)'/gm)) {
      if (match[1]) continue;
      const specifier = match[2]!;
      if (!specifier.startsWith('.')) found.push(specifier);
      else {
        const file = path.resolve(path.dirname(from), specifier).replace(/\.js$/, '.ts');
        found.push(existsSync(file) ? file : path.resolve(path.dirname(from), specifier));
      }
    }
    return found;
  }

  it('loads no command implementation, parser, schema or template engine before a command runs', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const queue = [path.join(repoRoot, 'src/cli/main.ts')];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const imported of staticImports(file)) {
        if (path.isAbsolute(imported)) queue.push(imported);
        else if (!imported.startsWith('node:')) packages.add(imported);
      }
    }
    expect([...packages]).toEqual(['commander']);
    const loaded = [...seen].map((file) => path.relative(repoRoot, file));
    expect(loaded.filter((file) => file.startsWith('src/cli/actions/'))).toEqual([]);
    expect(loaded).toEqual(expect.arrayContaining(files.map((file) => `src/cli/commands/${file}`)));
  });
});
