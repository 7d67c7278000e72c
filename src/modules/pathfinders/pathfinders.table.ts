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
import { bytea } from '../../db/columns.ts';
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
    /** A move of the demonstration content (removed with it); a move someone records is a real record. */
    isDemo: boolean('is_demo').notNull().default(false),
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

/**
 * Where an expression of interest stands: a draft kept by its private link, sent and waiting for
 * its address to be confirmed, with the Secretariat, then accepted or declined.
 */
export const INTEREST_STATUSES = ['draft', 'unconfirmed', 'submitted', 'accepted', 'declined'] as const;
export type InterestStatus = (typeof INTEREST_STATUSES)[number];

/**
 * A government's expression of interest, sent through the public form: the reasons, the
 * commitment, the recent successes and earlier initiatives, and the official it nominates as
 * focal point (whose address is the one confirmed). A draft may lack any part; the sent form has
 * them all. The Secretariat sees it only once the address is confirmed.
 */
export const pathfinderInterests = pgTable(
  'pathfinder_interests',
  {
    id: serial('id').primaryKey(),
    status: text('status', { enum: INTEREST_STATUSES }).notNull(),
    /** Empty only in a draft. */
    iso3: char('iso3', { length: 3 }),
    reasons: text('reasons').notNull().default(''),
    commitment: text('commitment').notNull().default(''),
    recentSuccesses: text('recent_successes').notNull().default(''),
    focalPointName: text('focal_point_name').notNull().default(''),
    focalPointTitle: text('focal_point_title').notNull().default(''),
    focalPointMinistry: text('focal_point_ministry').notNull().default(''),
    focalPointEmail: text('focal_point_email').notNull().default(''),
    /** The language of the form, and of every e-mail about it. */
    locale: text('locale').notNull(),
    /** SHA-256 of a draft's private link (null once sent). */
    draftTokenHash: text('draft_token_hash').unique(),
    createdIp: text('created_ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by').references(() => users.id),
    declineReason: text('decline_reason'),
  },
  (table) => [
    index('pathfinder_interests_status_idx').on(table.status, table.id),
    index('pathfinder_interests_created_ip_idx').on(table.createdIp, table.createdAt),
  ],
);

/** The official letter attached to an expression of interest: a PDF, checked by its content. */
export const pathfinderInterestLetters = pgTable('pathfinder_interest_letters', {
  interestId: integer('interest_id')
    .primaryKey()
    .references(() => pathfinderInterests.id, { onDelete: 'cascade' }),
  fileName: text('file_name').notNull(),
  content: bytea('content').notNull(),
  byteSize: integer('byte_size').notNull(),
  sha256: text('sha256').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
