import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  customType,
  date,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/accounts.table.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';
import { pathfinderRoadmapVersions, ROADMAP_ACTION_STATUSES } from '../roadmaps/roadmaps.table.ts';

/** A yearly report is a draft, then submitted (read-only for the focal point), then acknowledged. */
export const REPORT_STATUSES = ['draft', 'submitted', 'acknowledged'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * A country's yearly progress report on the roadmap version adopted when it was begun: one per
 * country and reporting year.
 */
export const pathfinderReports = pgTable(
  'pathfinder_reports',
  {
    id: serial('id').primaryKey(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => pathfinderCountries.iso3),
    year: integer('year').notNull(),
    roadmapVersionId: integer('roadmap_version_id')
      .notNull()
      .references(() => pathfinderRoadmapVersions.id),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('draft'),
    /** The language the report is written in. */
    locale: char('locale', { length: 2 }).notNull(),
    overallNarrative: text('overall_narrative').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedOn: date('submitted_on'),
    submittedBy: integer('submitted_by').references(() => users.id),
    acknowledgedOn: date('acknowledged_on'),
    acknowledgedBy: integer('acknowledged_by').references(() => users.id),
    acknowledgementNote: text('acknowledgement_note'),
    /** An illustrative report of the demonstration content, shown with a notice and removed with it. */
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (table) => [
    uniqueIndex('pathfinder_reports_year_idx').on(table.iso3, table.year),
    index('pathfinder_reports_waiting_idx')
      .on(table.submittedOn)
      .where(sql`${table.status} = 'submitted'`),
  ],
);

/** What a report says of one action of its roadmap version (by the action's key). */
export const pathfinderReportActions = pgTable(
  'pathfinder_report_actions',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => pathfinderReports.id),
    actionKey: text('action_key').notNull(),
    status: text('status', { enum: ROADMAP_ACTION_STATUSES }).notNull(),
    narrative: text('narrative').notNull().default(''),
  },
  (table) => [uniqueIndex('pathfinder_report_actions_key_idx').on(table.reportId, table.actionKey)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** A PDF attached to a report, checked by its content and kept in the database. */
export const pathfinderReportAttachments = pgTable(
  'pathfinder_report_attachments',
  {
    id: serial('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => pathfinderReports.id),
    fileName: text('file_name').notNull(),
    content: bytea('content').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('pathfinder_report_attachments_report_idx').on(table.reportId)],
);

/** The tables a country's public page reads for its reports. */
export const REPORT_TABLES = ['pathfinder_reports', 'pathfinder_report_actions'] as const;
