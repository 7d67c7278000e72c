import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { findIndicatorByCode } from '../catalogue/catalogue.repository.ts';
import { findVersion } from '../data.repository.ts';
import {
  countObservations,
  listObservations,
  type ObservationOrder,
  type ObservationRow,
} from './observations.repository.ts';

export type { ObservationOrder, ObservationRow };

/** Every observation at most, in one answer (a CSV download). */
export const ALL_OBSERVATIONS = 10_000_000;

/** A page of an indicator's observations, in its current version or an earlier one. */
export async function listIndicatorObservations(input: {
  db: Db;
  code: string;
  filter: { geo: string[]; year: number[]; sex: string[]; age: string[]; unit?: string[] };
  version?: number;
  /** Absent: by geography, year, sex, age, unit. */
  order?: ObservationOrder;
  page: number;
  perPage: number;
}): Promise<{ version: number; items: ObservationRow[]; total: number }> {
  const indicator = await findIndicatorByCode(input.db, input.code);
  if (!indicator) throw new AppError('data.indicator.not_found');
  let versionId: number | null = null;
  let version = indicator.currentVersion ?? 0;
  if (input.version !== undefined && input.version !== indicator.currentVersion) {
    const found = await findVersion(input.db, { indicatorId: indicator.id, number: input.version });
    if (!found) throw new AppError('data.version.not_found');
    versionId = found.id;
    version = found.number;
  }
  const filter = { indicatorId: indicator.id, versionId, ...input.filter };
  const [items, total] = await Promise.all([
    listObservations(input.db, {
      filter,
      limit: input.perPage,
      offset: (input.page - 1) * input.perPage,
      ...(input.order ? { order: input.order } : {}),
    }),
    countObservations(input.db, filter),
  ]);
  return { version, items, total };
}
