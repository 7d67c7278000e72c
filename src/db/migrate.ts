import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './database.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

/** Any fixed number: the advisory lock that serialises migrations started by several processes. */
const MIGRATION_LOCK_KEY = 870_087;

/** Applies the pending generated migrations, one process at a time, in one transaction. */
export async function applyMigrations(database: Database): Promise<{ applied: number }> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const before = await countApplied(database);
    await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
    const after = await countApplied(database);
    return { applied: after - before };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

async function countApplied(database: Database): Promise<number> {
  const result = await database.pool.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM information_schema.tables
      WHERE table_schema = 'drizzle' AND table_name = '__drizzle_migrations'`,
  );
  if (result.rows[0]?.count === '0') return 0;
  const applied = await database.pool.query<{ count: string }>(
    'SELECT count(*)::text AS count FROM drizzle.__drizzle_migrations',
  );
  return Number(applied.rows[0]?.count ?? 0);
}

/** True when every migration shipped with the code has been applied (used by /readyz). */
export async function isSchemaCurrent(database: Database, expected: number): Promise<boolean> {
  return (await countApplied(database)) >= expected;
}
