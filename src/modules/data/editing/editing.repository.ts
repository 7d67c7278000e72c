import { eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import { indicators, indicatorTranslations, type IndicatorStatus } from '../data.table.ts';

/** Changes an indicator's own fields. */
export async function updateIndicatorFields(
  db: DbExecutor,
  input: {
    id: number;
    status: IndicatorStatus;
    sdgIndicator: string | null;
    unit: string;
    custodian: string;
    source: string;
  },
): Promise<void> {
  await db
    .update(indicators)
    .set({
      status: input.status,
      sdgIndicator: input.sdgIndicator,
      unit: input.unit,
      custodian: input.custodian,
      source: input.source,
      updatedAt: new Date(),
    })
    .where(eq(indicators.id, input.id));
}

/** Writes an indicator's texts in one language, or removes them when the name is empty. */
export async function writeIndicatorTranslation(
  db: DbExecutor,
  input: { indicatorId: number; locale: Locale; name: string; definition: string; methodology: string },
): Promise<void> {
  if (input.name === '') {
    await db
      .delete(indicatorTranslations)
      .where(
        sql`${indicatorTranslations.indicatorId} = ${input.indicatorId} AND ${indicatorTranslations.locale} = ${input.locale}`,
      );
    return;
  }
  const values = { name: input.name, definition: input.definition, methodology: input.methodology };
  await db
    .insert(indicatorTranslations)
    .values({ indicatorId: input.indicatorId, locale: input.locale, ...values })
    .onConflictDoUpdate({ target: [indicatorTranslations.indicatorId, indicatorTranslations.locale], set: values });
}
