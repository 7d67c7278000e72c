import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import {
  findCurrentVersionId,
  finishVersion,
  findVersion,
  insertVersion,
  restoreObservations,
  setVersionCounts,
} from '../data.repository.ts';
import { lockIndicators } from '../import/import.repository.ts';

/**
 * Makes an earlier version of an indicator's dataset the current one again, as a new version (the
 * versions in between stay readable), in one transaction with its audit record.
 */
export async function restoreVersion(input: {
  db: Db;
  code: string;
  number: number;
  actor: Actor;
  ip?: string | null;
}): Promise<{ version: number; added: number; removed: number; observations: number }> {
  return input.db.transaction(async (tx) => {
    const [indicator] = await lockIndicators(tx, [input.code]);
    if (!indicator) throw new AppError('data.indicator.not_found');
    const restored = await findVersion(tx, { indicatorId: indicator.id, number: input.number });
    if (!restored) throw new AppError('data.version.not_found');
    if ((await findCurrentVersionId(tx, indicator.id)) === restored.id) throw new AppError('data.version.current');
    const created = await insertVersion(tx, {
      indicatorId: indicator.id,
      kind: 'restore',
      restoredFromNumber: restored.number,
      added: 0,
      changed: 0,
      removed: 0,
      actor: input.actor,
    });
    const counts = await restoreObservations(tx, {
      indicatorId: indicator.id,
      restoredVersionId: restored.id,
      newVersionId: created.id,
    });
    await setVersionCounts(tx, { versionId: created.id, ...counts });
    const { observations } = await finishVersion(tx, { indicatorId: indicator.id, versionId: created.id });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'data.version_restored',
      entityType: 'indicator',
      entityId: indicator.code,
      after: { version: created.number, restored: restored.number, ...counts, observations },
      ip: input.ip ?? null,
    });
    return { version: created.number, ...counts, observations };
  });
}
