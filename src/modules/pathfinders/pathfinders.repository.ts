import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import { isForeignKeyViolation } from '../../db/errors.ts';
import { pathfinderCountries, pathfinderInterests, pathfinderStageMoves } from './pathfinders.table.ts';
import { pathfinderReportActions, pathfinderReports } from './reports/reports.table.ts';
import type { ActionFields } from './roadmaps/roadmaps.repository.ts';
import {
  pathfinderRoadmapActions,
  pathfinderRoadmapPriorities,
  pathfinderRoadmapVersions,
} from './roadmaps/roadmaps.table.ts';

/**
 * The SQL of the demonstration content as a whole: its illustrative roadmaps and reports, how many
 * demonstration records there are, and their removal.
 */

/** The country's roadmap versions: how many, and the id of the demonstration one still adopted. */
export async function findRoadmapVersionsForDemo(
  db: DbExecutor,
  iso3: string,
): Promise<{ total: number; adoptedDemoId: number | null }> {
  const rows = await db
    .select({
      id: pathfinderRoadmapVersions.id,
      status: pathfinderRoadmapVersions.status,
      isDemo: pathfinderRoadmapVersions.isDemo,
    })
    .from(pathfinderRoadmapVersions)
    .where(eq(pathfinderRoadmapVersions.iso3, iso3));
  const adoptedDemo = rows.find((row) => row.isDemo && row.status === 'adopted');
  return { total: rows.length, adoptedDemoId: adoptedDemo?.id ?? null };
}

/** An action of an illustrative roadmap: what a roadmap action holds, keyed by the loader. */
export type DemoRoadmapAction = Omit<ActionFields, 'priorityKey'>;

/**
 * Writes an illustrative roadmap as the country's first version, adopted, flagged as demonstration.
 * Priorities are keyed P1, P2… and actions A1, A2… in the order given; returns the version's id and
 * its actions' keys in that order.
 */
export async function insertDemoRoadmap(
  db: DbExecutor,
  input: {
    iso3: string;
    locale: string;
    priorities: { title: string; description: string; actions: DemoRoadmapAction[] }[];
  },
): Promise<{ versionId: number; actionKeys: string[] }> {
  const [version] = await db
    .insert(pathfinderRoadmapVersions)
    .values({ iso3: input.iso3, number: 1, status: 'adopted', locale: input.locale, isDemo: true })
    .returning({ id: pathfinderRoadmapVersions.id });
  const versionId = version!.id;
  const actionKeys: string[] = [];
  for (const [index, priority] of input.priorities.entries()) {
    const priorityKey = `P${index + 1}`;
    await db.insert(pathfinderRoadmapPriorities).values({
      versionId,
      key: priorityKey,
      position: index + 1,
      title: priority.title,
      description: priority.description,
    });
    for (const action of priority.actions) {
      const key = `A${actionKeys.length + 1}`;
      actionKeys.push(key);
      await db
        .insert(pathfinderRoadmapActions)
        .values({ ...action, versionId, priorityKey, key, position: actionKeys.length });
    }
  }
  return { versionId, actionKeys };
}

/** Whether the country has a report for the year (real or not: a year holds one report). */
export async function hasReportForYear(db: DbExecutor, input: { iso3: string; year: number }): Promise<boolean> {
  const [row] = await db
    .select({ count: count() })
    .from(pathfinderReports)
    .where(and(eq(pathfinderReports.iso3, input.iso3), eq(pathfinderReports.year, input.year)));
  return (row?.count ?? 0) > 0;
}

/** How many demonstration records the module holds: countries, roadmaps and reports. */
export async function countDemoRecords(db: DbExecutor): Promise<number> {
  const result = await db.execute<{ total: number | string }>(sql`
    SELECT (SELECT count(*) FROM ${pathfinderCountries} WHERE is_demo)
         + (SELECT count(*) FROM ${pathfinderRoadmapVersions} WHERE is_demo)
         + (SELECT count(*) FROM ${pathfinderReports} WHERE is_demo) AS total`);
  return Number(result.rows[0]?.total ?? 0);
}

/** Runs a deletion under its own savepoint: a real record pointing at what it deletes undoes only it. */
async function deleteUnlessReferenced(db: DbExecutor, remove: (savepoint: DbExecutor) => Promise<void>) {
  try {
    await db.transaction(async (savepoint) => remove(savepoint));
    return true;
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    return false;
  }
}

/** Deletes each row by id under its own savepoint; returns how many went. */
async function deleteEach(
  db: DbExecutor,
  rows: readonly { id: number }[],
  remove: (savepoint: DbExecutor, id: number) => Promise<void>,
): Promise<number> {
  let deleted = 0;
  for (const { id } of rows) if (await deleteUnlessReferenced(db, (savepoint) => remove(savepoint, id))) deleted += 1;
  return deleted;
}

/**
 * Deletes the demonstration reports, roadmaps and countries (with their demonstration moves), in
 * that order. A record that something real points to is kept: a roadmap a real report was filed
 * on; a country with a move someone recorded, a real roadmap or report, a workshop, a focal point,
 * a commitment or standard, or an expression of interest sent for it. Returns how many were deleted.
 */
export async function deleteDemoRecords(db: DbExecutor): Promise<number> {
  const reports = await db
    .select({ id: pathfinderReports.id })
    .from(pathfinderReports)
    .where(eq(pathfinderReports.isDemo, true));
  let deleted = await deleteEach(db, reports, async (savepoint, id) => {
    await savepoint.delete(pathfinderReportActions).where(eq(pathfinderReportActions.reportId, id));
    await savepoint.delete(pathfinderReports).where(eq(pathfinderReports.id, id));
  });
  const versions = await db
    .select({ id: pathfinderRoadmapVersions.id })
    .from(pathfinderRoadmapVersions)
    .where(eq(pathfinderRoadmapVersions.isDemo, true));
  deleted += await deleteEach(db, versions, async (savepoint, id) => {
    await savepoint.delete(pathfinderRoadmapActions).where(eq(pathfinderRoadmapActions.versionId, id));
    await savepoint.delete(pathfinderRoadmapPriorities).where(eq(pathfinderRoadmapPriorities.versionId, id));
    await savepoint.delete(pathfinderRoadmapVersions).where(eq(pathfinderRoadmapVersions.id, id));
  });

  const countries = await db
    .select({ iso3: pathfinderCountries.iso3 })
    .from(pathfinderCountries)
    .where(eq(pathfinderCountries.isDemo, true));
  // An expression of interest names its country by code, without a foreign key: looked up here.
  const sentFor = new Set(
    (
      await db
        .selectDistinct({ iso3: pathfinderInterests.iso3 })
        .from(pathfinderInterests)
        .where(inArray(pathfinderInterests.status, ['submitted', 'accepted', 'declined']))
    ).map((row) => row.iso3),
  );
  for (const { iso3 } of countries) {
    if (sentFor.has(iso3)) continue;
    const done = await deleteUnlessReferenced(db, async (savepoint) => {
      await savepoint
        .delete(pathfinderStageMoves)
        .where(and(eq(pathfinderStageMoves.iso3, iso3), eq(pathfinderStageMoves.isDemo, true)));
      await savepoint.delete(pathfinderCountries).where(eq(pathfinderCountries.iso3, iso3));
    });
    if (done) deleted += 1;
  }
  return deleted;
}
