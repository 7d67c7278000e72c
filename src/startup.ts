import { eq, sql } from 'drizzle-orm';
import type { Config } from './config/config.ts';
import type { Database } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { appState } from './db/schema.ts';
import { loadDemonstrationContent } from './demo.ts';

/**
 * Brings the database up to date before the server answers: migrations, then, on the very
 * first start, the demonstration content (unless DEMO_DATA=false).
 */
export async function prepareDatabase(input: { database: Database; config: Config }): Promise<{
  migrationsApplied: number;
  firstStart: boolean;
  demoLoaded: boolean;
}> {
  const { applied } = await applyMigrations(input.database);
  const db = input.database.db;
  const inserted = await db
    .insert(appState)
    .values({ key: 'installed_at', value: new Date().toISOString() })
    .onConflictDoNothing()
    .returning({ key: appState.key });
  const firstStart = inserted.length > 0;
  let demoLoaded = false;
  if (firstStart && input.config.demoData) {
    await loadDemonstrationContent(db);
    demoLoaded = true;
  }
  // PGlite runs no autovacuum: without statistics the planner picks poor plans on large tables.
  if (input.database.kind === 'embedded') await db.execute(sql`ANALYZE`);
  return { migrationsApplied: applied, firstStart, demoLoaded };
}

export async function readInstalledAt(database: Database): Promise<string | null> {
  const [row] = await database.db.select().from(appState).where(eq(appState.key, 'installed_at'));
  return typeof row?.value === 'string' ? row.value : null;
}
