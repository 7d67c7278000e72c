import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { lockCountry } from '../lifecycle/lifecycle.repository.ts';
import { updateReportDue } from './reports.repository.ts';

export { reportLight, type ReportLight } from './reports.light.ts';

/** The Secretariat sets the day a country's next yearly progress report is due (audited). */
export async function setReportDueDate(input: {
  db: Db;
  iso3: string;
  dueOn: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const country = await lockCountry(tx, input.iso3);
    if (!country) throw new AppError('not_found');
    await updateReportDue(tx, { iso3: input.iso3, dueOn: input.dueOn });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.report_due_set',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: { reportDueOn: country.reportDueOn },
      after: { reportDueOn: input.dueOn },
      ip: input.ip,
    });
  });
}
