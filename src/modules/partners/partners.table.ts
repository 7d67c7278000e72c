import { boolean, char, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

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

/** Partner organizations. The directory, applications and history build on this table. */
export const organizations = pgTable('organizations', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
  country: char('country', { length: 3 }),
  status: text('status', { enum: ORGANIZATION_STATUSES }).notNull().default('applicant'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
