import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { LOCALES } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import {
  findIndicatorByCode,
  listVersions,
  type IndicatorRow,
  type VersionRow,
} from '../catalogue/catalogue.repository.ts';
import { lockIndicators } from '../import/import.repository.ts';
import { updateIndicatorFields, writeIndicatorTranslation } from './editing.repository.ts';
import type { IndicatorForm } from './editing.schemas.ts';

/** An indicator as its editor sees it: every field, and the versions of its dataset, newest first. */
export async function getIndicatorForEditing(
  db: Db,
  code: string,
): Promise<{ indicator: IndicatorRow; versions: VersionRow[] }> {
  const indicator = await findIndicatorByCode(db, code);
  if (!indicator) throw new AppError('data.indicator.not_found');
  return { indicator, versions: await listVersions(db, indicator.id) };
}

/** What the audit record keeps of an indicator, before and after a change. */
function described(indicator: IndicatorRow) {
  return {
    status: indicator.status,
    sdgIndicator: indicator.sdgIndicator,
    unit: indicator.unit,
    custodian: indicator.custodian,
    source: indicator.source,
    names: indicator.names,
    definitions: indicator.definitions,
    methodologies: indicator.methodologies,
  };
}

/** Saves an editor's changes to an indicator's description, in one transaction with its audit record. */
export async function saveIndicator(input: {
  db: Db;
  code: string;
  form: IndicatorForm;
  actor: Actor;
  ip?: string | null;
}): Promise<void> {
  const { form } = input;
  await input.db.transaction(async (tx) => {
    const [locked] = await lockIndicators(tx, [input.code]);
    const before = locked ? await findIndicatorByCode(tx, input.code) : null;
    if (!locked || !before) throw new AppError('data.indicator.not_found');
    await updateIndicatorFields(tx, {
      id: locked.id,
      status: form.status,
      sdgIndicator: form.sdg_indicator === '' ? null : form.sdg_indicator,
      unit: form.unit,
      custodian: form.custodian,
      source: form.source,
    });
    for (const locale of LOCALES) {
      await writeIndicatorTranslation(tx, {
        indicatorId: locked.id,
        locale,
        name: form[`name_${locale}`],
        definition: form[`definition_${locale}`],
        methodology: form[`methodology_${locale}`],
      });
    }
    const after = await findIndicatorByCode(tx, input.code);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'data.indicator_updated',
      entityType: 'indicator',
      entityId: locked.code,
      before: described(before),
      after: after ? described(after) : null,
      ip: input.ip ?? null,
    });
  });
}
