import { asc, eq } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import type { MenuEntry } from '../../../ui/navigation.ts';
import { contentMenuItems } from '../content.table.ts';

export async function listMenuItems(db: DbExecutor): Promise<MenuEntry[]> {
  const rows = await db.select().from(contentMenuItems).orderBy(asc(contentMenuItems.position), asc(contentMenuItems.id));
  return rows.map((row) => ({ path: row.path, labels: { fr: row.labelFr, en: row.labelEn, es: row.labelEs } }));
}

/** Replaces the whole menu with these entries, in this order. */
export async function replaceMenuItems(db: DbExecutor, entries: readonly MenuEntry[]): Promise<void> {
  await db.delete(contentMenuItems);
  if (entries.length === 0) return;
  await db.insert(contentMenuItems).values(
    entries.map((entry, index) => ({
      position: index + 1,
      path: entry.path,
      labelFr: entry.labels.fr,
      labelEn: entry.labels.en,
      labelEs: entry.labels.es,
    })),
  );
}

/** Points the menu's entries for a page's old path at its new one (the page's slug changed). */
export async function renameMenuPath(db: DbExecutor, input: { from: string; to: string }): Promise<void> {
  await db.update(contentMenuItems).set({ path: input.to }).where(eq(contentMenuItems.path, input.from));
}
