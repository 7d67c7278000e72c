import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  integer,
  numeric,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/accounts.table.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';

/** A roadmap version is edited as a draft, then adopted; the version it replaces is kept as superseded. */
export const ROADMAP_VERSION_STATUSES = ['draft', 'adopted', 'superseded'] as const;
export type RoadmapVersionStatus = (typeof ROADMAP_VERSION_STATUSES)[number];

/** Where an action of the roadmap stands. */
export const ROADMAP_ACTION_STATUSES = ['planned', 'in_progress', 'completed', 'delayed', 'cancelled'] as const;
export type RoadmapActionStatus = (typeof ROADMAP_ACTION_STATUSES)[number];

/**
 * One version of a country's national roadmap. At most one draft and one adopted version per
 * country; every earlier version stays, superseded, so that any two can be compared.
 */
export const pathfinderRoadmapVersions = pgTable(
  'pathfinder_roadmap_versions',
  {
    id: serial('id').primaryKey(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => pathfinderCountries.iso3),
    /** 1, 2, 3… for the country. */
    number: integer('number').notNull(),
    status: text('status', { enum: ROADMAP_VERSION_STATUSES }).notNull().default('draft'),
    /** The language the country wrote the roadmap in (its texts are shown as written). */
    locale: char('locale', { length: 2 }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    adoptedOn: date('adopted_on'),
    adoptedBy: integer('adopted_by').references(() => users.id),
    /** An illustrative roadmap of the demonstration content, shown with a notice and removed with it. */
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (table) => [
    uniqueIndex('pathfinder_roadmap_versions_number_idx').on(table.iso3, table.number),
    uniqueIndex('pathfinder_roadmap_versions_draft_idx')
      .on(table.iso3)
      .where(sql`${table.status} = 'draft'`),
    uniqueIndex('pathfinder_roadmap_versions_adopted_idx')
      .on(table.iso3)
      .where(sql`${table.status} = 'adopted'`),
  ],
);

/**
 * A priority of one roadmap version. `key` (P1, P2…) names the same priority across versions, so
 * that two versions can be compared; it is never given to another priority of the country.
 */
export const pathfinderRoadmapPriorities = pgTable(
  'pathfinder_roadmap_priorities',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => pathfinderRoadmapVersions.id),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
  },
  (table) => [uniqueIndex('pathfinder_roadmap_priorities_key_idx').on(table.versionId, table.key)],
);

/**
 * An action under a priority of one roadmap version (`key` A1, A2… across versions, like a
 * priority's): who is responsible, when, with what budget, where it stands, and the indicator
 * codes that measure its progress.
 */
export const pathfinderRoadmapActions = pgTable(
  'pathfinder_roadmap_actions',
  {
    id: serial('id').primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => pathfinderRoadmapVersions.id),
    priorityKey: text('priority_key').notNull(),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    responsibleBody: text('responsible_body').notNull(),
    startOn: date('start_on').notNull(),
    endOn: date('end_on').notNull(),
    /** The budget in `budgetCurrency` (ISO 4217), as a decimal string; both empty when none is given. */
    budgetAmount: numeric('budget_amount', { precision: 16, scale: 2 }),
    budgetCurrency: char('budget_currency', { length: 3 }),
    status: text('status', { enum: ROADMAP_ACTION_STATUSES }).notNull().default('planned'),
    indicatorCodes: text('indicator_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (table) => [
    uniqueIndex('pathfinder_roadmap_actions_key_idx').on(table.versionId, table.key),
    index('pathfinder_roadmap_actions_priority_idx').on(table.versionId, table.priorityKey),
  ],
);

/** The tables a country's public page reads for its roadmap. */
export const ROADMAP_TABLES = [
  'pathfinder_roadmap_versions',
  'pathfinder_roadmap_priorities',
  'pathfinder_roadmap_actions',
] as const;
