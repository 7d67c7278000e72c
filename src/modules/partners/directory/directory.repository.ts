import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/database.ts';
import {
  organizationActionGroups,
  organizationLogos,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  type ActionGroup,
  type OrganizationKind,
} from '../partners.table.ts';

/**
 * The outer organization's id inside correlated subqueries, always qualified: Drizzle writes a
 * bare "id" in single-table selects, which a subquery on a table with its own id would take
 * for its own column.
 */
const ORGANIZATION_ID = sql.raw('"organizations"."id"');

const joinedOn = sql<string | null>`(SELECT min(h.valid_from)::text FROM ${organizationStatusHistory} h
  WHERE h.organization_id = ${ORGANIZATION_ID} AND h.status = 'active')`;

/** An organization's public columns, with its first day as an active partner. */
const PUBLIC_COLUMNS = {
  id: organizations.id,
  slug: organizations.slug,
  name: organizations.name,
  kind: organizations.kind,
  country: organizations.country,
  website: organizations.website,
  isDemo: organizations.isDemo,
  joinedOn,
};

export interface PublicOrganizationRow {
  id: number;
  slug: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  website: string | null;
  isDemo: boolean;
  joinedOn: string | null;
}

/** The public records of every active partner: organizations, their texts, their action groups. */
export async function readActivePartners(db: Db): Promise<{
  organizations: PublicOrganizationRow[];
  texts: { id: number; locale: string; name: string; description: string }[];
  groups: { id: number; group: ActionGroup }[];
}> {
  // One statement (so one snapshot) that returns one JSON value: PGlite's cost is per row sent,
  // and this sends one instead of some 25,000 for 5,000 partners.
  const result = await db.execute<{ records: string }>(sql`
    SELECT json_build_object(
      'organizations', (SELECT coalesce(json_agg(json_build_array(o.id, o.slug, o.name, o.kind, o.country, o.website,
          o.is_demo, (SELECT min(h.valid_from)::text FROM ${organizationStatusHistory} h
                       WHERE h.organization_id = o.id AND h.status = 'active')) ORDER BY o.id), '[]')
        FROM ${organizations} o WHERE o.status = 'active'),
      'texts', (SELECT coalesce(json_agg(json_build_array(t.organization_id, t.locale, t.name, t.description)), '[]')
        FROM ${organizationTranslations} t JOIN ${organizations} o ON o.id = t.organization_id WHERE o.status = 'active'),
      'groups', (SELECT coalesce(json_agg(json_build_array(g.organization_id, g.action_group) ORDER BY g.action_group), '[]')
        FROM ${organizationActionGroups} g JOIN ${organizations} o ON o.id = g.organization_id WHERE o.status = 'active')
    )::text AS records`);
  const records = JSON.parse(result.rows[0]?.records ?? '{}') as {
    organizations?: [number, string, string, OrganizationKind, string | null, string | null, boolean, string | null][];
    texts?: [number, string, string, string][];
    groups?: [number, ActionGroup][];
  };
  return {
    organizations: (records.organizations ?? []).map(([id, slug, name, kind, country, website, isDemo, joinedOn]) => ({
      id,
      slug,
      name,
      kind,
      country,
      website,
      isDemo,
      joinedOn,
    })),
    texts: (records.texts ?? []).map(([id, locale, name, description]) => ({ id, locale, name, description })),
    groups: (records.groups ?? []).map(([id, group]) => ({ id, group })),
  };
}

export interface OrganizationProfileRow extends PublicOrganizationRow {
  status: string;
  translations: { locale: string; name: string; description: string }[];
  actionGroups: ActionGroup[];
  logo: { hash: string; width: number; height: number } | null;
}

export async function findOrganizationBySlug(db: Db, slug: string): Promise<OrganizationProfileRow | null> {
  const [row] = await db
    .select({ ...PUBLIC_COLUMNS, status: organizations.status })
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
