import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { countriesOfRegion } from '../../i18n/regions.ts';
import type { DirectoryQuery } from './partners.schemas.ts';
import {
  organizationActionGroups,
  organizationLogos,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  type ActionGroup,
  type OrganizationKind,
} from './partners.table.ts';

/**
 * The outer organization's id inside correlated subqueries, always qualified: Drizzle writes a
 * bare "id" in single-table selects, which a subquery on a table with its own id would take
 * for its own column.
 */
const ORGANIZATION_ID = sql.raw('"organizations"."id"');

export interface DirectoryRow {
  id: number;
  slug: string;
  name: string;
  nameLocale: string | null;
  kind: OrganizationKind;
  country: string | null;
  website: string | null;
  isDemo: boolean;
  joinedOn: string | null;
}

type Facet = 'kind' | 'country' | 'region' | 'action_group';

/** The conditions of a directory query, leaving one facet out (for that facet's counts). */
function conditions(query: DirectoryQuery, leaveOut?: Facet): SQL[] {
  const parts: SQL[] = [eq(organizations.status, 'active')];
  if (query.q) {
    const pattern = `%${query.q.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    // name_key holds a87_unaccent(lower(name)); the pattern is folded the same way, once, and each
    // side of the UNION can use its trigram index.
    parts.push(sql`${organizations.id} IN (
      SELECT o.id FROM ${organizations} o WHERE o.name_key LIKE a87_unaccent(${pattern})
      UNION SELECT t.organization_id FROM ${organizationTranslations} t WHERE t.name_key LIKE a87_unaccent(${pattern}))`);
  }
  if (leaveOut !== 'kind' && query.kind.length > 0) parts.push(inArray(organizations.kind, query.kind));
  if (leaveOut !== 'country' && query.country.length > 0) parts.push(inArray(organizations.country, query.country));
  if (leaveOut !== 'region' && query.region.length > 0) {
    parts.push(
      inArray(
        organizations.country,
        query.region.flatMap((region) => countriesOfRegion(region)),
      ),
    );
  }
  if (leaveOut !== 'action_group' && query.action_group.length > 0) {
    const groups = sql.join(
      query.action_group.map((group) => sql`${group}`),
      sql`, `,
    );
    parts.push(sql`EXISTS (SELECT 1 FROM ${organizationActionGroups} g
      WHERE g.organization_id = ${ORGANIZATION_ID} AND g.action_group IN (${groups}))`);
  }
  return parts;
}

const joinedOn = sql<string | null>`(SELECT min(h.valid_from)::text FROM ${organizationStatusHistory} h
  WHERE h.organization_id = ${ORGANIZATION_ID} AND h.status = 'active')`;

export async function searchDirectory(
  db: Db,
  input: { query: DirectoryQuery; locale: Locale; fallbackLocale: Locale },
): Promise<{ total: number; rows: DirectoryRow[] }> {
  const { query } = input;
  const where = and(...conditions(query));
  // The names in the reader's and the default language come from two joins, not per-row subqueries.
  const inLocale = alias(organizationTranslations, 'name_in_locale');
  const inFallback = alias(organizationTranslations, 'name_in_fallback');
  const displayName = sql<string>`coalesce(${inLocale.name}, ${inFallback.name}, ${organizations.name})`;
  const sortKey = sql`coalesce(${inLocale.nameKey}, ${inFallback.nameKey}, ${organizations.nameKey})`;
  const order =
    query.sort === 'newest'
      ? [desc(joinedOn), asc(organizations.id)]
      : query.sort === 'country'
        ? [asc(organizations.country), asc(sortKey)]
        : [asc(sortKey), asc(organizations.id)];
  const [totalRow] = await db.select({ total: count() }).from(organizations).where(where);
  const rows = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: displayName,
      nameLocale: sql<string | null>`CASE WHEN ${inLocale.name} IS NOT NULL THEN ${input.locale}
        WHEN ${inFallback.name} IS NOT NULL THEN ${input.fallbackLocale}
        ELSE (SELECT t.locale FROM ${organizationTranslations} t WHERE t.organization_id = ${ORGANIZATION_ID}
              AND t.name = ${organizations.name} ORDER BY t.locale LIMIT 1) END`,
      kind: organizations.kind,
      country: organizations.country,
      website: organizations.website,
      isDemo: organizations.isDemo,
      joinedOn,
    })
    .from(organizations)
    .leftJoin(inLocale, and(eq(inLocale.organizationId, organizations.id), eq(inLocale.locale, input.locale)))
    .leftJoin(
      inFallback,
      and(eq(inFallback.organizationId, organizations.id), eq(inFallback.locale, input.fallbackLocale)),
    )
    .where(where)
    .orderBy(...order)
    .limit(query.per_page)
    .offset((query.page - 1) * query.per_page);
  return { total: totalRow?.total ?? 0, rows };
}

/** For each filter, how many organizations each value would give with the other filters applied. */
export async function countFacets(
  db: Db,
  query: DirectoryQuery,
): Promise<{
  kind: Map<OrganizationKind, number>;
  country: Map<string, number>;
  countryForRegions: Map<string, number>;
  actionGroup: Map<ActionGroup, number>;
}> {
  const [kinds, countries, countriesForRegions, groups] = await Promise.all([
    db
      .select({ value: organizations.kind, total: count() })
      .from(organizations)
      .where(and(...conditions(query, 'kind')))
      .groupBy(organizations.kind),
    db
      .select({ value: organizations.country, total: count() })
      .from(organizations)
      .where(and(...conditions(query, 'country')))
      .groupBy(organizations.country),
    // Without a country or region filter both counts are the same query: run it once.
    query.country.length === 0 && query.region.length === 0
      ? null
      : db
          .select({ value: organizations.country, total: count() })
          .from(organizations)
          .where(and(...conditions(query, 'region')))
          .groupBy(organizations.country),
    db
      .select({ value: organizationActionGroups.actionGroup, total: count() })
      .from(organizationActionGroups)
      .innerJoin(organizations, eq(organizations.id, organizationActionGroups.organizationId))
      .where(and(...conditions(query, 'action_group')))
      .groupBy(organizationActionGroups.actionGroup),
  ]);
  return {
    kind: new Map(kinds.map((row) => [row.value, row.total])),
    country: new Map(countries.flatMap((row) => (row.value ? [[row.value, row.total] as const] : []))),
    countryForRegions: new Map(
      (countriesForRegions ?? countries).flatMap((row) => (row.value ? [[row.value, row.total] as const] : [])),
    ),
    actionGroup: new Map(groups.map((row) => [row.value, row.total])),
  };
}

export interface OrganizationProfileRow {
  id: number;
  slug: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  website: string | null;
  status: string;
  isDemo: boolean;
  joinedOn: string | null;
  translations: { locale: string; name: string; description: string }[];
  actionGroups: ActionGroup[];
  logo: { hash: string; width: number; height: number } | null;
}

export async function findOrganizationBySlug(db: Db, slug: string): Promise<OrganizationProfileRow | null> {
  const [row] = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      country: organizations.country,
      website: organizations.website,
      status: organizations.status,
      isDemo: organizations.isDemo,
      joinedOn,
    })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!row) return null;
  const [translations, groups, logos] = await Promise.all([
    db
      .select({
        locale: organizationTranslations.locale,
        name: organizationTranslations.name,
        description: organizationTranslations.description,
      })
      .from(organizationTranslations)
      .where(eq(organizationTranslations.organizationId, row.id)),
    db
      .select({ group: organizationActionGroups.actionGroup })
      .from(organizationActionGroups)
      .where(eq(organizationActionGroups.organizationId, row.id))
      .orderBy(organizationActionGroups.actionGroup),
    db
      .select({ hash: organizationLogos.hash, width: organizationLogos.width, height: organizationLogos.height })
      .from(organizationLogos)
      .where(eq(organizationLogos.organizationId, row.id)),
  ]);
  return { ...row, translations, actionGroups: groups.map((entry) => entry.group), logo: logos[0] ?? null };
}

/** Action groups of several organizations at once (for a page of the directory). */
export async function actionGroupsOf(db: Db, ids: number[]): Promise<Map<number, ActionGroup[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organizationActionGroups.organizationId, group: organizationActionGroups.actionGroup })
    .from(organizationActionGroups)
    .where(inArray(organizationActionGroups.organizationId, ids))
    .orderBy(organizationActionGroups.actionGroup);
  const map = new Map<number, ActionGroup[]>();
  for (const row of rows) map.set(row.id, [...(map.get(row.id) ?? []), row.group]);
  return map;
}

/** Active partners on a given day, from the status history. */
export async function countActivePartnersOn(db: Db, day: string): Promise<number> {
  const result = await db.execute<{ total: string }>(sql`
    SELECT count(*)::text AS total FROM (
      SELECT DISTINCT ON (organization_id) status FROM ${organizationStatusHistory}
       WHERE valid_from <= ${day}::date
       ORDER BY organization_id, valid_from DESC, id DESC
    ) latest WHERE status = 'active'`);
  return Number(result.rows[0]?.total ?? 0);
}

/** Names and descriptions of several organizations at once. */
export async function translationsOf(
  db: Db,
  ids: number[],
): Promise<Map<number, { locale: string; name: string; description: string }[]>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: organizationTranslations.organizationId,
      locale: organizationTranslations.locale,
      name: organizationTranslations.name,
      description: organizationTranslations.description,
    })
    .from(organizationTranslations)
    .where(inArray(organizationTranslations.organizationId, ids));
  const map = new Map<number, { locale: string; name: string; description: string }[]>();
  for (const row of rows) map.set(row.id, [...(map.get(row.id) ?? []), row]);
  return map;
}
