import { boolean, char, date, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** The stages of a pathfinder country's lifecycle, in order. */
export const PATHFINDER_STAGES = [
  'expression_of_interest',
  'mapping',
  'strategic_workshop',
  'roadmap_adopted',
  'status_granted',
  'implementing',
] as const;

/** Stages at which a country counts as a pathfinder country. */
export const PATHFINDER_COUNTED_STAGES = ['status_granted', 'implementing'] as const;

export const pathfinderCountries = pgTable('pathfinder_countries', {
  iso3: char('iso3', { length: 3 }).primaryKey(),
  stage: text('stage', { enum: PATHFINDER_STAGES }).notNull(),
  statusGrantedOn: date('status_granted_on'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
