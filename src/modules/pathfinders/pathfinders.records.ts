import type { Db, DbExecutor } from '../../db/database.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { lockCountry } from './lifecycle/lifecycle.repository.ts';

/**
 * Removes one record of a country (a law, a commitment, a status, a workshop) in one
 * transaction: the country locked, the record found under that country (another country's
 * answers "not found"), removed, and the removal audited with what the record was.
 */
export async function removeCountryRecord<Row>(input: {
  db: Db;
  iso3: string;
  actor: Actor;
  ip: string | null;
  action: string;
  find: (tx: DbExecutor) => Promise<Row | null>;
  /** What the audit log keeps of the record (read before it goes). */
  describe: (tx: DbExecutor, row: Row) => Promise<Record<string, unknown>> | Record<string, unknown>;
  remove: (tx: DbExecutor) => Promise<void>;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw notFound();
    const row = await input.find(tx);
    if (!row) throw notFound();
    const before = await input.describe(tx, row);
    await input.remove(tx);
    await recordAudit(tx, {
      actor: input.actor,
      action: input.action,
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before,
      ip: input.ip,
    });
  });
}
