import {
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../db/columns.ts';

export const ORGANIZATION_KINDS = [
  'government',
  'international_org',
  'regional_org',
  'workers_org',
  'employers_org',
  'civil_society',
  'academic',
  'other',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ORGANIZATION_STATUSES = ['applicant', 'active', 'suspended', 'withdrawn'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

/** The action groups of the Alliance today (slugs); their pages come with the action groups module. */
export const ACTION_GROUPS = [
  'supply-chains',
  'migration',
  'rule-of-law-and-governance',
  'conflicts-and-humanitarian-settings',
] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

/** Partner organizations. `name` is the name in the organization's own usage; translations add the others. */
export const organizations = pgTable('organizations', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
  country: char('country', { length: 3 }),
  status: text('status', { enum: ORGANIZATION_STATUSES }).notNull().default('applicant'),
  website: text('website'),
  /** Private: seen by the Secretariat and the organization's representatives only. */
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The organization's name and description in each language. */
export const organizationTranslations = pgTable(
  'organization_translations',
  {
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    locale: char('locale', { length: 2 }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.locale] })],
);

/** Every status an organization has had, from a date: the partner count on any past date follows. */
export const organizationStatusHistory = pgTable(
  'organization_status_history',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ORGANIZATION_STATUSES }).notNull(),
    validFrom: date('valid_from').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: integer('recorded_by'),
    note: text('note'),
  },
  (table) => [index('organization_status_history_org_idx').on(table.organizationId, table.validFrom)],
);

export const organizationActionGroups = pgTable(
  'organization_action_groups',
  {
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    actionGroup: text('action_group', { enum: ACTION_GROUPS }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.actionGroup] })],
);

/**
 * `unconfirmed`: sent, its contact address not yet confirmed by the link mailed to it; nobody
 * sees it but the platform. The others are the Secretariat's review.
 */
export const APPLICATION_STATUSES = ['unconfirmed', 'submitted', 'info_requested', 'approved', 'declined'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
/** The statuses the Secretariat sees (an application reaches them once its address is confirmed). */
export const REVIEWED_STATUSES = ['submitted', 'info_requested', 'approved', 'declined'] as const;
export type ReviewedStatus = (typeof REVIEWED_STATUSES)[number];

/** Applications to join, reviewed by the Secretariat. */
export const partnerApplications = pgTable(
  'partner_applications',
  {
    id: serial('id').primaryKey(),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('unconfirmed'),
    name: text('name').notNull(),
    kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
    country: char('country', { length: 3 }).notNull(),
    /** Optional: some organizations have no website. */
    website: text('website'),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    motivation: text('motivation').notNull(),
    /** The applicant's language: every message to them is in it. */
    locale: char('locale', { length: 2 }).notNull(),
    endorsedTermsAt: timestamp('endorsed_terms_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the contact address was confirmed: the application reached the Secretariat then. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** When a Secretariat member first opened it ("under review" for the applicant). */
    reviewStartedAt: timestamp('review_started_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
    organizationId: integer('organization_id').references(() => organizations.id),
    /** SHA-256 of the link that lets the applicant answer a request for information. */
    answerTokenHash: text('answer_token_hash'),
    /** SHA-256 of the applicant's private link to where the application stands. */
    statusTokenHash: text('status_token_hash').unique(),
  },
  (table) => [index('partner_applications_status_idx').on(table.status, table.createdAt)],
);

/** The history of an application: submitted, information asked and given, decision. */
export const partnerApplicationEvents = pgTable(
  'partner_application_events',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => partnerApplications.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorLabel: text('actor_label').notNull(),
    event: text('event', { enum: ['submitted', 'info_requested', 'answered', 'approved', 'declined'] }).notNull(),
    note: text('note'),
  },
  (table) => [index('partner_application_events_app_idx').on(table.applicationId, table.at)],
);

/** The organization's logo, resized and re-encoded by the platform (never served as uploaded). */
export const organizationLogos = pgTable('organization_logos', {
  organizationId: integer('organization_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  image: bytea('image').notNull(),
  contentType: text('content_type').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  hash: text('hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A representative's request to change the organization's name or kind, decided by the Secretariat. */
export const organizationChangeRequests = pgTable(
  'organization_change_requests',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    requestedBy: integer('requested_by'),
    requestedByLabel: text('requested_by_label').notNull(),
    /** `{ kind?, names?: { fr?, en?, es? } }` */
    changes: jsonb('changes').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'declined'] })
      .notNull()
      .default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: integer('decided_by'),
    /** Why the Secretariat declined it (sent to the person who asked). */
    decisionReason: text('decision_reason'),
  },
  (table) => [index('organization_change_requests_status_idx').on(table.status, table.createdAt)],
);

/** The tables the directory and profiles are read from (what the page cache and the directory index follow). */
export const PARTNER_TABLES = [
  'organizations',
  'organization_translations',
  'organization_action_groups',
  'organization_status_history',
] as const;

/** A profile also shows the logo: its page depends on the logos table too. */
export const PROFILE_TABLES = [...PARTNER_TABLES, 'organization_logos'] as const;
