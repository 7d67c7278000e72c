import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { DataDirBusyError, openDatabase, type Database } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { loadDemonstrationContent } from './demo.ts';
import { CLI_ACTOR } from './modules/audit/index.ts';
import { translator } from './i18n/i18n.ts';

import { AccountsError, inviteSchema, inviteUser } from './modules/accounts/index.ts';

/**
 * `alliance87 <command>`: operations on the platform's database. Each command works while the
 * server runs on the same embedded data (it goes through the server's socket) and refuses
 * with a clear message where it cannot.
 */
interface Command {
  summary: string;
  usage: string;
  options?: Record<string, { type: 'string' | 'boolean' }>;
  run(input: {
    config: Config;
    values: Record<string, string | boolean | undefined>;
    out: (line: string) => void;
  }): Promise<void>;
}

export class UsageError extends Error {}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ config, role: 'cli' });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  'users:create': {
    summary: 'Create an account with a role and print a one-time link to set its password.',
    usage:
      'alliance87 users:create --email E --role R [--name N] [--locale fr|en|es] [--country ISO3] [--organization SLUG] [--action-group SLUG]',
    options: {
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      locale: { type: 'string' },
      country: { type: 'string' },
      organization: { type: 'string' },
      'action-group': { type: 'string' },
    },
    async run({ config, values, out }) {
      const parsed = inviteSchema.safeParse({
        email: values.email,
        name: values.name ?? '',
        locale: values.locale ?? config.defaultLocale,
        role: values.role,
        country: values.country,
        organization: values.organization,
        action_group: values['action-group'],
      });
      if (!parsed.success) {
        throw new UsageError(
          parsed.error.issues
            .map((issue) => `--${String(issue.path[0] ?? '?').replace('_', '-')}: ${issue.message}`)
            .join('\n'),
        );
      }
      const { link, userId } = await withDatabase(config, async (database) => {
        await applyMigrations(database);
        return inviteUser({
          db: database.db,
          invitation: parsed.data,
          actor: CLI_ACTOR,
          publicUrl: config.publicUrl,
          sendMail: false,
          ip: null,
        });
      });
      out(`Account ${userId} created for ${parsed.data.email} (${parsed.data.role}).`);
      out(`One-time link to set the password (valid 24 hours):\n${link}`);
    },
  },
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
          `${result.pages.kept} kept because an editor changed them; ${result.partners.organizations} demonstration partner(s).`,
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
    parsed = parseArgs({
      args: rest,
      options: { help: { type: 'boolean', short: 'h' }, ...(command.options ?? {}) },
      allowPositionals: false,
    });
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
    await command.run({ config, values: parsed.values, out });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof AccountsError) {
      err(translator('en').t(error.code));
      return 1;
    }
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
