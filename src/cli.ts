import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { DataDirBusyError, openDatabase, type Database } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { loadDemonstrationContent } from './demo.ts';

/**
 * `alliance87 <command>`: operations on the platform's database. Each command works while the
 * server runs on the same embedded data (it goes through the server's socket) and refuses
 * with a clear message where it cannot.
 */
interface Command {
  summary: string;
  usage: string;
  run(input: { config: Config; args: string[]; out: (line: string) => void }): Promise<void>;
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ config, role: 'cli' });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply the pending database migrations.',
    usage: 'alliance87 migrate',
    async run({ config, out }) {
      const { applied } = await withDatabase(config, applyMigrations);
      out(applied === 0 ? 'The database is up to date.' : `Applied ${applied} migration(s).`);
    },
  },
  'demo:load': {
    summary: 'Load (or refresh) the demonstration content. Text changed by editors is kept.',
    usage: 'alliance87 demo:load',
    async run({ config, out }) {
      const result = await withDatabase(config, async (database) => {
        await applyMigrations(database);
        return loadDemonstrationContent(database.db);
      });
      out(
        `Demonstration content loaded: ${result.pages.written} page text(s) written, ` +
          `${result.pages.kept} kept because an editor changed them.`,
      );
    },
  },
};

function help(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`);
  return [
    'Usage: alliance87 <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `alliance87 <command> --help` for a command’s options.',
    'Configuration comes from the environment (DATA_DIR, DATABASE_URL…); see .env.example.',
  ].join('\n');
}

export async function runCli(input: {
  argv: string[];
  environment?: Record<string, string | undefined>;
  out?: (line: string) => void;
  err?: (line: string) => void;
}): Promise<number> {
  const out = input.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const err = input.err ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [name, ...rest] = input.argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    err(`Unknown command “${name}”.\n\n${help()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: false });
  } catch (error) {
    err(`${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    out(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    const config = loadConfig(input.environment);
    await command.run({ config, args: rest, out });
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataDirBusyError) {
      err(error.message);
      return 1;
    }
    err(`The command failed: ${(error as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bin/alliance87.js')) {
  process.exitCode = await runCli({ argv: process.argv.slice(2) });
}
