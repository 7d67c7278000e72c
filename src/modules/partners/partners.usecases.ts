import type { Db } from '../../db/database.ts';
import { LOCALES, type Locale } from '../../i18n/i18n.ts';
import { REGIONS, regionOfCountry, type Region } from '../../i18n/regions.ts';
import {
  actionGroupsOf,
  countFacets,
  findOrganizationBySlug,
  searchDirectory,
  translationsOf,
  type DirectoryRow,
} from './partners.repository.ts';
import type { DirectoryQuery } from './partners.schemas.ts';
import { ACTION_GROUPS, ORGANIZATION_KINDS, type ActionGroup, type OrganizationKind } from './partners.table.ts';

/** The tables the directory and profiles are read from (for the page cache). */
export const PARTNER_TABLES = [
  'organizations',
  'organization_translations',
  'organization_action_groups',
  'organization_status_history',
] as const;

export interface FacetValue<T extends string> {
  value: T;
  count: number;
  selected: boolean;
}

export interface DirectoryPage {
  total: number;
  items: (DirectoryRow & { region: Region | null; actionGroups: ActionGroup[] })[];
  facets: {
    kind: FacetValue<OrganizationKind>[];
    region: FacetValue<Region>[];
    country: FacetValue<string>[];
    actionGroup: FacetValue<ActionGroup>[];
  };
}

/** One page of the public directory, with the count of each filter value given the other filters. */
export async function listDirectory(input: {
  db: Db;
  query: DirectoryQuery;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<DirectoryPage> {
  const { query } = input;
  const [{ total, rows }, facets] = await Promise.all([
    searchDirectory(input.db, { query, locale: input.locale, fallbackLocale: input.defaultLocale }),
    countFacets(input.db, query),
  ]);
  const groups = await actionGroupsOf(
    input.db,
    rows.map((row) => row.id),
  );
  const regionCounts = new Map<Region, number>();
  for (const [country, count] of facets.countryForRegions) {
    const region = regionOfCountry(country);
    if (region) regionCounts.set(region, (regionCounts.get(region) ?? 0) + count);
  }
  const countries = new Set([...facets.country.keys(), ...query.country]);
  return {
    total,
    items: rows.map((row) => ({
      ...row,
      region: row.country ? regionOfCountry(row.country) : null,
      actionGroups: groups.get(row.id) ?? [],
    })),
    facets: {
      kind: ORGANIZATION_KINDS.map((value) => ({
        value,
        count: facets.kind.get(value) ?? 0,
        selected: query.kind.includes(value),
      })),
      region: REGIONS.map((value) => ({
        value,
        count: regionCounts.get(value) ?? 0,
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
  return toProfile({ row, locale: input.locale, defaultLocale: input.defaultLocale });
}

function toProfile(input: {
  row: Omit<DirectoryRow, 'name' | 'nameLocale' | 'id'> & {
    name: string;
    translations: { locale: string; name: string; description: string }[];
    actionGroups: ActionGroup[];
    logo?: { hash: string; width: number; height: number } | null;
  };
  locale: Locale;
  defaultLocale: Locale;
}): PartnerProfile {
  const { row } = input;
  const byLocale = new Map(row.translations.map((translation) => [translation.locale, translation]));
  const shown = [input.locale, input.defaultLocale, ...LOCALES].find((locale) => byLocale.has(locale)) ?? null;
  const text = shown ? byLocale.get(shown) : undefined;
  const names: Partial<Record<Locale, string>> = {};
  const descriptions: Partial<Record<Locale, string>> = {};
  for (const locale of LOCALES) {
    const translation = byLocale.get(locale);
    if (translation) {
      names[locale] = translation.name;
      descriptions[locale] = translation.description;
    }
  }
  return {
    slug: row.slug,
    name: text?.name ?? row.name,
    description: text?.description ?? '',
    textLocale: shown,
    names,
    descriptions,
    kind: row.kind,
    country: row.country,
    region: row.country ? regionOfCountry(row.country) : null,
    website: row.website,
    actionGroups: row.actionGroups,
    joinedOn: row.joinedOn,
    isDemo: row.isDemo,
    logo: row.logo ?? null,
  };
}

/** Every partner of a directory query with all its languages (the API and downloads). */
export async function listPartnerProfiles(input: {
  db: Db;
  query: DirectoryQuery;
  locale: Locale;
  defaultLocale: Locale;
}): Promise<{ total: number; items: PartnerProfile[] }> {
  const { total, rows } = await searchDirectory(input.db, {
    query: input.query,
    locale: input.locale,
    fallbackLocale: input.defaultLocale,
  });
  const ids = rows.map((row) => row.id);
  const [translations, groups] = await Promise.all([translationsOf(input.db, ids), actionGroupsOf(input.db, ids)]);
  return {
    total,
    items: rows.map((row) =>
      toProfile({
        row: { ...row, translations: translations.get(row.id) ?? [], actionGroups: groups.get(row.id) ?? [] },
        locale: input.locale,
        defaultLocale: input.defaultLocale,
      }),
    ),
  };
}
