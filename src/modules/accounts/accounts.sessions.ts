import type { Db, DbExecutor } from '../../db/database.ts';
import { createToken, hashToken } from './accounts.passwords.ts';
import {
  deleteSession,
  findSession,
  insertSession,
  listGrants,
  toRoleGrant,
  updateSession,
  type SessionUser,
  type UserRow,
} from './accounts.repository.ts';
import { ROLES_REQUIRING_TOTP, type RoleGrant } from './accounts.roles.ts';

/** Sessions end after 8 hours without activity, and 7 days after sign-in in any case. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

const TOUCH_EVERY_MS = 60 * 1000;

export interface SessionView {
  sessionId: string;
  user: SessionUser;
  roles: RoleGrant[];
  secondFactorPending: boolean;
  mustSetUpSecondFactor: boolean;
}

function requiresTotp(roles: readonly RoleGrant[]): boolean {
  return roles.some((grant) => ROLES_REQUIRING_TOTP.includes(grant.role));
}

async function activeRoles(db: DbExecutor, userId: number): Promise<RoleGrant[]> {
  return (await listGrants(db, { userIds: [userId], includeRevoked: false })).map(toRoleGrant);
}

/** Opens a session for a person whose password (or one-time link) was accepted. */
export async function openSession(
  db: DbExecutor,
  input: { user: UserRow; ip: string | null; userAgent: string | null; now: Date },
): Promise<{ token: string; secondFactorPending: boolean }> {
  const roles = await activeRoles(db, input.user.id);
  const secondFactorPending = !!input.user.totpEnabledAt || requiresTotp(roles);
  const { token, hash } = createToken();
  await insertSession(db, {
    id: hash,
    userId: input.user.id,
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: new Date(input.now.getTime() + SESSION_ABSOLUTE_MS),
    secondFactorPending,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, secondFactorPending };
}

/** The signed-in person behind a session token, or null (unknown, expired, deactivated). */
export async function resolveSession(input: { db: Db; token: string; now?: Date }): Promise<SessionView | null> {
  if (!/^[\w-]{20,100}$/.test(input.token)) return null;
  const now = input.now ?? new Date();
  const id = hashToken(input.token);
  const found = await findSession(input.db, id);
  if (!found) return null;
  const { session, user } = found;
  const idleUntil = session.lastSeenAt.getTime() + SESSION_IDLE_MS;
  if (user.status !== 'active' || session.expiresAt.getTime() <= now.getTime() || idleUntil <= now.getTime()) {
    await deleteSession(input.db, id);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await updateSession(input.db, { id, values: { lastSeenAt: now } });
  }
  const roles = await activeRoles(input.db, user.id);
  return {
    sessionId: id,
    user,
    roles,
    secondFactorPending: session.secondFactorPending,
    mustSetUpSecondFactor: session.secondFactorPending && !user.totpEnabledAt,
  };
}
