import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Database, Db } from './database.ts';
import { CHANGE_CHANNEL } from './change-feed.ts';
import { schema } from './schema.ts';

/**
 * Logical backups (decision 011): every row of every table of the `public` schema, as JSON, in
 * one gzip-compressed file of JSON lines. The same file restores on the embedded database and
 * on a PostgreSQL server, so it also moves a platform from one to the other.
 *
 * Line 1 is the header; then, table by table (parents before the tables that refer to them),
 * one line per batch of rows: `{"table": "users", "rows": [{…}, …]}`.
 */
export const BACKUP_FORMAT = 'alliance87-backup';
export const BACKUP_VERSION = 1;
const BATCH_ROWS = 500;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  /** Migrations applied to the database the backup was made from. */
  migrations: number;
  /** Tables in restore order, with the columns saved for each. */
  tables: { name: string; columns: string[]; rows: number }[];
}

/** A backup that cannot be restored here, with the reason in words for the person running it. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

async function appliedMigrations(client: pg.PoolClient): Promise<number> {
  const exists = await client.query<{ found: boolean }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS found`,
  );
  if (!exists.rows[0]?.found) return 0;
  const result = await client.query<{ count: string }>(
    'SELECT count(*)::text AS count FROM drizzle.__drizzle_migrations',
  );
  return Number(result.rows[0]?.count ?? 0);
}

/** The tables of the `public` schema, parents first, with their stored (not generated) columns. */
async function describeTables(client: pg.PoolClient): Promise<{ name: string; columns: string[] }[]> {
  const tables = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  const links = await client.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = child.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND child.oid <> parent.oid`,
  );
  const columns = await client.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position`,
  );
  const parents = new Map<string, Set<string>>();
  for (const link of links.rows) parents.set(link.child, (parents.get(link.child) ?? new Set()).add(link.parent));
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const parent of parents.get(name) ?? []) visit(parent, path);
    path.delete(name);
    placed.add(name);
    ordered.push(name);
  };
  for (const table of tables.rows) visit(table.name, new Set());
  return ordered.map((name) => ({
    name,
    columns: columns.rows.filter((row) => row.table_name === name).map((row) => row.column_name),
  }));
}

/**
 * Writes a backup of the whole database to `file`, from one consistent snapshot (a read-only,
 * repeatable-read transaction): what was committed when it began, nothing half-done.
 */
export async function writeBackup(
  database: Database,
  file: string,
): Promise<{ tables: number; rows: number; bytes: number }> {
  const client = await database.pool.connect();
  const temporary = `${file}.partial`;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const migrations = await appliedMigrations(client);
    const tables = await describeTables(client);
    const counts: number[] = [];
    for (const table of tables) {
      const result = await client.query<{ count: string }>(`SELECT count(*)::text AS count FROM ${quote(table.name)}`);
      counts.push(Number(result.rows[0]?.count ?? 0));
    }
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      migrations,
      tables: tables.map((table, index) => ({ ...table, rows: counts[index] ?? 0 })),
    };
    let rows = 0;
    async function* lines(): AsyncGenerator<string> {
      yield `${JSON.stringify(header)}\n`;
      for (const table of tables) {
        const list = table.columns.map(quote).join(', ');
        await client.query(
          `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS row FROM (SELECT ${list} FROM ${quote(table.name)}) t`,
        );
        for (;;) {
          const batch = await client.query<{ row: string }>(`FETCH ${BATCH_ROWS} FROM backup_rows`);
          if (batch.rows.length === 0) break;
          rows += batch.rows.length;
          yield `{"table":${JSON.stringify(table.name)},"rows":[${batch.rows.map((entry) => entry.row).join(',')}]}\n`;
        }
        await client.query('CLOSE backup_rows');
      }
    }
    await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(temporary, { mode: 0o600 }));
    await client.query('COMMIT');
    fs.renameSync(temporary, file);
    return { tables: tables.length, rows, bytes: fs.statSync(file).size };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    fs.rmSync(temporary, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

/** Reads the header of a backup file, checking that it is one. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const line of backupLines(file)) return parseHeader(line);
  throw new BackupError(`${file} is empty: it is not an Alliance 8.7 backup.`);
}

function parseHeader(line: string): BackupHeader {
  let header: Partial<BackupHeader>;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw new BackupError('The file is not an Alliance 8.7 backup (its first line is not a backup header).');
  }
  if (header.format !== BACKUP_FORMAT || !Array.isArray(header.tables) || typeof header.migrations !== 'number') {
    throw new BackupError('The file is not an Alliance 8.7 backup (its first line is not a backup header).');
  }
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(
      `This backup has format version ${String(header.version)}; this platform reads version ${BACKUP_VERSION}.`,
    );
  }
  return header as BackupHeader;
}

async function* backupLines(file: string): AsyncGenerator<string> {
  if (!fs.existsSync(file)) throw new BackupError(`No file at ${file}.`);
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of reader) if (line) yield line;
  } catch (error) {
    throw new BackupError(`${file} cannot be read as a backup (${(error as Error).message}).`);
  }
}

/**
 * Replaces every row of the database with the backup's, in one transaction: if anything is
 * wrong (another schema version, a table or column that differs, a damaged file, a row the
 * database refuses), nothing changes. Every process is told that every table changed.
 */
export async function restoreBackup(
  database: Database,
  file: string,
  options: {
    /**
     * Runs in the restore's transaction once the backup's rows are in: what it writes (the audit
     * record of the restore) is part of the restored database, and is lost with it if it fails.
     */
    beforeCommit?: (db: Db, restored: { tables: number; rows: number }) => Promise<void>;
  } = {},
): Promise<{ tables: number; rows: number }> {
  const lines = backupLines(file);
  const first = await lines.next();
  if (first.done) throw new BackupError(`${file} is empty: it is not an Alliance 8.7 backup.`);
  const header = parseHeader(first.value);
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    const migrations = await appliedMigrations(client);
    if (migrations !== header.migrations) {
      throw new BackupError(
        `This backup was made by a platform with ${header.migrations} database migration(s); this database has ` +
          `${migrations}. Restore it with the platform version that made it.`,
      );
    }
    const tables = await describeTables(client);
    const here = new Map(tables.map((table) => [table.name, table.columns]));
    const expected = new Map(header.tables.map((table) => [table.name, table.columns]));
    const differences = [
      ...[...expected.keys()].filter((name) => !here.has(name)).map((name) => `table ${name} is not in this database`),
      ...[...here.keys()].filter((name) => !expected.has(name)).map((name) => `table ${name} is not in the backup`),
      ...[...expected].flatMap(([name, columns]) => {
        const local = here.get(name);
        return local && local.join(',') !== columns.join(',') ? [`the columns of ${name} differ`] : [];
      }),
    ];
    if (differences.length > 0) {
      throw new BackupError(`The backup does not match this database: ${differences.join('; ')}.`);
    }
    await client.query(`TRUNCATE ${tables.map((table) => quote(table.name)).join(', ')} RESTART IDENTITY`);
    let rows = 0;
    const seen = new Map<string, number>();
    for await (const line of lines) {
      let batch: { table?: unknown; rows?: unknown };
      try {
        batch = JSON.parse(line) as typeof batch;
      } catch {
        throw new BackupError('The backup is damaged: a line is not complete JSON.');
      }
      const name = typeof batch.table === 'string' ? batch.table : '';
      const columns = expected.get(name);
      if (!columns || !Array.isArray(batch.rows))
        throw new BackupError('The backup is damaged: a line names no known table.');
      const list = columns.map(quote).join(', ');
      await client.query(
        `INSERT INTO ${quote(name)} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${quote(name)}, $1::json)`,
        [JSON.stringify(batch.rows)],
      );
      rows += batch.rows.length;
      seen.set(name, (seen.get(name) ?? 0) + batch.rows.length);
    }
    const short = header.tables.filter((table) => (seen.get(table.name) ?? 0) !== table.rows);
    if (short.length > 0) {
      throw new BackupError(
        `The backup is incomplete: ${short.map((table) => `${table.name} has ${seen.get(table.name) ?? 0} of ${table.rows} rows`).join('; ')}.`,
      );
    }
    // Sequences continue after the restored rows.
    const serials = await client.query<{ table_name: string; column_name: string; sequence: string }>(
      `SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) AS sequence
         FROM information_schema.columns
        WHERE table_schema = 'public' AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
    );
    for (const serial of serials.rows) {
      await client.query(
        `SELECT setval($1, coalesce((SELECT max(${quote(serial.column_name)}) FROM ${quote(serial.table_name)}), 0) + 1, false)`,
        [serial.sequence],
      );
    }
    const restored = { tables: tables.length, rows };
    await options.beforeCommit?.(drizzle({ client, schema }), restored);
    for (const table of tables) await client.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, table.name]);
    await client.query('COMMIT');
    return restored;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await lines.return(undefined);
  }
}
