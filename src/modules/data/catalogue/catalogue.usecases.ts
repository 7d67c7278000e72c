import type { Db } from '../../../db/database.ts';
import {
  countIndicators,
  findIndicatorByCode,
  listIndicators,
  listVersions,
  type IndicatorRow,
  type VersionRow,
} from './catalogue.repository.ts';

import { getIndicatorMap, type IndicatorMap, type MapSelection } from '../maps/maps.usecases.ts';
import { assessSeries, type ProgressItem } from '../progress/progress.usecases.ts';
import { themeOfIndicator } from '../progress/progress.method.ts';
import {
  countCountriesByYear,
  listObservations,
  listSlices,
  type ObservationOrder,
  type ObservationRow,
  type SliceRow,
} from '../observations/observations.repository.ts';
import type { TableOrder } from './catalogue.schemas.ts';

export type { IndicatorRow, ObservationRow, SliceRow, VersionRow };
export type { IndicatorMap, ProgressItem };

export async function listCatalogue(input: {
  db: Db;
  page: number;
  perPage: number;
}): Promise<{ items: IndicatorRow[]; total: number }> {
  const [items, total] = await Promise.all([
    listIndicators(input.db, { limit: input.perPage, offset: (input.page - 1) * input.perPage }),
    countIndicators(input.db),
  ]);
  return { items, total };
}

export async function getIndicator(input: {
  db: Db;
  code: string;
}): Promise<(IndicatorRow & { versions: VersionRow[] }) | null> {
  const indicator = await findIndicatorByCode(input.db, input.code);
  if (!indicator) return null;
  return { ...indicator, versions: await listVersions(input.db, indicator.id) };
}

/** The catalogue page: every indicator, and how many countries have data for each year. */
export async function getCataloguePage(input: { db: Db }): Promise<{
  indicators: IndicatorRow[];
  availability: Map<string, Map<number, number>>;
  years: number[];
}> {
  const [indicators, counts] = await Promise.all([
    listIndicators(input.db, { limit: 1000, offset: 0 }),
    countCountriesByYear(input.db),
  ]);
  const availability = new Map<string, Map<number, number>>();
  for (const count of counts) {
    const byYear = availability.get(count.code) ?? new Map<number, number>();
    byYear.set(count.year, count.countries);
    availability.set(count.code, byYear);
  }
  const years = [...new Set(counts.map((count) => count.year))].sort((a, b) => a - b);
  return { indicators, availability, years };
}

/**
 * The order of the page's observations for the order asked: by value or by year, either way; one
 * geography has a single name, so ordering by it leaves the table by year.
 */
export function observationOrderOf(order: TableOrder): ObservationOrder {
  if (order.sort === 'geo') return { by: 'year', dir: 'asc' };
  return { by: order.sort, dir: order.dir };
}

/** What the indicator page shows: one geography, one age group, one unit. */
export interface Selection {
  geo: string;
  age: string;
  unit: string;
}

/** The most frequent value of a list (the first of the most frequent ones). */
function mostFrequent(values: readonly { value: string; count: number }[]): string | undefined {
  const totals = new Map<string, number>();
  for (const entry of values) totals.set(entry.value, (totals.get(entry.value) ?? 0) + entry.count);
  let best: string | undefined;
  for (const [value, total] of totals) if (best === undefined || total > totals.get(best)!) best = value;
  return best;
}

/**
 * The indicator page's data: the indicator, what its data holds (to choose from), the selection
 * (the one asked for where the data has it; otherwise the world, or the geography with most data,
 * its most frequent age group and unit), and every observation of that selection.
 */
export async function getIndicatorPage(input: {
  db: Db;
  code: string;
  asked: Partial<Selection> & Partial<MapSelection>;
  /** The order of the observations (absent: by year). */
  order?: TableOrder;
}): Promise<{
  indicator: IndicatorRow;
  slices: SliceRow[];
  selection: Selection | null;
  observations: ObservationRow[];
  /** Progress to the target of the series shown (null where it does not apply). */
  progress: ProgressItem | null;
  /** Every country's value for a year and a sex, in the age group and unit shown (null: none). */
  map: IndicatorMap | null;
} | null> {
  const indicator = await findIndicatorByCode(input.db, input.code);
  if (!indicator) return null;
  const slices = await listSlices(input.db, indicator.id);
  const geo =
    [input.asked.geo, '001'].find((candidate) => slices.some((slice) => slice.geo === candidate)) ??
    mostFrequent(slices.map((slice) => ({ value: slice.geo, count: slice.count })));
  if (geo === undefined) return { indicator, slices, selection: null, observations: [], progress: null, map: null };
  const ofGeo = slices.filter((slice) => slice.geo === geo);
  const age = ofGeo.some((slice) => slice.age === input.asked.age)
    ? input.asked.age!
    : mostFrequent(ofGeo.map((slice) => ({ value: slice.age, count: slice.count })))!;
  const ofAge = ofGeo.filter((slice) => slice.age === age);
  const unit = ofAge.some((slice) => slice.unit === input.asked.unit)
    ? input.asked.unit!
    : mostFrequent(ofAge.map((slice) => ({ value: slice.unit, count: slice.count })))!;
  const observations = await listObservations(input.db, {
    filter: { indicatorId: indicator.id, versionId: null, geo: [geo], year: [], sex: [], age: [age], unit: [unit] },
    limit: 5000,
    offset: 0,
    order: observationOrderOf(input.order ?? { sort: 'year', dir: 'asc' }),
  });
  const progress = assessSeries({ indicator, theme: themeOfIndicator(indicator), unit, observations });
  const map = await getIndicatorMap({
    db: input.db,
    indicatorId: indicator.id,
    age,
    unit,
    asked: {
      ...(input.asked.year ? { year: input.asked.year } : {}),
      ...(input.asked.sex ? { sex: input.asked.sex } : {}),
    },
  });
  return { indicator, slices, selection: { geo, age, unit }, observations, progress, map };
}
