import { sql } from 'drizzle-orm';
import {
  bigserial,
  char,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

/** A draft indicator (made by an import) is completed by an editor before it is shown. */
export const INDICATOR_STATUSES = ['draft', 'published'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

/** Sex of an observation: the three of the `tidy` format, and the two the UN SDG database adds. */
export const SEXES = ['total', 'female', 'male', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/**
 * The UN SDG database's "nature" of a data point: country data, country-adjusted, estimated,
 * modelled, global monitoring, and non-relevant (its regional and world aggregates).
 */
export const NATURES = ['C', 'CA', 'E', 'M', 'G', 'N'] as const;
export type Nature = (typeof NATURES)[number];

/** An observation's geography: a country (ISO3), an M49 region, or the world (M49 `001`). */
export const GEO_KINDS = ['country', 'region', 'world'] as const;
export type GeoKind = (typeof GEO_KINDS)[number];

/** How a dataset version was made. */
export const VERSION_KINDS = ['import', 'restore'] as const;

/** What the catalogue lists: an indicator (or a series of one), its unit, who keeps it and where it comes from. */
export const indicators = pgTable('indicators', {
  id: serial('id').primaryKey(),
  /** As in addresses and files: `8.7.1`, `SL_TLF_CHLDEC`. */
  code: text('code').notNull().unique(),
  /** The SDG indicator the series belongs to (`8.7.1`), when there is one. */
  sdgIndicator: text('sdg_indicator'),
  status: text('status', { enum: INDICATOR_STATUSES }).notNull().default('draft'),
  unit: text('unit').notNull().default(''),
  custodian: text('custodian').notNull().default(''),
  source: text('source').notNull().default(''),
  /** The dataset version shown now (null before the first import). */
  currentVersionId: integer('current_version_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An indicator's name, definition and methodology notes in each language. */
export const indicatorTranslations = pgTable(
  'indicator_translations',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    locale: char('locale', { length: 2 }).notNull(),
    name: text('name').notNull(),
    definition: text('definition').notNull().default(''),
    methodology: text('methodology').notNull().default(''),
  },
  (table) => [primaryKey({ columns: [table.indicatorId, table.locale] })],
);

/**
 * The versions of an indicator's dataset. An import or a restore makes a new one; every earlier
 * version stays readable (an observation records the version it appeared in and the one that
 * replaced or removed it).
 */
export const dataVersions = pgTable(
  'data_versions',
  {
    id: serial('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… for each indicator. */
    number: integer('number').notNull(),
    kind: text('kind', { enum: VERSION_KINDS }).notNull(),
    /** The import's format and file name; for a restore, the version brought back. */
    format: text('format'),
    fileName: text('file_name'),
    restoredFromNumber: integer('restored_from_number'),
    /** Observations in this version, and what changed from the one before. */
    observations: integer('observations').notNull(),
    added: integer('added').notNull(),
    changed: integer('changed').notNull(),
    removed: integer('removed').notNull(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('data_versions_indicator_number_idx').on(table.indicatorId, table.number)],
);

/**
 * One value with its dimensions and provenance. `dimensions_key` holds the dimensions that
 * identify it within its indicator (geography, year, sex, age, unit, other disaggregations): a
 * dataset holds one live value per key. Rows are never updated but to end them.
 */
export const observations = pgTable(
  'observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    /** The version it appeared in, and the one from which it is no longer part of the dataset. */
    fromVersionId: integer('from_version_id')
      .notNull()
      .references(() => dataVersions.id),
    untilVersionId: integer('until_version_id').references(() => dataVersions.id),
    dimensionsKey: text('dimensions_key').notNull(),
    geo: text('geo').notNull(),
    geoKind: text('geo_kind', { enum: GEO_KINDS }).notNull(),
    year: smallint('year').notNull(),
    sex: text('sex', { enum: SEXES }).notNull().default('total'),
    /** `5-17`, `18+`, `<18`, `unknown`, or `all`. */
    age: text('age').notNull().default('all'),
    nature: text('nature', { enum: NATURES }),
    value: doublePrecision('value').notNull(),
    lower: doublePrecision('lower'),
    upper: doublePrecision('upper'),
    unit: text('unit').notNull().default(''),
    source: text('source').notNull().default(''),
    footnote: text('footnote').notNull().default(''),
    /** Other disaggregations, name → label (`{"location": "urban"}`). */
    disaggregations: jsonb('disaggregations').$type<Record<string, string>>().notNull().default({}),
  },
  (table) => [
    uniqueIndex('observations_live_key_idx')
      .on(table.indicatorId, table.dimensionsKey)
      .where(sql`${table.untilVersionId} IS NULL`),
    index('observations_live_geo_year_idx')
      .on(table.indicatorId, table.geo, table.year)
      .where(sql`${table.untilVersionId} IS NULL`),
    index('observations_from_version_idx').on(table.fromVersionId),
    index('observations_until_version_idx').on(table.untilVersionId),
  ],
);

/** The tables the data pages are computed from (their cached copies go when one changes). */
export const DATA_TABLES = ['indicators', 'indicator_translations', 'data_versions', 'observations'] as const;
