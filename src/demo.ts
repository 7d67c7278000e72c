import { sql } from 'drizzle-orm';
import type { Db } from './db/database.ts';
import { appState } from './db/schema.ts';
import { recordAudit, SYSTEM_ACTOR } from './modules/audit/index.ts';
import { contentModule } from './modules/content/index.ts';
import { partnersModule } from './modules/partners/index.ts';
import { pathfindersModule } from './modules/pathfinders/index.ts';

/**
 * Loads the demonstration content of every module, in one transaction. Demonstration records
 * are flagged in the database (`is_demo`) and the site says so wherever they are shown.
 */
export async function loadDemonstrationContent(db: Db): Promise<{
  pages: { written: number; kept: number };
  partners: { organizations: number };
  pathfinders: { countries: number };
}> {
  const result = await db.transaction(async (tx) => {
    const pages = await contentModule.demo(tx);
    const partners = await partnersModule.demo(tx);
    const pathfinders = await pathfindersModule.demo(tx);
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'demo.loaded',
      entityType: 'demo',
      after: { pages, partners, pathfinders },
    });
    await tx
      .insert(appState)
      .values({ key: 'demo_loaded_at', value: new Date().toISOString() })
      .onConflictDoUpdate({ target: appState.key, set: { value: sql`excluded.value`, updatedAt: sql`now()` } });
    return { pages, partners, pathfinders };
  });
  // Fresh statistics for the planner after a bulk load (PGlite runs no autovacuum).
  await db.execute(sql`ANALYZE`);
  return result;
}
