import type { Db } from '../../../db/database.ts';
import { isLocale, LOCALES, type Locale } from '../../../i18n/i18n.ts';
import { REGIONS, regionOfCountry, type Region } from '../../../i18n/regions.ts';
import { displayNameOf, type DirectoryEntry, type DirectoryIndex } from './directory.search-index.ts';
import { findOrganizationBySlug } from './directory.repository.ts';
import type { DirectoryQuery } from './directory.schemas.ts';
import { ACTION_GROUPS, ORGANIZATION_KINDS, type ActionGroup, type OrganizationKind } from '../partners.table.ts';

export interface FacetValue<T extends string> {
  value: T;
  count: number;
  selected: boolean;
}

/** A partner on a page of the directory, with its name in the reader's language or a fallback. */
export type DirectoryItem = Omit<DirectoryEntry, 'texts' | 'searchKeys'> & {
  /** The language of `name`; null for the organization's own name in no known language. */
  nameLocale: Locale | null;
};

export interface DirectoryPage {
  total: number;
  items: DirectoryItem[];
  facets: {
    kind: FacetValue<OrganizationKind>[];
    region: FacetValue<Region>[];
    country: FacetValue<string>[];
    actionGroup: FacetValue<ActionGroup>[];
  };
}

/** One page of the public directory, with the count of each filter value given the other filters. */
export async function listDirectory(input: {
  directory: DirectoryIndex;
  query: DirectoryQuery;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<DirectoryPage> {
  const { query } = input;
  const { total, entries, facets } = await input.directory.search({ query, locale: input.locale });
  const countries = new Set([...facets.country.keys(), ...query.country]);
  return {
    total,
    items: entries.map((entry) => {
      const shown = displayNameOf(entry, input.locale, input.defaultLocale);
      return {
        id: entry.id,
        slug: entry.slug,
        name: shown.name,
        nameLocale: shown.locale,
        kind: entry.kind,
        country: entry.country,
        website: entry.website,
        isDemo: entry.isDemo,
        joinedOn: entry.joinedOn,
        region: entry.region,
        actionGroups: entry.actionGroups,
      };
    }),
    facets: {
      kind: ORGANIZATION_KINDS.map((value) => ({
        value,
        count: facets.kind.get(value) ?? 0,
        selected: query.kind.includes(value),
      })),
      region: REGIONS.map((value) => ({
        value,
        count: facets.region.get(value) ?? 0,
        selected: query.region.includes(value),
      })),
      country: [...countries].map((value) => ({
        value,
        count: facets.country.get(value) ?? 0,
        selected: query.country.includes(value),
      })),
      actionGroup: ACTION_GROUPS.map((value) => ({
        value,
        count: facets.actionGroup.get(value) ?? 0,
        selected: query.action_group.includes(value),
      })),
    },
  };
}

export interface PartnerProfile {
  slug: string;
  name: string;
  description: string;
  /** The language the name and description are shown in; differs from the reader's on fallback. */
  textLocale: Locale | null;
  names: Partial<Record<Locale, string>>;
  descriptions: Partial<Record<Locale, string>>;
  kind: OrganizationKind;
  country: string | null;
  region: Region | null;
  website: string | null;
  actionGroups: ActionGroup[];
  joinedOn: string | null;
  isDemo: boolean;
  logo: { hash: string; width: number; height: number } | null;
}

/** A partner's public profile (active partners only), in the reader's language or a fallback. */
export async function getPartnerProfile(input: {
  db: Db;
  slug: string;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<PartnerProfile | null> {
  const row = await findOrganizationBySlug(input.db, input.slug);
  if (!row || row.status !== 'active') return null;
  const texts: DirectoryEntry['texts'] = {};
  for (const translation of row.translations) {
    if (isLocale(translation.locale)) texts[translation.locale] = translation;
  }
  return toProfile({
    entry: { ...row, texts, region: row.country ? regionOfCountry(row.country) : null },
    logo: row.logo,
    locale: input.locale,
    defaultLocale: input.defaultLocale,
  });
}

function toProfile(input: {
  entry: Omit<DirectoryEntry, 'id' | 'searchKeys'>;
  logo: PartnerProfile['logo'];
  locale: Locale;
  defaultLocale: Locale;
}): PartnerProfile {
  const { entry } = input;
  // Name and description are shown together, in the first language that has them.
  const shown = [input.locale, input.defaultLocale, ...LOCALES].find((locale) => entry.texts[locale]) ?? null;
  const text = shown ? entry.texts[shown] : undefined;
  const names: Partial<Record<Locale, string>> = {};
  const descriptions: Partial<Record<Locale, string>> = {};
  for (const locale of LOCALES) {
    const text = entry.texts[locale];
    if (text) {
      names[locale] = text.name;
      descriptions[locale] = text.description;
    }
  }
  return {
    slug: entry.slug,
    name: text?.name ?? entry.name,
    description: text?.description ?? '',
    textLocale: shown,
    names,
    descriptions,
    kind: entry.kind,
    country: entry.country,
    region: entry.region,
    website: entry.website,
    actionGroups: entry.actionGroups,
    joinedOn: entry.joinedOn,
    isDemo: entry.isDemo,
    logo: input.logo,
  };
}

/** Every partner of a directory query with all its languages (the API and downloads). */
export async function listPartnerProfiles(input: {
  directory: DirectoryIndex;
  query: DirectoryQuery;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<{ total: number; items: PartnerProfile[] }> {
  const { total, entries } = await input.directory.search({ query: input.query, locale: input.locale });
  return {
    total,
    items: entries.map((entry) =>
      toProfile({ entry, logo: null, locale: input.locale, defaultLocale: input.defaultLocale }),
    ),
  };
}
