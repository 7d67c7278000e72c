import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';

/** The SQL of dataset versions, shared by imports and restores. */

export type VersionRecord = {
  id: number;
  number: number;
};

/** Adds the next version of an indicator's dataset (its counts are set when it is written). */
export async function insertVersion(
  db: DbExecutor,
  input: {
    indicatorId: number;
    kind: 'import' | 'restore';
    format?: string | null;
    fileName?: string | null;
    restoredFromNumber?: number | null;
    added: number;
    changed: number;
    removed: number;
    actor: { id: number | null; label: string };
  },
): Promise<VersionRecord> {
  const result = await db.execute<VersionRecord>(sql`
    INSERT INTO data_versions (indicator_id, number, kind, format, file_name, restored_from_number,
      observations, added, changed, removed, actor_id, actor_label)
    SELECT ${input.indicatorId}, coalesce(max(number), 0) + 1, ${input.kind}, ${input.format ?? null},
      ${input.fileName ?? null}, ${input.restoredFromNumber ?? null}, 0, ${input.added}, ${input.changed},
      ${input.removed}, ${input.actor.id}, ${input.actor.label}
    FROM data_versions WHERE indicator_id = ${input.indicatorId}
    RETURNING id, number`);
  return result.rows[0]!;
}

/** Makes a written version the one shown, with the number of observations it holds. */
export async function finishVersion(
  db: DbExecutor,
  input: { indicatorId: number; versionId: number },
): Promise<{ observations: number }> {
  const result = await db.execute<{ observations: number }>(sql`
    WITH counted AS (
      SELECT count(*)::int AS observations FROM observations
      WHERE indicator_id = ${input.indicatorId} AND until_version_id IS NULL
    ), version AS (
      UPDATE data_versions SET observations = (SELECT observations FROM counted) WHERE id = ${input.versionId}
    ), indicator AS (
      UPDATE indicators SET current_version_id = ${input.versionId}, updated_at = now() WHERE id = ${input.indicatorId}
    )
    SELECT observations FROM counted`);
  return result.rows[0]!;
}

export async function findVersion(
  db: DbExecutor,
  input: { indicatorId: number; number: number },
): Promise<VersionRecord | null> {
  const result = await db.execute<VersionRecord>(sql`
    SELECT id, number FROM data_versions WHERE indicator_id = ${input.indicatorId} AND number = ${input.number}`);
  return result.rows[0] ?? null;
}

/**
 * Brings back the observations of an earlier version as a new one: the live observations that
 * were not in it end, those of it that ended since start again (as copies, so that every version
 * stays readable as it was).
 */
export async function restoreObservations(
  db: DbExecutor,
  input: { indicatorId: number; restoredVersionId: number; newVersionId: number },
): Promise<{ added: number; removed: number }> {
  const removed = await db.execute(sql`
    UPDATE observations SET until_version_id = ${input.newVersionId}
    WHERE indicator_id = ${input.indicatorId} AND until_version_id IS NULL
      AND from_version_id > ${input.restoredVersionId}`);
  const added = await db.execute(sql`
    INSERT INTO observations (indicator_id, from_version_id, dimensions_key, geo, geo_kind, year, sex, age, nature,
      value, lower, upper, unit, source, footnote, disaggregations)
    SELECT indicator_id, ${input.newVersionId}, dimensions_key, geo, geo_kind, year, sex, age, nature,
      value, lower, upper, unit, source, footnote, disaggregations
    FROM observations
    WHERE indicator_id = ${input.indicatorId} AND from_version_id <= ${input.restoredVersionId}
      AND until_version_id IS NOT NULL AND until_version_id > ${input.restoredVersionId}
      AND until_version_id <> ${input.newVersionId}`);
  return { added: added.rowCount ?? 0, removed: removed.rowCount ?? 0 };
}

export async function setVersionCounts(
  db: DbExecutor,
  input: { versionId: number; added: number; removed: number },
): Promise<void> {
  await db.execute(
    sql`UPDATE data_versions SET added = ${input.added}, removed = ${input.removed} WHERE id = ${input.versionId}`,
  );
}

export async function findCurrentVersionId(db: DbExecutor, indicatorId: number): Promise<number | null> {
  const result = await db.execute<{ id: number | null }>(
    sql`SELECT current_version_id AS id FROM indicators WHERE id = ${indicatorId}`,
  );
  return result.rows[0]?.id ?? null;
}
