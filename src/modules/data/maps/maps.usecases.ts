import type { Db } from '../../../db/database.ts';
import { countMapCountries, listMapValues, type MapValueRow } from './maps.repository.ts';

export type { MapValueRow };

/** The map's choice: a year and a sex among those with country data. */
export interface MapSelection {
  year: number;
  sex: string;
}

export interface IndicatorMap {
  selection: MapSelection;
  /** The years and sexes with country data, to choose from. */
  years: number[];
  sexes: string[];
  values: MapValueRow[];
}

/**
 * An indicator's world map for the page's age group and unit: the year and sex asked for where the
 * data has them, else the year with most countries (the latest of those) and both sexes (`total`)
 * where it exists. Null when no country has a value.
 */
export async function getIndicatorMap(input: {
  db: Db;
  indicatorId: number;
  age: string;
  unit: string;
  asked: Partial<MapSelection>;
}): Promise<IndicatorMap | null> {
  const counts = await countMapCountries(input.db, input);
  if (counts.length === 0) return null;
  const sexes = [...new Set(counts.map((row) => row.sex))];
  const sex = [input.asked.sex, 'total'].find((candidate) => candidate && sexes.includes(candidate)) ?? sexes[0]!;
  const ofSex = counts.filter((row) => row.sex === sex);
  const years = ofSex.map((row) => row.year);
  const busiest = ofSex.reduce((best, row) => (row.countries >= best.countries ? row : best));
  const year = input.asked.year !== undefined && years.includes(input.asked.year) ? input.asked.year : busiest.year;
  const values = await listMapValues(input.db, { ...input, year, sex });
  return { selection: { year, sex }, years, sexes, values };
}
