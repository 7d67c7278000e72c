import { sql } from 'drizzle-orm';
import type { Db } from './db/database.ts';
import { appState } from './db/schema.ts';
import type { ModuleDescriptor } from './http/module.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from './modules/audit/index.ts';
import { contentModule } from './modules/content/index.ts';
import { newsModule } from './modules/news/index.ts';
import { partnersModule } from './modules/partners/index.ts';
import { pathfindersModule } from './modules/pathfinders/index.ts';

/**
 * Loads the demonstration content of every module, in one transaction. Demonstration records
 * are flagged in the database (`is_demo`) and the site says so wherever they are shown.
 */
export async function loadDemonstrationContent(db: Db): Promise<{
  pages: { written: number; kept: number };
  partners: { organizations: number };
  pathfinders: { countries: number; roadmaps: number; reports: number };
  news: { stories: number };
}> {
  const result = await db.transaction(async (tx) => {
    const pages = await contentModule.demo(tx);
    const partners = await partnersModule.demo(tx);
    const pathfinders = await pathfindersModule.demo(tx);
    const news = await newsModule.demo(tx);
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'demo.loaded',
      entityType: 'demo',
      after: { pages, partners, pathfinders, news },
    });
    await tx
      .insert(appState)
      .values({ key: 'demo_loaded_at', value: new Date().toISOString() })
      .onConflictDoUpdate({ target: appState.key, set: { value: sql`excluded.value`, updatedAt: sql`now()` } });
    return { pages, partners, pathfinders, news };
  });
  // Fresh statistics for the planner after a bulk load (PGlite runs no autovacuum).
  await db.execute(sql`ANALYZE`);
  return result;
}

/** The modules that hold demonstration records, in the order they are loaded. */
const DEMO_MODULES: readonly Pick<ModuleDescriptor, 'name' | 'countDemo' | 'removeDemo'>[] = [
  contentModule,
  partnersModule,
  pathfindersModule,
  newsModule,
];

/** How many demonstration records each module that can remove its own holds now. */
export async function countDemonstrationRecords(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const module of DEMO_MODULES) if (module.countDemo) counts[module.name] = await module.countDemo(db);
  return counts;
}

/**
 * Removes every module's demonstration records in one transaction, with one audit record that
 * says how many each module removed: what the Secretariat does before the site goes public.
 */
export async function removeDemonstrationContent(input: {
  db: Db;
  actor: Actor;
  ip?: string;
}): Promise<Record<string, number>> {
  return input.db.transaction(async (tx) => {
    const removed: Record<string, number> = {};
    for (const module of DEMO_MODULES) if (module.removeDemo) removed[module.name] = await module.removeDemo(tx);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'demo.removed',
      entityType: 'demo',
      after: removed,
      ip: input.ip ?? null,
    });
    await tx.delete(appState).where(sql`${appState.key} = 'demo_loaded_at'`);
    return removed;
  });
}
