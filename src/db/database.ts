import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Config } from '../config/config.ts';
import { acquireDataDirLock, describeLockOwner, type LockOwner } from './data-dir-lock.ts';
import { EMBEDDED_PORT, startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database.ts';
import { schema } from './schema.ts';

export type Db = NodePgDatabase<typeof schema>;
/** A database handle or an open transaction: repositories accept either. */
export type DbExecutor = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** An open connection to the platform's database, whichever kind it is. */
export interface Database {
  kind: 'embedded' | 'server';
  db: Db;
  pool: pg.Pool;
  /** Connection settings for extra sessions (the LISTEN session of the page cache). */
  connection: pg.ClientConfig;
  /** The embedded database this process owns, if any (for dumps). */
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(describeLockOwner({ dataDir, owner }));
    this.name = 'DataDirBusyError';
  }
}

/**
 * Unix socket paths are limited to about 100 bytes: a deep DATA_DIR gets its socket in the
 * system's temporary folder instead, named after the folder it serves.
 */
function chooseSocketDir(dataDir: string): string {
  const preferred = path.join(dataDir, 'run');
  if (path.join(preferred, `.s.PGSQL.${EMBEDDED_PORT}`).length < 100) return preferred;
  const digest = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `alliance87-${digest}`);
}

export function embeddedConnection(socketDir: string): pg.ClientConfig {
  return { host: socketDir, port: EMBEDDED_PORT, user: 'postgres', database: 'postgres' };
}

function createPool(input: { connection: pg.ClientConfig; size: number; statementTimeoutMs: number }) {
  const pool = new pg.Pool({
    ...input.connection,
    max: input.size,
    idleTimeoutMillis: 30_000,
    ...(input.statementTimeoutMs > 0 ? { statement_timeout: input.statementTimeoutMs } : {}),
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return pool;
}

export function wrapConnection(input: {
  kind: Database['kind'];
  connection: pg.ClientConfig;
  embedded: EmbeddedDatabase | null;
  size: number;
  statementTimeoutMs: number;
  onClose?: () => Promise<void> | void;
}): Database {
  const pool = createPool(input);
  let closing: Promise<void> | null = null;
  return {
    kind: input.kind,
    db: drizzle({ client: pool, schema }),
    pool,
    connection: input.connection,
    embedded: input.embedded,
    close: () => {
      closing ??= (async () => {
        await pool.end();
        await input.embedded?.close();
        await input.onClose?.();
      })();
      return closing;
    },
  };
}

export async function connectToServer(input: {
  url: string;
  size?: number;
  statementTimeoutMs?: number;
}): Promise<Database> {
  return wrapConnection({
    kind: 'server',
    connection: { connectionString: input.url },
    embedded: null,
    size: input.size ?? 10,
    statementTimeoutMs: input.statementTimeoutMs ?? 0,
  });
}

/**
 * Opens the database named by the configuration.
 *
 * - `DATABASE_URL` set: a pool on that PostgreSQL server.
 * - otherwise the embedded database in DATA_DIR: the first process takes the folder's lock,
 *   runs PGlite on a worker thread and serves it on a local socket. A server refuses to start
 *   when another process holds the lock; a CLI command (`role: 'cli'`) connects through the
 *   running server's socket instead.
 */
export async function openDatabase(input: { config: Config; role: 'server' | 'cli' }): Promise<Database> {
  const { config } = input;
  const base = { size: config.dbPoolSize, statementTimeoutMs: config.statementTimeoutMs };
  if (config.databaseUrl) return connectToServer({ url: config.databaseUrl, ...base });

  const socketDir = chooseSocketDir(config.dataDir);
  const lock = acquireDataDirLock({ dataDir: config.dataDir, role: input.role, socketDir });
  if (!lock.acquired) {
    if (input.role === 'cli' && lock.owner.role === 'server' && lock.owner.socketDir) {
      return wrapConnection({
        kind: 'embedded',
        connection: embeddedConnection(lock.owner.socketDir),
        embedded: null,
        ...base,
        size: 2,
      });
    }
    throw new DataDirBusyError(config.dataDir, lock.owner);
  }
  try {
    fs.mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    const embedded = await startEmbeddedDatabase({
      pgdataDir: path.join(config.dataDir, 'pgdata'),
      socketDir,
    });
    return wrapConnection({
      kind: 'embedded',
      connection: embeddedConnection(socketDir),
      embedded,
      ...base,
      onClose: lock.release,
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}
