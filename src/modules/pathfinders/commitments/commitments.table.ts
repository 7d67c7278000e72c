import { sql } from 'drizzle-orm';
import {
  char,
  check,
  date,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/accounts.table.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';

/** The kinds of national instruments a country adopts against forced and child labour. */
export const INSTRUMENT_KINDS = ['action_plan', 'law', 'policy'] as const;
export type InstrumentKind = (typeof INSTRUMENT_KINDS)[number];

/** The Alliance's calls a country commits to (ALLIANCE-FACTS.md, founding documents). */
export const COMMITMENTS = ['call_to_action', 'buenos_aires_2017', 'durban_2022'] as const;
export type Commitment = (typeof COMMITMENTS)[number];

/** The international standards a pathfinder country ratifies or works towards. */
export const STANDARDS = ['C029', 'P029', 'C105', 'C138', 'C182', 'palermo'] as const;
export type Standard = (typeof STANDARDS)[number];

/** Where a country stands with a standard, as its source says. */
export const RATIFICATION_STATUSES = ['ratified', 'acceded', 'signed', 'not_ratified', 'denounced'] as const;
export type RatificationStatus = (typeof RATIFICATION_STATUSES)[number];

/** National action plans, laws and policies, by title and year, with a link where there is one. */
export const pathfinderInstruments = pgTable('pathfinder_instruments', {
  id: serial('id').primaryKey(),
  iso3: char('iso3', { length: 3 })
    .notNull()
    .references(() => pathfinderCountries.iso3),
  kind: text('kind', { enum: INSTRUMENT_KINDS }).notNull(),
  title: text('title').notNull(),
  year: smallint('year').notNull(),
  url: text('url'),
  recordedBy: integer('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What a country committed to under one of the Alliance's calls, with the source that says so. */
export const pathfinderCommitments = pgTable(
  'pathfinder_commitments',
  {
    id: serial('id').primaryKey(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => pathfinderCountries.iso3),
    commitment: text('commitment', { enum: COMMITMENTS }).notNull(),
    /** The year the country made it (null: the source gives none). */
    year: smallint('year'),
    note: text('note').notNull().default(''),
    source: text('source').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex('pathfinder_commitments_country_idx').on(table.iso3, table.commitment)],
);

/**
 * A country's status with each standard, only from a source (NORMLEX, the UN Treaty Collection):
 * no row means nothing sourced is known, and the page says so rather than guess.
 */
export const pathfinderRatifications = pgTable(
  'pathfinder_ratifications',
  {
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => pathfinderCountries.iso3),
    standard: text('standard', { enum: STANDARDS }).notNull(),
    status: text('status', { enum: RATIFICATION_STATUSES }).notNull(),
    /** The day of the status (null: the source gives none). */
    onDate: date('on_date'),
    source: text('source').notNull(),
    recordedBy: integer('recorded_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.iso3, table.standard] }),
    check('pathfinder_ratifications_source_given', sql`length(trim(${table.source})) > 0`),
  ],
);

/** The tables a country's public page draws its commitments and standards from. */
export const COMMITMENT_TABLES = [
  'pathfinder_instruments',
  'pathfinder_commitments',
  'pathfinder_ratifications',
] as const;
