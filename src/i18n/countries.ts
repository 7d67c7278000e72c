import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import type { Locale } from './i18n.ts';

countries.registerLocale(en);
countries.registerLocale(fr);
countries.registerLocale(es);

/** Country names in each language, from the maintained i18n-iso-countries package (ISO 3166). */
export function countryName(input: { iso3: string; locale: Locale }): string {
  return countries.getName(input.iso3, input.locale, { select: 'official' }) ?? input.iso3;
}

const optionsCache = new Map<Locale, { value: string; label: string }[]>();

/** Every country as ISO3 code and name, sorted by name in the given language. */
export function countryOptions(locale: Locale): { value: string; label: string }[] {
  const cached = optionsCache.get(locale);
  if (cached) return cached;
  const collator = new Intl.Collator(locale);
  const options = Object.entries(countries.getNames(locale, { select: 'official' }))
    .map(([alpha2, label]) => ({ value: countries.alpha2ToAlpha3(alpha2) ?? alpha2, label }))
    .sort((a, b) => collator.compare(a.label, b.label));
  optionsCache.set(locale, options);
  return options;
}

/** The ISO3 code of a country's ISO 3166-1 numeric code (`"524"` → `NPL`), as world maps name them. */
export function countryCodeOfNumeric(numeric: string): string | null {
  return countries.numericToAlpha3(numeric) ?? null;
}

/** Whether an upper-case code is an ISO 3166-1 alpha-3 country code (`NPL`: yes; `XYZ`: no). */
export function isCountryCode(iso3: string): boolean {
  return /^[A-Z]{3}$/.test(iso3) && countries.alpha3ToAlpha2(iso3) !== undefined;
}
