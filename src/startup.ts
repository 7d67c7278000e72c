import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { Config } from './config/config.ts';
import type { Database } from './db/database.ts';
import { applyMigrations } from './db/migrate.ts';
import { appState } from './db/schema.ts';
import { loadDemonstrationContent } from './demo.ts';
import { ensureStartingPages } from './modules/content/index.ts';

/**
 * Brings the database up to date before the server answers: migrations, then, on the very
 * first start, the demonstration content (unless DEMO_DATA=false). The site's starting pages are
 * added whenever some are missing, with or without demonstration content.
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
  // The site's own starting pages (home, about, the footer's), for those it does not have yet.
  await db.transaction((tx) => ensureStartingPages(tx));
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

const SERVER_URL_KEY = 'server_url';

/**
 * Records where the server that just started listening is reached: PUBLIC_URL, or, without it,
 * http://localhost and the port it really listens on. Commands run without PUBLIC_URL (the
 * one-time links of `alliance87 users:create`) use it, so they point at this server.
 */
export async function recordServerAddress(input: {
  database: Database;
  config: Config;
  listening: AddressInfo | string | null;
}): Promise<string> {
  const port = typeof input.listening === 'object' && input.listening ? input.listening.port : input.config.port;
  const url = input.config.publicUrlGiven ? input.config.publicUrl : `http://localhost:${port}`;
  await input.database.db
    .insert(appState)
    .values({ key: SERVER_URL_KEY, value: url })
    .onConflictDoUpdate({ target: appState.key, set: { value: url, updatedAt: sql`now()` } });
  return url;
}

/**
 * The address for links printed by a command: its own PUBLIC_URL, else the one the server
 * recorded when it last started, else the default (http://localhost:PORT).
 */
export async function resolvePublicUrl(input: { database: Database; config: Config }): Promise<string> {
  if (input.config.publicUrlGiven) return input.config.publicUrl;
  const [row] = await input.database.db.select().from(appState).where(eq(appState.key, SERVER_URL_KEY));
  return typeof row?.value === 'string' ? row.value : input.config.publicUrl;
}
