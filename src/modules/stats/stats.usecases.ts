import type { Db } from '../../db/database.ts';
import { derivedValue, type DerivedValue } from '../../db/derived-value.ts';
import { ORGANIZATION_KINDS } from '../partners/index.ts';
import {
  countActiveDemoPartners,
  countActivePartnersByKind,
  countActivePartnersByYear,
  countPathfinderCountries,
} from './stats.repository.ts';
import type { Counters } from './stats.schemas.ts';

/** The tables the counters are computed from. */
export const STATS_TABLES = ['organizations', 'organization_status_history', 'pathfinder_countries'] as const;

/** The public counters, always computed from the records, never typed in; `now` says which day is today. */
export async function computeCounters(db: Db, now = new Date()): Promise<Counters> {
  const [byKind, pathfinders, demonstration, byYear] = await Promise.all([
    countActivePartnersByKind(db),
    countPathfinderCountries(db),
    countActiveDemoPartners(db),
    countActivePartnersByYear(db, now.toISOString().slice(0, 10)),
  ]);
  const kinds = Object.fromEntries(
    ORGANIZATION_KINDS.map((kind) => [kind, byKind.get(kind) ?? 0]),
  ) as Counters['partners']['by_kind'];
  return {
    partners: {
      total: Object.values(kinds).reduce((sum, value) => sum + value, 0),
      by_kind: kinds,
      demonstration,
      by_year: byYear.map((entry) => ({ year: entry.year, date: entry.day, total: entry.total })),
    },
    pathfinder_countries: pathfinders,
    computed_at: now.toISOString(),
  };
}

/**
 * The counters, kept by each process until a table they come from changes (or the day does):
 * the home page and `/api/v1/stats` read them without a query per request.
 */
export function createCountersSource(db: Db): DerivedValue<Counters> {
  return derivedValue({
    tables: STATS_TABLES,
    compute: () => computeCounters(db),
    key: () => new Date().toISOString().slice(0, 10),
  });
}
