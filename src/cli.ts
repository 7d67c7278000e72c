import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { makeBackup, resolveBackupFile, restoreWithUndo } from './backups.ts';
import { ConfigError, LOCALES, loadConfig, type Config } from './config/config.ts';
import { DataDirBusyError, openDatabase, type Database } from './db/database.ts';
import { BackupError, readBackupHeader } from './db/backup.ts';
import { applyMigrations } from './db/migrate.ts';
import { loadDemonstrationContent } from './demo.ts';
import { parseForm } from './http/forms.ts';
import { translator } from './i18n/i18n.ts';
import { AccountsError, commandLineAccountSchema, createAccountWithLink, ROLES } from './modules/accounts/index.ts';
import { CLI_ACTOR } from './modules/audit/index.ts';
import {
  IMPORT_FORMATS,
  importObservations,
  restoreVersion,
  type ImportFormat,
  type ImportReport,
} from './modules/data/index.ts';
import { AppError } from './http/errors.ts';
import { resolvePublicUrl } from './startup.ts';

/**
 * `alliance87 <command>`: operations on the platform's database. Each command works while the
 * server runs on the same embedded data (it goes through the server's socket) and refuses
 * with a clear message where it cannot. `bin/alliance87.js` runs it; this module only exports.
 */

interface OptionSpec {
  type: 'string' | 'boolean';
  /** The value's placeholder in the usage line (`E`, `ISO3`); none for a boolean. */
  value?: string;
  required?: boolean;
  /** The accepted values, listed in the help and in the message about a wrong one. */
  choices?: readonly string[];
  description: string;
}

interface Command {
  /** One line, for the list of commands. */
  summary: string;
  /** More about what the command does, for its own help. */
  details?: string;
  /** The one argument the command takes besides its options (a file), if any. */
  argument?: { name: string; description: string };
  options?: Record<string, OptionSpec>;
  run(input: {
    config: Config;
    values: Record<string, string | boolean | undefined>;
    argument: string | undefined;
    out: (line: string) => void;
    confirm: (question: string) => Promise<boolean>;
  }): Promise<void>;
}

/** Bad input on the command line: the message, then the command's usage. */
export class UsageError extends Error {}

const english = translator('en');

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ config, role: 'cli' });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const BACKUP_FILE_HELP =
  'A bare file name is in the data folder’s backups/ (DATA_DIR/backups/); a path with a folder is taken as it is.';

const commands: Record<string, Command> = {
  'users:create': {
    summary: 'Create an account with a role and print a one-time link to set its password.',
    details:
      'For an account whose password was never set, it prints a new link instead (links printed or sent ' +
      'before stop working). An active account is refused: its owner resets the password from the sign-in page. ' +
      'The link starts with PUBLIC_URL, or else with the address the running server recorded when it started.',
    options: {
      email: { type: 'string', value: 'E', required: true, description: 'The person’s e-mail address.' },
      role: { type: 'string', value: 'R', required: true, choices: ROLES, description: 'The role to give.' },
      name: {
        type: 'string',
        value: 'N',
        description: 'The person’s name; without it, they give it when they set their password.',
      },
      locale: {
        type: 'string',
        value: LOCALES.join('|'),
        choices: LOCALES,
        description: 'The language of the account and of its link (DEFAULT_LOCALE when left out).',
      },
      country: {
        type: 'string',
        value: 'ISO3',
        description: 'For focal_point: the country, as a three-letter ISO code such as PER.',
      },
      organization: {
        type: 'string',
        value: 'SLUG',
        description: 'For partner_rep: the organization, as in its address /en/partners/SLUG.',
      },
      'action-group': {
        type: 'string',
        value: 'SLUG',
        description: 'For ag_chair and ag_member: the action group.',
      },
    },
    async run({ config, values, out }) {
      const form = parseForm(commandLineAccountSchema, {
        email: values.email,
        name: values.name,
        locale: values.locale ?? config.defaultLocale,
        role: values.role,
        country: values.country,
        organization: values.organization,
        action_group: values['action-group'],
      });
      if (!form.ok) {
        throw new UsageError(
          Object.entries(form.errors)
            .map(([field, error]) => describeOptionProblem(field, english.t(error.key, error.values), error.key))
            .join('\n'),
        );
      }
      const account = form.data;
      const result = await withDatabase(config, async (database) => {
        await applyMigrations(database);
        return createAccountWithLink({
          db: database.db,
          account,
          actor: CLI_ACTOR,
          publicUrl: await resolvePublicUrl({ database, config }),
        });
      });
      if (result.created) {
        out(`Account ${result.userId} created for ${account.email} (${account.role}).`);
      } else {
        out(`The account of ${account.email} exists but its password was never set: here is a new link.`);
        out('Links printed or sent before this one no longer work.');
        if (result.roleAdded) out(`The role ${account.role} was added to it.`);
      }
      out(`One-time link to set the password (valid 24 hours):\n${result.link}`);
    },
  },
  migrate: {
    summary: 'Apply the pending database migrations.',
    async run({ config, out }) {
      const { applied } = await withDatabase(config, applyMigrations);
      out(applied === 0 ? 'The database is up to date.' : `Applied ${applied} migration(s).`);
    },
  },
  backup: {
    summary: 'Write every record to a backup file (one consistent snapshot, gzip-compressed JSON).',
    argument: { name: 'FILE', description: `The file to write; it must not exist yet. ${BACKUP_FILE_HELP}` },
    async run({ config, argument, out }) {
      const file = resolveBackupFile({ config, name: argument! });
      if (fs.existsSync(file)) throw new UsageError(`${file} exists already; choose a new file name.`);
      const result = await withDatabase(config, (database) => makeBackup({ database, file, actor: CLI_ACTOR }));
      out(`Backup written to ${file}: ${result.tables} tables, ${result.rows} rows, ${formatBytes(result.bytes)}.`);
    },
  },
  restore: {
    summary: 'Replace every record with those of a backup file (an undo is kept first).',
    details:
      'The records it replaces are first kept in DATA_DIR/backups/before-restore-<time>.a87.gz: restoring ' +
      'that file undoes the restore. On a terminal it asks for confirmation first.',
    argument: { name: 'FILE', description: `The backup to restore. ${BACKUP_FILE_HELP}` },
    options: {
      yes: { type: 'boolean', description: 'Do not ask for confirmation on a terminal.' },
    },
    async run({ config, values, argument, out, confirm }) {
      const file = resolveBackupFile({ config, name: argument! });
      const header = await readBackupHeader(file);
      const made = new Date(header.createdAt);
      out(`Backup of ${made.toISOString()}: ${header.tables.reduce((sum, table) => sum + table.rows, 0)} rows.`);
      if (!values.yes && !(await confirm('Replace every record of this platform with the backup’s? (yes/no) '))) {
        throw new UsageError('Nothing was changed.');
      }
      await withDatabase(config, async (database) => {
        await applyMigrations(database);
        const result = await restoreWithUndo({ database, config, file, actor: CLI_ACTOR });
        out(`The records as they were are kept in ${result.undoFile} (restore it to undo).`);
        out(`Restored ${result.rows} rows in ${result.tables} tables from ${file}.`);
      });
    },
  },
  'data:import': {
    summary: 'Import indicator observations from a CSV file, as a new version of each indicator’s data.',
    details:
      'The whole file is checked first: a file with any bad row is rejected with the list of its problems ' +
      '(row, column, what is wrong) and nothing is written. Rows with an empty value are skipped and counted. ' +
      'Observations already there with the same dimensions are replaced when their value differs; the others are kept. ' +
      'The previous version stays readable and can be brought back with data:restore.',
    argument: { name: 'FILE', description: 'The CSV file (UTF-8, with a header row).' },
    options: {
      format: {
        type: 'string',
        value: IMPORT_FORMATS.join('|'),
        required: true,
        choices: IMPORT_FORMATS,
        description:
          'tidy: one observation per row (indicator, geo, year, value…); unsdg: UN SDG Global Database (DDF); ' +
          'ilostat: ILOSTAT (DDF); opensdg: a national Open SDG platform’s file.',
      },
      'dry-run': { type: 'boolean', description: 'Check the file and report what would change; write nothing.' },
      'create-indicators': {
        type: 'boolean',
        description:
          'Create indicators not in the catalogue as drafts named by their code (else the file is rejected).',
      },
      indicator: {
        type: 'string',
        value: 'CODE',
        description:
          'For opensdg: the indicator code, instead of the one in the file name (indicator_8-7-1.csv: 8.7.1).',
      },
      geo: { type: 'string', value: 'ISO3', description: 'For opensdg: the country the file is about, such as ARM.' },
      source: {
        type: 'string',
        value: 'TEXT',
        description: 'For opensdg: the source written on each observation (the file name otherwise).',
      },
    },
    async run({ config, values, argument, out }) {
      const file = argument!;
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file}: no such file.`);
      const format = values.format as string;
      if (!(IMPORT_FORMATS as readonly string[]).includes(format)) {
        throw new UsageError(`--format: Accepted values: ${IMPORT_FORMATS.join(', ')}.`);
      }
      const progress = process.stderr.isTTY
        ? (rows: number) => process.stderr.write(`\rRead ${rows.toLocaleString('en')} rows…`)
        : undefined;
      const report = await withDatabase(config, async (database) => {
        await applyMigrations(database);
        return importObservations({
          db: database.db,
          file: fs.createReadStream(file),
          options: {
            format: format as ImportFormat,
            fileName: path.basename(file),
            dryRun: values['dry-run'] === true,
            createIndicators: values['create-indicators'] === true,
            indicator: values.indicator as string | undefined,
            geo: values.geo as string | undefined,
            source: values.source as string | undefined,
          },
          actor: CLI_ACTOR,
          onProgress: progress,
        });
      });
      if (progress) process.stderr.write('\n');
      for (const line of describeImport(report)) out(line);
      if (report.problemCount > 0) throw new ImportRejected();
    },
  },
  'data:restore': {
    summary: 'Bring back an earlier version of an indicator’s data, as a new version.',
    details: 'The versions in between stay readable; the restore is recorded in the audit log.',
    argument: { name: 'CODE', description: 'The indicator’s code, as in its address /en/data/CODE.' },
    options: {
      version: { type: 'string', value: 'N', required: true, description: 'The number of the version to bring back.' },
    },
    async run({ config, values, argument, out }) {
      const number = Number(values.version);
      if (!Number.isSafeInteger(number) || number < 1)
        throw new UsageError('--version: Give a version number (1, 2…).');
      const result = await withDatabase(config, async (database) => {
        await applyMigrations(database);
        return restoreVersion({ db: database.db, code: argument!, number, actor: CLI_ACTOR });
      });
      out(
        `Version ${number} of ${argument} is back as version ${result.version}: ${result.observations} observation(s) ` +
          `(${result.added} brought back, ${result.removed} taken out).`,
      );
    },
  },
  'demo:load': {
    summary: 'Load (or refresh) the demonstration content. Text changed by editors is kept.',
    async run({ config, out }) {
      const result = await withDatabase(config, async (database) => {
        await applyMigrations(database);
        return loadDemonstrationContent(database.db);
      });
      out(
        `Demonstration content loaded: ${result.pages.written} starting page text(s) added, ` +
          `${result.pages.kept} already there (editors' text is kept); ${result.partners.organizations} demonstration partner(s); ` +
          `${result.pathfinders.countries} pathfinder country(ies) from public sources; ` +
          `${result.pathfinders.roadmaps} illustrative roadmap(s) and ${result.pathfinders.reports} illustrative report(s), marked as demonstration; ` +
          `${result.news.stories} news story(ies) told from public sources.`,
      );
    },
  },
};

/** A rejected import: its report says why; the exit code says it failed. */
class ImportRejected extends Error {}

/** An import's report as lines of English. */
function describeImport(report: ImportReport): string[] {
  const lines = [
    `Read ${report.rows} row(s) of ${report.fileName} (${report.format}): ${report.skippedEmpty} empty value(s) skipped, ` +
      `${report.repeated} repeated row(s) counted once.`,
  ];
  if (report.problemCount > 0) {
    lines.push(`The file is rejected and nothing was written: ${report.problemCount} problem(s).`);
    for (const problem of report.problems) {
      const where = [`row ${problem.row}`, problem.column ? `column ${problem.column}` : ''].filter(Boolean).join(', ');
      const value = problem.value !== undefined && problem.value !== '' ? ` (“${problem.value}”)` : '';
      lines.push(`  ${where}: ${english.t(problem.problem, { otherRow: problem.otherRow ?? '' })}${value}`);
    }
    if (report.problems.length < report.problemCount) {
      lines.push(`  … and ${report.problemCount - report.problems.length} more.`);
    }
    if (report.unknownIndicators.length > 0) {
      lines.push('Run again with --create-indicators to create the unknown indicators as drafts.');
    }
    return lines;
  }
  for (const indicator of report.indicators) {
    const created = indicator.created ? ' (new draft indicator)' : '';
    const version = indicator.version === null ? 'unchanged' : `version ${indicator.version}`;
    lines.push(
      `${indicator.code}${created}: ${version}, ${indicator.added} added, ${indicator.changed} changed, ` +
        `${indicator.unchanged} unchanged.`,
    );
  }
  lines.push(report.dryRun ? 'Dry run: nothing was written.' : 'Done.');
  return lines;
}

/**
 * "--country: Choose a country from the list.", with the accepted values when there is a list,
 * and what the option is when the role needs it.
 */
function describeOptionProblem(field: string, message: string, key?: string): string {
  const option = field.replace(/_/g, '-');
  const spec = commands['users:create']!.options?.[option];
  const more = spec?.choices
    ? ` Accepted values: ${spec.choices.join(', ')}.`
    : key === 'accounts.error.bindingRequired' && spec
      ? ` ${spec.description}`
      : '';
  return `--${option}: ${message}${more}`;
}

function usageOf(name: string, command: Command): string {
  const parts = [`alliance87 ${name}`];
  if (command.argument) parts.push(command.argument.name);
  for (const [option, spec] of Object.entries(command.options ?? {})) {
    const text = spec.value ? `--${option} ${spec.value}` : `--${option}`;
    parts.push(spec.required ? text : `[${text}]`);
  }
  return parts.join(' ');
}

/** Breaks a text into lines of at most `width` characters, between words. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

const HELP_WIDTH = 100;

/** Labels and their descriptions, the descriptions aligned and wrapped. */
function table(rows: [string, string][]): string[] {
  const indent = Math.max(...rows.map(([label]) => label.length)) + 4;
  return rows.flatMap(([label, text]) =>
    wrap(text, HELP_WIDTH - indent).map((line, index) =>
      index === 0 ? `  ${label.padEnd(indent - 2)}${line}` : `${' '.repeat(indent)}${line}`,
    ),
  );
}

function commandHelp(name: string, command: Command): string {
  const options: [string, string][] = Object.entries(command.options ?? {}).map(([option, spec]) => {
    const label = spec.value ? `--${option} ${spec.value}` : `--${option}`;
    const notes = [
      spec.required ? 'Required.' : '',
      spec.choices && spec.value !== spec.choices.join('|') ? `One of: ${spec.choices.join(', ')}.` : '',
    ];
    return [label, [spec.description, ...notes].filter(Boolean).join(' ')];
  });
  options.push(['-h, --help', 'Show this help.']);
  return [
    `Usage: ${usageOf(name, command)}`,
    '',
    ...wrap([command.summary, command.details].filter(Boolean).join(' '), HELP_WIDTH),
    ...(command.argument ? ['', 'Argument:', ...table([[command.argument.name, command.argument.description]])] : []),
    '',
    'Options:',
    ...table(options),
  ].join('\n');
}

function help(): string {
  return [
    'Usage: alliance87 <command> [options]',
    '',
    'Commands:',
    ...table(Object.entries(commands).map(([name, command]) => [name, command.summary])),
    '',
    'Run `alliance87 <command> --help` for a command’s options.',
    'Configuration comes from the environment (DATA_DIR, DATABASE_URL, PUBLIC_URL…); see .env.example.',
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

/** Node's messages about arguments, as sentences about this command's options. */
function describeArgumentError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = (error as Error).message;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option '${option}'.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `The option '${option}' needs a value.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'This command takes no file or other argument.';
  return message;
}

/** Runs one command; returns the process's exit code (0 done, 1 failed, 2 wrong usage). */
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
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    err(`Unknown command “${name}”.\n\n${help()}`);
    return 2;
  }
  const usage = `Usage: ${usageOf(name, command)}\nRun \`alliance87 ${name} --help\` for its options.`;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          Object.entries(command.options ?? {}).map(([option, spec]) => [option, { type: spec.type }]),
        ),
      },
      allowPositionals: command.argument !== undefined,
    });
  } catch (error) {
    err(`${describeArgumentError(error)}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    out(commandHelp(name, command));
    return 0;
  }
  const problems = Object.entries(command.options ?? {})
    .filter(([option, spec]) => spec.required && (parsed.values as Record<string, unknown>)[option] === undefined)
    .map(([option]) => `--${option}: This option is required.`);
  if (command.argument && parsed.positionals.length !== 1) {
    problems.push(`Give one ${command.argument.name}: ${command.argument.description}`);
  }
  if (problems.length > 0) {
    err(`${problems.join('\n')}\n\n${usage}`);
    return 2;
  }
  try {
    const config = loadConfig(input.environment);
    await command.run({
      config,
      values: parsed.values,
      argument: parsed.positionals[0],
      out,
      confirm: input.confirm ?? askOnTerminal,
    });
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof AccountsError) {
      const message = english.t(error.code);
      err(error.field ? describeOptionProblem(error.field, message) : message);
      return 1;
    }
    if (error instanceof ImportRejected) return 1;
    if (error instanceof AppError) {
      err(english.t(error.code as Parameters<typeof english.t>[0]));
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
