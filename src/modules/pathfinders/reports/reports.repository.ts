import { eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';

/** Sets the day the country's next yearly report is due. */
export async function updateReportDue(db: DbExecutor, input: { iso3: string; dueOn: string }): Promise<void> {
  await db
    .update(pathfinderCountries)
    .set({ reportDueOn: input.dueOn, updatedAt: sql`now()` })
    .where(eq(pathfinderCountries.iso3, input.iso3));
}
