import type { Db } from '../../../db/database.ts';
import { LOCALES, type Locale } from '../../../i18n/i18n.ts';
import type { OrganizationKind } from '../partners.table.ts';
import { listActivePartnersOfCountry } from './country-partners.repository.ts';

export interface CountryPartner {
  slug: string;
  /** The name in the reader's language, else the default language's, else the organization's own. */
  name: string;
  /** The language of that name when it is a translation (null: the organization's own name). */
  nameLocale: Locale | null;
  kind: OrganizationKind;
}

/** The active partners based in a country, by name in the reader's language, for its profile. */
export async function listCountryPartners(input: {
  db: Db;
  iso3: string;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<CountryPartner[]> {
  const rows = await listActivePartnersOfCountry(input.db, input.iso3);
  const collator = new Intl.Collator(input.locale);
  return rows
    .map((row) => {
      const shown = [input.locale, input.defaultLocale].find((locale) => row.names[locale]);
      return {
        slug: row.slug,
        name: shown ? row.names[shown]! : row.name,
        nameLocale: shown ?? LOCALES.find((locale) => row.names[locale] === row.name) ?? null,
        kind: row.kind,
      };
    })
    .sort((a, b) => collator.compare(a.name, b.name));
}
