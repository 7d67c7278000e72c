import { sql } from 'drizzle-orm';
import { boolean, char, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from '../partners/partners.table.ts';

export const ROLES = [
  'secretariat',
  'data_editor',
  'gcg_member',
  'focal_point',
  'partner_rep',
  'ag_chair',
  'ag_member',
] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['invited', 'active', 'deactivated'] as const;

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    locale: char('locale', { length: 2 }).notNull().default('fr'),
    passwordHash: text('password_hash'),
    /**
     * Secret of the authenticator app, encrypted with the installation's secrets key (never
     * stored in clear); confirmed once `totpEnabledAt` is set.
     */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last accepted time step, so that a code cannot be used twice. */
    totpLastStep: integer('totp_last_step'),
    status: text('status', { enum: USER_STATUSES }).notNull().default('invited'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('users_email_unique').on(sql`lower(${table.email})`)],
);

/** A role held by a person, with what it is bound to. Revoked roles stay, for the history. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ROLES }).notNull(),
    country: char('country', { length: 3 }),
    organizationId: integer('organization_id').references(() => organizations.id),
    actionGroup: text('action_group'),
    grantedBy: integer('granted_by').references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: integer('revoked_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('role_assignments_user_idx').on(table.userId)],
);

/** Signed-in sessions; the id is the SHA-256 of the token held in the visitor's cookie. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Password accepted, one-time code still to give (or to set up). */
    secondFactorPending: boolean('second_factor_pending').notNull().default(false),
    /** Wrong codes given in this session; a few end it (the person starts again with the password). */
    codeFailures: integer('code_failures').notNull().default(0),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const TOKEN_PURPOSES = ['invitation', 'password_reset', 'sign_in'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Links sent by e-mail or printed by the command line; the id is the SHA-256 of the token. */
export const oneTimeTokens = pgTable('one_time_tokens', {
  id: text('id').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id),
  purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Recovery codes of the second factor: shown once when made, stored as their SHA-256 (each is
 * 80 random bits), each usable once. Making new ones marks the old ones used.
 */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [index('recovery_codes_user_idx').on(table.userId)],
);

export const ATTEMPT_KINDS = ['sign_in_failure', 'reset_request', 'second_factor_failure'] as const;
export type AttemptKind = (typeof ATTEMPT_KINDS)[number];

/**
 * Failed sign-ins, wrong second-factor codes and reset requests, per account (by its e-mail
 * address), for the back-off; old rows are pruned.
 */
export const authAttempts = pgTable(
  'auth_attempts',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ATTEMPT_KINDS }).notNull(),
    email: text('email').notNull(),
    ip: text('ip'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('auth_attempts_email_idx').on(table.kind, table.email, table.at)],
);
