import type { Db } from '../../../db/database.ts';
import { isCountryCode } from '../../../i18n/countries.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import { regionOfCountry, type Region } from '../../../i18n/regions.ts';
import { listCountryPartners, type CountryPartner } from '../../partners/index.ts';
import { listLatestNews, type StoryForReader } from '../../news/index.ts';
import {
  getCountrySummary,
  getPublicCountry,
  listPublicCountries,
  type CountrySummary,
  type PublicCountry,
} from '../../pathfinders/index.ts';
import type { ObservationRow } from '../observations/observations.repository.ts';
import { assessSeries, type ProgressItem } from '../progress/progress.usecases.ts';
import { THEMES, themeOfIndicator, type Theme } from '../progress/progress.method.ts';
import {
  listCountriesWithData,
  listIndicatorsOfGeo,
  listObservationsOfGeo,
  type CountryIndicatorRow,
} from './countries.repository.ts';

export type { CountryIndicatorRow };

/** One series of a country: an indicator in one unit, with every observation of it. */
export interface CountrySeries {
  indicator: CountryIndicatorRow;
  theme: Theme | null;
  unit: string;
  observations: ObservationRow[];
}

/** Which indicators of a theme have data for the country, and for which years. */
export interface AvailabilityEntry {
  theme: Theme | 'other';
  indicators: { indicator: CountryIndicatorRow; years: number[] }[];
}

export interface CountryProfile {
  iso3: string;
  region: Region | null;
  series: CountrySeries[];
  availability: AvailabilityEntry[];
  progress: ProgressItem[];
  /** The country's public pathfinder record (null: not on the path, or a declined request). */
  pathfinder: PublicCountry | null;
  /** Its adopted roadmap in short and its standards (null: not on the path). */
  pathfinderSummary: CountrySummary | null;
  partners: CountryPartner[];
  /** The latest published stories about the country, newest first. */
  news: StoryForReader[];
}

/** How many stories about the country its profile lists (the news list has the rest). */
export const PROFILE_NEWS_LIMIT = 5;

/**
 * A country's profile: its data by theme of target 8.7, the data available, progress to the target,
 * its pathfinder record (with its roadmap and standards), the partners based there and the latest
 * news about it. Null for a code that is not a country.
 */
export async function getCountryProfile(input: {
  db: Db;
  iso3: string;
  locale: Locale;
  defaultLocale: Locale;
  now: Date;
}): Promise<CountryProfile | null> {
  const { db, iso3 } = input;
  if (!isCountryCode(iso3)) return null;
  const [indicators, observations, pathfinder, partners, news] = await Promise.all([
    listIndicatorsOfGeo(db, iso3),
    listObservationsOfGeo(db, iso3),
    getPublicCountry({ db, iso3 }),
    listCountryPartners({ db, iso3, locale: input.locale, defaultLocale: input.defaultLocale }),
    listLatestNews({
      db,
      now: input.now,
      locale: input.locale,
      defaultLocale: input.defaultLocale,
      limit: PROFILE_NEWS_LIMIT,
      country: iso3,
    }),
  ]);
  const pathfinderSummary = pathfinder ? await getCountrySummary({ db, iso3 }) : null;
  const series: CountrySeries[] = [];
  for (const indicator of indicators) {
    const theme = themeOfIndicator(indicator);
    const own = observations.filter((row) => row.indicatorId === indicator.id);
    for (const unit of [...new Set(own.map((row) => row.unit))]) {
      series.push({ indicator, theme, unit, observations: own.filter((row) => row.unit === unit) });
    }
  }
  const order = (theme: Theme | null) => (theme === null ? THEMES.length : THEMES.indexOf(theme));
  series.sort((a, b) => order(a.theme) - order(b.theme));
  const availability: AvailabilityEntry[] = [...THEMES, 'other' as const].map((theme) => ({
    theme,
    indicators: indicators
      .filter((indicator) => (themeOfIndicator(indicator) ?? 'other') === theme)
      .map((indicator) => ({
        indicator,
        years: [...new Set(observations.filter((row) => row.indicatorId === indicator.id).map((row) => row.year))].sort(
          (a, b) => a - b,
        ),
      })),
  }));
  return {
    iso3,
    region: regionOfCountry(iso3),
    series,
    availability: availability.filter((entry) => entry.theme !== 'other' || entry.indicators.length > 0),
    progress: series.flatMap((entry) => {
      const item = assessSeries({
        indicator: entry.indicator,
        theme: entry.theme,
        unit: entry.unit,
        observations: entry.observations,
      });
      return item ? [item] : [];
    }),
    pathfinder: pathfinder?.country ?? null,
    pathfinderSummary,
    partners,
    news,
  };
}

/** The countries that have a profile worth listing: any data, or a public pathfinder record. */
export async function listProfiledCountries(input: { db: Db }): Promise<string[]> {
  const [withData, pathfinders] = await Promise.all([
    listCountriesWithData(input.db),
    listPublicCountries({ db: input.db, query: {} }),
  ]);
  return [...new Set([...withData, ...pathfinders.map((country) => country.iso3)])].filter(isCountryCode).sort();
}
