import {
  char,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from '../../accounts/accounts.table.ts';
import { organizations } from '../../partners/partners.table.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A country's strategic planning workshops: the day, the place, how many took part and what came
 * out of it, in each language (an empty text falls back to another language, marked as such).
 */
export const pathfinderWorkshops = pgTable(
  'pathfinder_workshops',
  {
    id: serial('id').primaryKey(),
    iso3: char('iso3', { length: 3 })
      .notNull()
      .references(() => pathfinderCountries.iso3),
    heldOn: date('held_on').notNull(),
    place: text('place').notNull(),
    /** Null while not known (a workshop still to come). */
    participants: integer('participants'),
    outcomesFr: text('outcomes_fr').notNull().default(''),
    outcomesEn: text('outcomes_en').notNull().default(''),
    outcomesEs: text('outcomes_es').notNull().default(''),
    recordedBy: integer('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('pathfinder_workshops_country_idx').on(table.iso3, table.heldOn)],
);

/** The partner organizations that organised a workshop, chosen from the directory. */
export const pathfinderWorkshopOrganizers = pgTable(
  'pathfinder_workshop_organizers',
  {
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => pathfinderWorkshops.id, { onDelete: 'cascade' }),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.workshopId, table.organizationId] })],
);

/** A workshop's documents: PDF files checked by their content, kept in the database. */
export const pathfinderWorkshopDocuments = pgTable(
  'pathfinder_workshop_documents',
  {
    id: serial('id').primaryKey(),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => pathfinderWorkshops.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    content: bytea('content').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('pathfinder_workshop_documents_workshop_idx').on(table.workshopId)],
);

/**
 * A focal point's request for technical support with a workshop: what and by when. It waits in
 * the Secretariat's queue until the Secretariat answers it.
 */
export const pathfinderSupportRequests = pgTable(
  'pathfinder_support_requests',
  {
    id: serial('id').primaryKey(),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => pathfinderWorkshops.id, { onDelete: 'cascade' }),
    what: text('what').notNull(),
    neededBy: date('needed_by').notNull(),
    requestedBy: integer('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    answer: text('answer'),
    answeredBy: integer('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (table) => [index('pathfinder_support_requests_workshop_idx').on(table.workshopId)],
);

/** The tables a country's public page draws its workshops from. */
export const WORKSHOP_TABLES = [
  'pathfinder_workshops',
  'pathfinder_workshop_organizers',
  'pathfinder_workshop_documents',
  'organizations',
] as const;
