import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.table.ts';

/**
 * The stages of a pathfinder country's lifecycle: the path in order, then the two ways off it.
 * Which stage may follow which is the table of `lifecycle/lifecycle.moves.ts`.
 */
export const PATHFINDER_STAGES = [
  'interest_expressed',
  'under_review',
  'mapping',
  'strategic_workshop',
  'roadmap_adopted',
  'status_granted',
  'implementing',
  'declined',
  'withdrawn',
] as const;
export type PathfinderStage = (typeof PATHFINDER_STAGES)[number];

/** Stages at which a country counts as a pathfinder country. */
export const PATHFINDER_COUNTED_STAGES = ['status_granted', 'implementing'] as const;

/** How much of a recorded day a source gives: the day, only its month, or only its year. */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** One row per country on the path: its current stage (the latest move) and its yearly report's due day. */
export const pathfinderCountries = pgTable('pathfinder_countries', {
  iso3: char('iso3', { length: 3 }).primaryKey(),
  stage: text('stage', { enum: PATHFINDER_STAGES }).notNull(),
  /** The day status was granted (from the move that granted it; null while not granted or not known). */
  statusGrantedOn: date('status_granted_on'),
  /** The next yearly progress report is due on this day (null: none asked yet). */
  reportDueOn: date('report_due_on'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Every move of a country from one stage to the next, dated, with who recorded it and why. A
 * move recorded from a public source keeps the source (address and the day it was read) and may
 * give only a month or a year. "Status granted" keeps the decision it rests on: a reference and
 * a date now, and the GCG decision record's id once decisions are records.
 */
export const pathfinderStageMoves = pgTable(
  'pathfinder_stage_moves',
  {
    id: serial('id').primaryKey(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => pathfinderCountries.iso3),
    fromStage: text('from_stage', { enum: PATHFINDER_STAGES }),
    stage: text('stage', { enum: PATHFINDER_STAGES }).notNull(),
    /** The day of the step (null: the source gives none). */
    onDate: date('on_date'),
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }).notNull().default('day'),
    note: text('note').notNull().default(''),
    decisionReference: text('decision_reference'),
    decisionDate: date('decision_date'),
    /** The GCG decision record this move rests on, once the governance module keeps them. */
    gcgDecisionId: integer('gcg_decision_id'),
    sourceUrl: text('source_url'),
    sourceReadOn: date('source_read_on'),
    recordedBy: integer('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('pathfinder_stage_moves_country_idx').on(table.iso3, table.id)],
);

/**
 * A country's focal points, one after the other: the senior official the government names, with
 * the account that holds the role. The ministry is public; the name, title and contact details are
 * for the Secretariat and the country's focal point only. A replaced focal point keeps their row,
 * with the day it ended.
 */
export const pathfinderFocalPoints = pgTable(
  'pathfinder_focal_points',
  {
    id: serial('id').primaryKey(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => pathfinderCountries.iso3),
    userId: integer('user_id').references(() => users.id),
    name: text('name').notNull(),
    title: text('title').notNull(),
    ministry: text('ministry').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    startedOn: date('started_on').notNull(),
    endedOn: date('ended_on'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('pathfinder_focal_points_current_idx')
      .on(table.iso3)
      .where(sql`${table.endedOn} IS NULL`),
  ],
);

/** The tables public pathfinder pages are drawn from (the page cache drops them when one changes). */
export const PATHFINDER_TABLES = ['pathfinder_countries', 'pathfinder_stage_moves', 'pathfinder_focal_points'] as const;
