import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { DataDirBusyError, openDatabase, type Database } from './db/database.ts';
import { BackupError, readBackupHeader, restoreBackup, writeBackup } from './db/backup.ts';
import { applyMigrations } from './db/migrate.ts';
import { loadDemonstrationContent } from './demo.ts';
import { CLI_ACTOR } from './modules/audit/index.ts';
import { translator } from './i18n/i18n.ts';

import { AccountsError, inviteSchema, inviteUser } from './modules/accounts/index.ts';

/**
 * `alliance87 <command>`: operations on the platform's database. Each command works while the
 * server runs on the same embedded data (it goes through the server's socket) and refuses
 * with a clear message where it cannot. `bin/alliance87.js` runs it; this module only exports.
 */
interface Command {
  summary: string;
  usage: string;
  options?: Record<string, { type: 'string' | 'boolean' }>;
  /** How many positional arguments the command takes (a file name, for instance). */
  positionals?: number;
  run(input: {
    config: Config;
    values: Record<string, string | boolean | undefined>;
    positionals: string[];
    out: (line: string) => void;
    confirm: (question: string) => Promise<boolean>;
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
  backup: {
    summary: 'Write every record to a backup file (one consistent snapshot, gzip-compressed JSON).',
    usage: 'alliance87 backup FILE',
    positionals: 1,
    async run({ config, positionals, out }) {
      const file = path.resolve(positionals[0]!);
      if (fs.existsSync(file)) throw new UsageError(`${file} exists already; choose a new file name.`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const result = await withDatabase(config, (database) => writeBackup(database, file));
      out(`Backup written to ${file}: ${result.tables} tables, ${result.rows} rows, ${formatBytes(result.bytes)}.`);
    },
  },
  restore: {
    summary: 'Replace every record with those of a backup file (a backup of the current records is made first).',
    usage: 'alliance87 restore FILE [--yes]',
    positionals: 1,
    options: { yes: { type: 'boolean' } },
    async run({ config, values, positionals, out, confirm }) {
      const file = path.resolve(positionals[0]!);
      const header = await readBackupHeader(file);
      const made = new Date(header.createdAt);
      out(`Backup of ${made.toISOString()}: ${header.tables.reduce((sum, table) => sum + table.rows, 0)} rows.`);
      if (!values.yes && !(await confirm('Replace every record of this platform with the backup’s? (yes/no) '))) {
        throw new UsageError('Nothing was changed.');
      }
      await withDatabase(config, async (database) => {
        await applyMigrations(database);
        // The undo: the records as they are now, kept in the data folder.
        const folder = path.join(config.dataDir, 'backups');
        fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
        const safety = path.join(folder, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.a87.gz`);
        await writeBackup(database, safety);
        out(`The records as they were are kept in ${safety} (restore it to undo).`);
        const result = await restoreBackup(database, file);
        out(`Restored ${result.rows} rows in ${result.tables} tables from ${file}.`);
      });
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

/** Asks on the terminal; without one (a script), the command goes on: its caller decided. */
async function askOnTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return true;
  const reader = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await reader.question(question)).trim());
  } finally {
    reader.close();
  }
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function runCli(input: {
  argv: string[];
  environment?: Record<string, string | undefined>;
  out?: (line: string) => void;
  err?: (line: string) => void;
  /** Answers a yes/no question (the terminal by default). */
  confirm?: (question: string) => Promise<boolean>;
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
      allowPositionals: (command.positionals ?? 0) > 0,
    });
  } catch (error) {
    err(`${(error as Error).message}\n\nUsage: ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    out(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  if (parsed.positionals.length !== (command.positionals ?? 0)) {
    err(`Usage: ${command.usage}`);
    return 2;
  }
  try {
    const config = loadConfig(input.environment);
    await command.run({
      config,
      values: parsed.values,
      positionals: parsed.positionals,
      out,
      confirm: input.confirm ?? askOnTerminal,
    });
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
    if (error instanceof ConfigError || error instanceof DataDirBusyError || error instanceof BackupError) {
      err(error.message);
      return 1;
    }
    err(`The command failed: ${(error as Error).message}`);
    return 1;
  }
}
