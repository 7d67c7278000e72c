import { and, asc, count, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../db/database.ts';
import { organizations } from '../partners/index.ts';
import type { RoleGrant } from './accounts.roles.ts';
import {
  authAttempts,
  oneTimeTokens,
  roleAssignments,
  sessions,
  users,
  type AttemptKind,
  type Role,
  type TokenPurpose,
} from './accounts.table.ts';

export type UserRow = typeof users.$inferSelect;

/** What a request needs to know of the person behind a session: no password hash, no secret. */
export type SessionUser = Pick<UserRow, 'id' | 'email' | 'name' | 'locale' | 'status' | 'totpEnabledAt'>;

export type SessionRow = typeof sessions.$inferSelect;

export type GrantRow = typeof roleAssignments.$inferSelect & { organizationSlug: string | null };

export async function findUserByEmail(db: DbExecutor, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  return row ?? null;
}

export async function findUserById(db: DbExecutor, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function insertUser(db: DbExecutor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('user not inserted');
  return row;
}

export async function updateUser(
  db: DbExecutor,
  input: { id: number; values: Partial<typeof users.$inferInsert> },
): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({ ...input.values, updatedAt: new Date() })
    .where(eq(users.id, input.id))
    .returning();
  if (!row) throw new Error('user not found');
  return row;
}

export async function listGrants(
  db: DbExecutor,
  input: { userIds: number[]; includeRevoked: boolean },
): Promise<GrantRow[]> {
  if (input.userIds.length === 0) return [];
  const rows = await db
    .select({ grant: roleAssignments, organizationSlug: organizations.slug })
    .from(roleAssignments)
    .leftJoin(organizations, eq(organizations.id, roleAssignments.organizationId))
    .where(
      and(
        inArray(roleAssignments.userId, input.userIds),
        input.includeRevoked ? undefined : isNull(roleAssignments.revokedAt),
      ),
    )
    .orderBy(asc(roleAssignments.grantedAt), asc(roleAssignments.id));
  return rows.map((row) => ({ ...row.grant, organizationSlug: row.organizationSlug }));
}

export function toRoleGrant(row: GrantRow): RoleGrant {
  return {
    role: row.role,
    country: row.country,
    organizationId: row.organizationId,
    actionGroup: row.actionGroup,
  };
}

export async function insertGrant(db: DbExecutor, values: typeof roleAssignments.$inferInsert): Promise<GrantRow> {
  const [row] = await db.insert(roleAssignments).values(values).returning();
  if (!row) throw new Error('grant not inserted');
  return { ...row, organizationSlug: null };
}

export async function revokeGrant(
  db: DbExecutor,
  input: { grantId: number; userId: number; revokedBy: number | null },
): Promise<GrantRow | null> {
  const [row] = await db
    .update(roleAssignments)
    .set({ revokedAt: new Date(), revokedBy: input.revokedBy })
    .where(
      and(
        eq(roleAssignments.id, input.grantId),
        eq(roleAssignments.userId, input.userId),
        isNull(roleAssignments.revokedAt),
      ),
    )
    .returning();
  return row ? { ...row, organizationSlug: null } : null;
}

export async function countActiveHolders(db: DbExecutor, role: Role): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, role), isNull(roleAssignments.revokedAt), eq(users.status, 'active')));
  return row?.total ?? 0;
}

/** The active accounts holding a role (bound to nothing), for the notices sent to them. */
export async function listActiveHolders(
  db: DbExecutor,
  role: Role,
): Promise<{ email: string; name: string; locale: string }[]> {
  return db
    .selectDistinct({ email: users.email, name: users.name, locale: users.locale })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, role), isNull(roleAssignments.revokedAt), eq(users.status, 'active')))
    .orderBy(users.email);
}

// Sessions.

export async function insertSession(db: DbExecutor, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function findSession(
  db: DbExecutor,
  id: string,
): Promise<{ session: SessionRow; user: SessionUser } | null> {
  const [row] = await db
    .select({
      session: sessions,
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        locale: users.locale,
        status: users.status,
        totpEnabledAt: users.totpEnabledAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  return row ?? null;
}

export async function updateSession(
  db: DbExecutor,
  input: { id: string; values: Partial<typeof sessions.$inferInsert> },
): Promise<void> {
  await db.update(sessions).set(input.values).where(eq(sessions.id, input.id));
}

export async function deleteSession(db: DbExecutor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Ends every session of a person, but the one given (the person's own, when they made the change). */
export async function deleteSessionsOfUser(db: DbExecutor, userId: number, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined));
}

/** Gives a session a new id (a new token for the same session), returning false when it is gone. */
export async function renameSession(
  db: DbExecutor,
  input: { id: string; newId: string; values: Partial<typeof sessions.$inferInsert> },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ ...input.values, id: input.newId })
    .where(eq(sessions.id, input.id))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

// One-time tokens.

export async function insertToken(db: DbExecutor, values: typeof oneTimeTokens.$inferInsert): Promise<void> {
  await db.insert(oneTimeTokens).values(values);
}

export async function findUsableToken(
  db: DbExecutor,
  input: { hash: string; now: Date },
): Promise<{ token: typeof oneTimeTokens.$inferSelect; user: UserRow } | null> {
  const [row] = await db
    .select({ token: oneTimeTokens, user: users })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(and(eq(oneTimeTokens.id, input.hash), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, input.now)));
  return row ?? null;
}

/** Marks a token used; false when another request used it first. */
export async function consumeToken(db: DbExecutor, hash: string): Promise<boolean> {
  const rows = await db
    .update(oneTimeTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(oneTimeTokens.id, hash), isNull(oneTimeTokens.usedAt)))
    .returning({ id: oneTimeTokens.id });
  return rows.length > 0;
}

export async function expireTokensOf(db: DbExecutor, input: { userId: number; purposes: TokenPurpose[] }) {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(oneTimeTokens.userId, input.userId),
        inArray(oneTimeTokens.purpose, input.purposes),
        isNull(oneTimeTokens.usedAt),
      ),
    );
}

// Attempts, for the back-off.

/**
 * Holds, until the end of the transaction, the lock of one account's attempts of one kind, so
 * that counting them and recording one more is a single step even for simultaneous requests.
 */
export async function lockAttempts(db: DbExecutor, input: { kind: AttemptKind; email: string }): Promise<void> {
  const key = `${input.kind}:${input.email.trim().toLowerCase()}`;
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 87))`);
}

export async function recordAttempt(
  db: DbExecutor,
  input: { kind: AttemptKind; email: string; ip: string | null; at?: Date },
): Promise<{ id: number }> {
  const [row] = await db
    .insert(authAttempts)
    .values({
      kind: input.kind,
      email: input.email.trim().toLowerCase(),
      ip: input.ip,
      ...(input.at ? { at: input.at } : {}),
    })
    .returning({ id: authAttempts.id });
  return { id: row!.id };
}

export async function deleteAttempt(db: DbExecutor, id: number): Promise<void> {
  await db.delete(authAttempts).where(eq(authAttempts.id, id));
}

export async function recentAttempts(
  db: DbExecutor,
  input: { kind: AttemptKind; email: string; since: Date },
): Promise<{ count: number; last: Date | null }> {
  const [row] = await db
    .select({ total: count(), last: sql<Date | null>`max(${authAttempts.at})` })
    .from(authAttempts)
    .where(
      and(
        eq(authAttempts.kind, input.kind),
        eq(authAttempts.email, input.email.trim().toLowerCase()),
        gt(authAttempts.at, input.since),
      ),
    );
  const last = row?.last ? new Date(row.last) : null;
  return { count: row?.total ?? 0, last };
}

export async function clearAttempts(db: DbExecutor, input: { kind: AttemptKind; email: string }) {
  await db
    .delete(authAttempts)
    .where(and(eq(authAttempts.kind, input.kind), eq(authAttempts.email, input.email.trim().toLowerCase())));
}

export async function pruneOldAttempts(db: DbExecutor, before: Date): Promise<void> {
  await db.delete(authAttempts).where(sql`${authAttempts.at} < ${before}`);
}
