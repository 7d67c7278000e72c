/**
 * Fictional partner organizations for the benchmark: `seedPartners({ database, count })` adds
 * `count` active demonstration organizations (slugs `bench-org-00001`…) with a name in each
 * language, 0–2 action groups and a status history, in a few multi-row INSERT statements
 * inside one transaction. The data is deterministic: the same count gives the same rows.
 */
import { like } from 'drizzle-orm';
import countries from 'i18n-iso-countries';
import type { Database } from '../src/db/database.ts';
import {
  ACTION_GROUPS,
  organizationActionGroups,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  ORGANIZATION_KINDS,
  type ActionGroup,
  type OrganizationKind,
} from '../src/modules/partners/index.ts';

/** How many countries the organizations are spread over. */
const COUNTRY_COUNT = 150;
/** PostgreSQL accepts at most 65,535 parameters per statement; stay well below. */
const MAX_PARAMETERS = 30_000;

type Names = { fr: string; en: string; es: string };

/** Two name patterns per kind, with accents in French and Spanish (the search ignores them). */
const NAMES: Record<OrganizationKind, Names[]> = {
  government: [
    {
      fr: 'Ministère du Travail et de l’Emploi',
      en: 'Ministry of Labour and Employment',
      es: 'Ministerio de Trabajo y Empleo',
    },
    {
      fr: 'Secrétariat d’État à la Protection sociale',
      en: 'State Secretariat for Social Protection',
      es: 'Secretaría de Estado de Protección Social',
    },
  ],
  international_org: [
    {
      fr: 'Organisation internationale pour la dignité humaine',
      en: 'International Organization for Human Dignity',
      es: 'Organización Internacional para la Dignidad Humana',
    },
    {
      fr: 'Agence internationale des migrations sûres',
      en: 'International Agency for Safe Migration',
      es: 'Agencia Internacional de Migraciones Seguras',
    },
  ],
  regional_org: [
    {
      fr: 'Communauté régionale de coopération économique',
      en: 'Regional Economic Cooperation Community',
      es: 'Comunidad Regional de Cooperación Económica',
    },
    {
      fr: 'Commission régionale des droits de l’enfant',
      en: 'Regional Commission on Children’s Rights',
      es: 'Comisión Regional de los Derechos del Niño',
    },
  ],
  workers_org: [
    {
      fr: 'Confédération générale des travailleurs',
      en: 'General Confederation of Workers',
      es: 'Confederación General de Trabajadores',
    },
    {
      fr: 'Syndicat des travailleuses domestiques',
      en: 'Domestic Workers’ Union',
      es: 'Sindicato de Trabajadoras Domésticas',
    },
  ],
  employers_org: [
    {
      fr: 'Fédération des employeurs et des entreprises',
      en: 'Federation of Employers and Enterprises',
      es: 'Federación de Empleadores y Empresas',
    },
    {
      fr: 'Chambre de commerce pour un travail décent',
      en: 'Chamber of Commerce for Decent Work',
      es: 'Cámara de Comercio por el Trabajo Decente',
    },
  ],
  civil_society: [
    {
      fr: 'Association contre le travail forcé',
      en: 'Association against Forced Labour',
      es: 'Asociación contra el Trabajo Forzoso',
    },
    {
      fr: 'Réseau d’écoute des victimes de la traite',
      en: 'Listening Network for Trafficking Survivors',
      es: 'Red de Escucha a Víctimas de la Trata',
    },
  ],
  academic: [
    {
      fr: 'Institut d’études sur l’esclavage moderne',
      en: 'Institute for Modern Slavery Studies',
      es: 'Instituto de Estudios sobre la Esclavitud Moderna',
    },
    {
      fr: 'Université populaire des droits économiques',
      en: 'People’s University of Economic Rights',
      es: 'Universidad Popular de Derechos Económicos',
    },
  ],
  other: [
    {
      fr: 'Fondation Éducation et Réinsertion',
      en: 'Education and Reintegration Foundation',
      es: 'Fundación Educación y Reinserción',
    },
    {
      fr: 'Coopérative équitable des récoltants',
      en: 'Fair Harvesters’ Cooperative',
      es: 'Cooperativa Justa de Cosechadores',
    },
  ],
};

const DESCRIPTIONS: Names = {
  fr: 'Organisation fictive créée pour le banc d’essai de l’annuaire.',
  en: 'A fictional organization created to benchmark the directory.',
  es: 'Organización ficticia creada para la prueba de rendimiento del directorio.',
};

/** A small deterministic pseudo-random generator (mulberry32), so that every run seeds the same data. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

/** `COUNTRY_COUNT` ISO 3166-1 alpha-3 codes spread over the whole list. */
function benchCountries(): string[] {
  const all = Object.keys(countries.getAlpha3Codes()).sort();
  const step = all.length / Math.min(COUNTRY_COUNT, all.length);
  return Array.from({ length: Math.min(COUNTRY_COUNT, all.length) }, (_, index) => all[Math.floor(index * step)]!);
}

function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns));
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += size) result.push(rows.slice(start, start + size));
  return result;
}

export interface SeedSummary {
  organizations: number;
  translations: number;
  actionGroups: number;
  statusHistory: number;
  statements: number;
  milliseconds: number;
}

/** Adds `count` fictional active organizations; earlier benchmark organizations are replaced. */
export async function seedPartners(input: { database: Database; count: number }): Promise<SeedSummary> {
  const started = performance.now();
  const random = randomFrom(87);
  const codes = benchCountries();
  const firstDay = Date.UTC(2016, 10, 1);
  const lastDay = Date.UTC(2026, 0, 1);

  const planned = Array.from({ length: input.count }, (_, index) => {
    const number = String(index + 1).padStart(5, '0');
    const kind = ORGANIZATION_KINDS[index % ORGANIZATION_KINDS.length]!;
    const names = pick(random, NAMES[kind]);
    const groupCount = Math.floor(random() * 3);
    const groups = new Set<ActionGroup>();
    while (groups.size < groupCount) groups.add(pick(random, ACTION_GROUPS));
    const joined = new Date(firstDay + Math.floor(random() * (lastDay - firstDay)));
    return {
      slug: `bench-org-${number}`,
      kind,
      country: pick(random, codes),
      names: { fr: `${names.fr} n° ${number}`, en: `${names.en} No. ${number}`, es: `${names.es} n.º ${number}` },
      groups: [...groups],
      joinedOn: joined.toISOString().slice(0, 10),
    };
  });

  let statements = 0;
  const counts = await input.database.db.transaction(async (tx) => {
    await tx.delete(organizations).where(like(organizations.slug, 'bench-org-%'));
    const ids = new Map<string, number>();
    const organizationRows = planned.map((entry) => ({
      slug: entry.slug,
      name: entry.names.en,
      kind: entry.kind,
      country: entry.country,
      status: 'active' as const,
      website: `https://${entry.slug}.example.org`,
      isDemo: true,
    }));
    for (const chunk of chunks(organizationRows, 7)) {
      const inserted = await tx
        .insert(organizations)
        .values(chunk)
        .returning({ id: organizations.id, slug: organizations.slug });
      statements += 1;
      for (const row of inserted) ids.set(row.slug, row.id);
    }
    const idOf = (slug: string) => ids.get(slug)!;

    const translationRows = planned.flatMap((entry) =>
      (['fr', 'en', 'es'] as const).map((locale) => ({
        organizationId: idOf(entry.slug),
        locale,
        name: entry.names[locale],
        description: DESCRIPTIONS[locale],
      })),
    );
    for (const chunk of chunks(translationRows, 4)) {
      await tx.insert(organizationTranslations).values(chunk);
      statements += 1;
    }

    const groupRows = planned.flatMap((entry) =>
      entry.groups.map((actionGroup) => ({ organizationId: idOf(entry.slug), actionGroup })),
    );
    for (const chunk of chunks(groupRows, 2)) {
      await tx.insert(organizationActionGroups).values(chunk);
      statements += 1;
    }

    const historyRows = planned.map((entry) => ({
      organizationId: idOf(entry.slug),
      status: 'active' as const,
      validFrom: entry.joinedOn,
      note: 'benchmark data',
    }));
    for (const chunk of chunks(historyRows, 4)) {
      await tx.insert(organizationStatusHistory).values(chunk);
      statements += 1;
    }
    return {
      organizations: organizationRows.length,
      translations: translationRows.length,
      actionGroups: groupRows.length,
      statusHistory: historyRows.length,
    };
  });
  // As after any bulk import: fresh planner statistics (the embedded database has no autovacuum).
  await input.database.pool.query('ANALYZE');
  return { ...counts, statements, milliseconds: Math.round(performance.now() - started) };
}
