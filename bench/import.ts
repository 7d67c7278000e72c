/**
 * `npm run bench:import`: a million observations imported with the command a data editor runs,
 * `alliance87 data:import FILE --format tidy --create-indicators`, into a fresh embedded database
 * and into a fresh database of the PostgreSQL server (`BENCH_POSTGRES_URL`, default the local
 * server; dropped afterwards). The target: under 20 s and under 400 MB of peak memory each.
 *
 * - The file is generated first: ten new indicator codes × 34 years × every country of
 *   i18n-iso-countries (249) × three sexes × four age groups, cut at the number of rows asked
 *   (`--rows`, default 1,000,000); every row has its own dimensions, so each becomes one
 *   observation.
 * - The database is migrated by a first command (not timed: a new embedded database takes a few
 *   seconds to create), then the import runs in its own process, timed from its start to its
 *   exit; its peak memory is the process's high-water mark (VmHWM in /proc, read every 50 ms).
 * - The import's own report must say it wrote every row, or the run fails.
 *
 * Results are written to bench/results/import-<date>.json and bench/results/import-latest.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import countries from 'i18n-iso-countries';
import { createServerDatabase } from './postgres.ts';

const root = path.resolve(import.meta.dirname, '..');
const TARGET_SECONDS = 20;
const TARGET_MB = 400;

export const SEXES = ['total', 'female', 'male'] as const;
export const AGES = ['5-17', '5-11', '12-14', '15-17'] as const;
export const YEARS = Array.from({ length: 34 }, (_, index) => 1990 + index);
export const INDICATORS = Array.from({ length: 10 }, (_, index) => `BENCH.IMPORT.${index + 1}`);

/** Writes `rows` tidy rows, each with dimensions of its own; returns the file's size in bytes. */
export async function writeTidyFile(file: string, rows: number): Promise<number> {
  const geos = Object.keys(countries.getAlpha3Codes()).sort();
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write('indicator,geo,year,value,sex,age,nature,unit,source\n');
  let written = 0;
  let chunk = '';
  outer: for (const indicator of INDICATORS) {
    for (const year of YEARS) {
      for (const geo of geos) {
        for (const sex of SEXES) {
          for (const age of AGES) {
            if (written === rows) break outer;
            // A value that changes with every dimension, with one decimal.
            const value = ((written * 7919) % 1000) / 10;
            chunk += `${indicator},${geo},${year},${value},${sex},${age},E,PERCENT,Generated for the benchmark\n`;
            written += 1;
            if (chunk.length > 65_536) {
              await write(chunk);
              chunk = '';
            }
          }
        }
      }
    }
  }
  if (written < rows) throw new Error(`at most ${written} distinct rows can be generated`);
  await write(chunk);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return fs.statSync(file).size;
}

export interface CommandRun {
  seconds: number;
  peakMb: number | null;
  stdout: string;
  stderr: string;
  code: number | null;
}

/** The process's peak resident memory so far, in MB (null where /proc does not tell). */
function highWaterMark(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Runs `alliance87 ARGS` as the README shows it, in its own process, timed and watched. */
export function runAlliance(args: readonly string[], env: Record<string, string>): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'bin/alliance87.js'), ...args], {
      cwd: root,
      env: {
        // eslint-disable-next-line no-restricted-properties -- the command needs the machine's PATH and HOME
        ...process.env,
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const watch = setInterval(() => {
      const now = child.pid === undefined ? null : highWaterMark(child.pid);
      if (now !== null) peak = Math.max(peak ?? 0, now);
    }, 50);
    child.on('error', (error) => {
      clearInterval(watch);
      reject(error);
    });
    child.on('close', (code) => {
      clearInterval(watch);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      resolve({ seconds, peakMb: peak, stdout, stderr, code });
    });
  });
}

export interface ImportMeasure {
  database: 'embedded' | 'postgresql';
  rows: number;
  seconds: number;
  peakMb: number | null;
  rowsPerSecond: number;
  report: string;
}

/** Migrates a fresh database, then imports the file into it with the CLI, and checks the report. */
export async function measureImport(input: {
  database: ImportMeasure['database'];
  env: Record<string, string>;
  file: string;
  rows: number;
}): Promise<ImportMeasure> {
  const migrated = await runAlliance(['migrate'], input.env);
  if (migrated.code !== 0) throw new Error(`migrate failed:\n${migrated.stdout}${migrated.stderr}`);
  const run = await runAlliance(['data:import', input.file, '--format', 'tidy', '--create-indicators'], input.env);
  if (run.code !== 0) throw new Error(`data:import failed (${run.code}):\n${run.stdout}${run.stderr}`);
  const added = [...run.stdout.matchAll(/: version \d+, (\d+) added,/g)].reduce(
    (sum, match) => sum + Number(match[1]),
    0,
  );
  if (added !== input.rows) {
    throw new Error(`the import's report says ${added} observations were added, not ${input.rows}:\n${run.stdout}`);
  }
  return {
    database: input.database,
    rows: input.rows,
    seconds: run.seconds,
    peakMb: run.peakMb,
    rowsPerSecond: input.rows / run.seconds,
    report: run.stdout.trim(),
  };
}

function verdict(measure: ImportMeasure): string {
  const time = measure.seconds < TARGET_SECONDS ? 'under' : 'OVER';
  const memory = measure.peakMb === null ? 'memory not measured' : measure.peakMb < TARGET_MB ? 'under' : 'OVER';
  return `time ${time} ${TARGET_SECONDS} s, memory ${memory}${measure.peakMb === null ? '' : ` ${TARGET_MB} MB`}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' } } });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows: a whole number of rows, such as 1000000');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-bench-import-'));
  const file = path.join(folder, 'observations.csv');
  const bytes = await writeTidyFile(file, rows);
  process.stdout.write(`Generated ${rows.toLocaleString('en')} rows (${(bytes / 1e6).toFixed(1)} MB).\n`);
  const measures: ImportMeasure[] = [];
  const skipped: string[] = [];
  try {
    measures.push(
      await measureImport({
        database: 'embedded',
        env: { DATA_DIR: path.join(folder, 'data'), DATABASE_URL: '' },
        file,
        rows,
      }),
    );
    process.stdout.write(`embedded: ${measures[0]!.seconds.toFixed(1)} s, ${measures[0]!.peakMb?.toFixed(0)} MB\n`);
    const server = await createServerDatabase();
    if ('skipped' in server) skipped.push(server.skipped);
    else {
      try {
        const measure = await measureImport({
          database: 'postgresql',
          env: { DATA_DIR: path.join(folder, 'data-pg'), DATABASE_URL: server.url },
          file,
          rows,
        });
        measures.push(measure);
        process.stdout.write(`postgresql: ${measure.seconds.toFixed(1)} s, ${measure.peakMb?.toFixed(0)} MB\n`);
      } finally {
        await server.drop();
      }
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  const when = new Date().toISOString();
  const results = path.join(root, 'bench/results');
  fs.mkdirSync(results, { recursive: true });
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version };
  fs.writeFileSync(
    path.join(results, `import-${when.replace(/[:.]/g, '-').slice(0, 19)}.json`),
    `${JSON.stringify({ when, machine, rows, bytes, measures, skipped }, null, 2)}\n`,
  );
  const lines = [
    `# Import benchmark (${when})`,
    '',
    `${rows.toLocaleString('en')} observations in a tidy file of ${(bytes / 1e6).toFixed(1)} MB, imported with`,
    '`alliance87 data:import FILE --format tidy --create-indicators` into a fresh, migrated database.',
    `Machine: ${machine.cpus} CPUs (${machine.cpu}), Node ${machine.node}. Target: under ${TARGET_SECONDS} s and ${TARGET_MB} MB.`,
    '',
    '| database | seconds | peak memory (MB) | rows per second | verdict |',
    '|---|---|---|---|---|',
    ...measures.map(
      (measure) =>
        `| ${measure.database} | ${measure.seconds.toFixed(1)} | ${measure.peakMb?.toFixed(0) ?? '—'} | ${Math.round(measure.rowsPerSecond).toLocaleString('en')} | ${verdict(measure)} |`,
    ),
    ...skipped.map((reason) => `| postgresql | — | — | — | not run: ${reason} |`),
    '',
  ];
  fs.writeFileSync(path.join(results, 'import-latest.md'), lines.join('\n'));
  process.stdout.write(`${lines.slice(6).join('\n')}\nResults written to bench/results/.\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
