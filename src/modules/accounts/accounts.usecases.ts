import { eq } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../db/database.ts';
import { isLocale, translator, type Locale } from '../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { queueTranslatedMail } from '../mail/index.ts';
import { organizations } from '../partners/index.ts';
import { AccountsError } from './accounts.errors.ts';
import { createToken, decoyHash, hashPassword, hashToken, verifyPassword } from './accounts.passwords.ts';
import {
  consumeToken,
  countActiveHolders,
  deleteSession,
  deleteSessionsOfUser,
  expireTokensOf,
  findSession,
  findUserByEmail,
  findUserById,
  findUsableToken,
  insertGrant,
  insertSession,
  insertToken,
  insertUser,
  listGrants,
  lockAttempts,
  recentAttempts,
  recordAttempt,
  revokeGrant,
  toRoleGrant,
  updateSession,
  updateUser,
  type SessionUser,
  type UserRow,
} from './accounts.repository.ts';
import { openAttempt, PASSWORD_BACKOFF, withdrawAttempt } from './accounts.attempts.ts';
import { ROLE_LABELS, ROLES_REQUIRING_TOTP, type Role, type RoleGrant } from './accounts.roles.ts';
import type { GrantInput, InviteInput } from './accounts.schemas.ts';
import type { TokenPurpose } from './accounts.table.ts';

/** Sessions end after 8 hours without activity, and 7 days after sign-in in any case. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

/** At most 3 reset e-mails an hour for one address. */
const RESET_LIMIT = { window: 60 * 60 * 1000, max: 3 };

const TOKEN_LIFETIME: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  sign_in: 24 * 60 * 60 * 1000,
};

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
async function openSession(
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

export function actorOf(user: { id: number; email: string }): Actor {
  return { id: user.id, label: user.email };
}

export type SignInResult =
  | { status: 'signed_in'; token: string; secondFactorPending: boolean; user: UserRow }
  | { status: 'invalid' }
  | { status: 'locked'; retryAfterSeconds: number };

/**
 * Checks an e-mail and password. The answer is the same whether the address exists or not,
 * and takes as long; tries are counted per address (from any number of clients) and slow down
 * the next ones.
 */
export async function signIn(input: {
  db: Db;
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  previousSessionId?: string | null;
  now?: Date;
}): Promise<SignInResult> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const gate = await openAttempt(input.db, {
    kind: 'sign_in_failure',
    email,
    ip: input.ip,
    backOff: PASSWORD_BACKOFF,
    now,
  });
  if (gate.status === 'locked') {
    await recordAudit(input.db, {
      actor: { id: null, label: email },
      action: 'accounts.sign_in_refused_backoff',
      entityType: 'user',
      entityId: email,
      ip: input.ip,
    });
    return gate;
  }

  const user = await findUserByEmail(input.db, email);
  const usable = user && user.status === 'active' && user.passwordHash;
  const matches = await verifyPassword({
    password: input.password,
    hash: usable ? user.passwordHash! : await decoyHash(),
  });
  if (!usable || !matches) {
    await recordAudit(input.db, {
      actor: { id: null, label: email },
      action: 'accounts.sign_in_failed',
      entityType: 'user',
      entityId: user ? user.id : email,
      ip: input.ip,
    });
    return { status: 'invalid' };
  }

  return input.db.transaction(async (tx) => {
    await withdrawAttempt(tx, gate.attemptId);
    if (input.previousSessionId) await deleteSession(tx, input.previousSessionId);
    const session = await openSession(tx, { user, ip: input.ip, userAgent: input.userAgent, now });
    if (!session.secondFactorPending) await updateUser(tx, { id: user.id, values: { lastSignInAt: now } });
    await recordAudit(tx, {
      actor: actorOf(user),
      action: session.secondFactorPending ? 'accounts.password_accepted' : 'accounts.signed_in',
      entityType: 'user',
      entityId: user.id,
      ip: input.ip,
    });
    return { status: 'signed_in', token: session.token, secondFactorPending: session.secondFactorPending, user };
  });
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

export async function signOut(input: { db: Db; sessionId: string; actor: Actor; ip: string | null }): Promise<void> {
  await input.db.transaction(async (tx) => {
    await deleteSession(tx, input.sessionId);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.signed_out',
      entityType: 'user',
      entityId: input.actor.id,
      ip: input.ip,
    });
  });
}

/** Issues a one-time link for a person; earlier unused links of the same kind stop working. */
async function issueToken(
  db: DbExecutor,
  input: { userId: number; purpose: TokenPurpose; now: Date },
): Promise<string> {
  await expireTokensOf(db, { userId: input.userId, purposes: [input.purpose] });
  const { token, hash } = createToken();
  await insertToken(db, {
    id: hash,
    userId: input.userId,
    purpose: input.purpose,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + TOKEN_LIFETIME[input.purpose]),
  });
  return token;
}

export function setPasswordLink(input: { publicUrl: string; locale: Locale; token: string }): string {
  return `${input.publicUrl}/${input.locale}/account/set-password?token=${encodeURIComponent(input.token)}`;
}

function userLocale(user: UserRow): Locale {
  return isLocale(user.locale) ? user.locale : 'fr';
}

/**
 * Sends a reset link when the address belongs to an active account. The caller answers the
 * same thing in every case, so the form does not reveal which addresses have accounts.
 */
export async function requestPasswordReset(input: {
  db: Db;
  email: string;
  publicUrl: string;
  ip: string | null;
  now?: Date;
}): Promise<void> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  await input.db.transaction(async (tx) => {
    await lockAttempts(tx, { kind: 'reset_request', email });
    const recent = await recentAttempts(tx, {
      kind: 'reset_request',
      email,
      since: new Date(now.getTime() - RESET_LIMIT.window),
    });
    await recordAttempt(tx, { kind: 'reset_request', email, ip: input.ip });
    const user = await findUserByEmail(tx, email);
    await recordAudit(tx, {
      actor: { id: null, label: email },
      action: recent.count >= RESET_LIMIT.max ? 'accounts.reset_request_limited' : 'accounts.reset_requested',
      entityType: 'user',
      entityId: user ? user.id : email,
      ip: input.ip,
    });
    if (recent.count >= RESET_LIMIT.max || !user || user.status !== 'active') return;
    const locale = userLocale(user);
    const token = await issueToken(tx, { userId: user.id, purpose: 'password_reset', now });
    await queueTranslatedMail(tx, {
      to: user.email,
      locale: locale,
      kind: 'accounts.password_reset',
      subject: 'mail.reset.subject',
      body: 'mail.reset.body',
      values: {
        name: user.name || user.email,
        link: setPasswordLink({ publicUrl: input.publicUrl, locale, token }),
      },
    });
  });
}

export interface TokenView {
  user: UserRow;
  purpose: TokenPurpose;
}

export async function readToken(input: { db: Db; token: string; now?: Date }): Promise<TokenView | null> {
  if (!/^[\w-]{20,100}$/.test(input.token)) return null;
  const found = await findUsableToken(input.db, { hash: hashToken(input.token), now: input.now ?? new Date() });
  if (!found || found.user.status === 'deactivated') return null;
  return { user: found.user, purpose: found.token.purpose };
}

/**
 * Uses a one-time link (invitation, reset, or the link printed by the command line) to set a
 * password; the person is then signed in, with a second factor still to give if required.
 */
export async function setPasswordWithToken(input: {
  db: Db;
  token: string;
  password: string;
  name?: string | undefined;
  ip: string | null;
  userAgent: string | null;
  now?: Date;
}): Promise<{ token: string; secondFactorPending: boolean; user: UserRow } | null> {
  const now = input.now ?? new Date();
  const hash = hashToken(input.token);
  const passwordHash = await hashPassword(input.password);
  return input.db.transaction(async (tx) => {
    const found = await findUsableToken(tx, { hash, now });
    if (!found || found.user.status === 'deactivated') return null;
    if (!(await consumeToken(tx, hash))) return null;
    const before = { status: found.user.status, name: found.user.name };
    const user = await updateUser(tx, {
      id: found.user.id,
      values: {
        passwordHash,
        status: 'active',
        ...(input.name && !found.user.name ? { name: input.name } : {}),
      },
    });
    // A new password ends every other session of the account.
    await deleteSessionsOfUser(tx, user.id);
    await recordAudit(tx, {
      actor: actorOf(user),
      action: found.token.purpose === 'password_reset' ? 'accounts.password_reset' : 'accounts.password_set',
      entityType: 'user',
      entityId: user.id,
      before,
      after: { status: user.status, name: user.name },
      ip: input.ip,
    });
    const session = await openSession(tx, { user, ip: input.ip, userAgent: input.userAgent, now });
    return { token: session.token, secondFactorPending: session.secondFactorPending, user };
  });
}

async function resolveOrganization(db: DbExecutor, slug: string | undefined): Promise<number | null> {
  if (!slug) return null;
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  if (!row) throw new AccountsError('accounts.error.organization', 'organization');
  return row.id;
}

async function grantRole(
  db: DbExecutor,
  input: { userId: number; grant: GrantInput; actor: Actor; ip: string | null },
): Promise<void> {
  await insertAuditedGrant(db, {
    ...input,
    role: input.grant.role,
    binding: {
      country: input.grant.role === 'focal_point' ? (input.grant.country ?? null) : null,
      organizationId:
        input.grant.role === 'partner_rep' ? await resolveOrganization(db, input.grant.organization) : null,
      actionGroup: ['ag_chair', 'ag_member'].includes(input.grant.role) ? (input.grant.action_group ?? null) : null,
    },
  });
}

/** Adds a role with its binding and records it in the audit log (`note` adds to the record). */
async function insertAuditedGrant(
  db: DbExecutor,
  input: {
    userId: number;
    role: Role;
    binding: { country: string | null; organizationId: number | null; actionGroup: string | null };
    actor: Actor;
    ip: string | null;
    note?: Record<string, unknown>;
  },
): Promise<void> {
  const row = await insertGrant(db, {
    userId: input.userId,
    role: input.role,
    grantedBy: input.actor.id,
    ...input.binding,
  });
  await recordAudit(db, {
    actor: input.actor,
    action: 'accounts.role_granted',
    entityType: 'user',
    entityId: input.userId,
    after: { grantId: row.id, role: row.role, ...input.binding, ...input.note },
    ip: input.ip,
  });
}

/**
 * Creates an account with one role and returns a one-time link to set its password. The
 * Secretariat's invitations also e-mail the link, in the invited person's language.
 */
export async function inviteUser(input: {
  /** A database, or the transaction of a larger change (the invitation then commits with it). */
  db: DbExecutor;
  invitation: InviteInput;
  actor: Actor;
  publicUrl: string;
  sendMail: boolean;
  ip: string | null;
  now?: Date;
}): Promise<{ userId: number; link: string }> {
  const now = input.now ?? new Date();
  const invitation = input.invitation;
  return input.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, invitation.email)) throw new AccountsError('accounts.error.emailTaken', 'email');
    const user = await insertUser(tx, {
      email: invitation.email.trim(),
      name: invitation.name,
      locale: invitation.locale,
      status: 'invited',
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.user_invited',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, name: user.name, locale: user.locale },
      ip: input.ip,
    });
    await grantRole(tx, { userId: user.id, grant: invitation, actor: input.actor, ip: input.ip });
    const token = await issueToken(tx, { userId: user.id, purpose: input.sendMail ? 'invitation' : 'sign_in', now });
    const link = setPasswordLink({ publicUrl: input.publicUrl, locale: invitation.locale, token });
    if (input.sendMail) {
      await queueTranslatedMail(tx, {
        to: user.email,
        locale: invitation.locale,
        kind: 'accounts.invitation',
        subject: 'mail.invitation.subject',
        body: 'mail.invitation.body',
        values: { name: user.name, role: translator(invitation.locale).t(ROLE_LABELS[invitation.role]), link },
      });
    }
    return { userId: user.id, link };
  });
}

/**
 * The command line's `users:create`: creates the account with its role and returns a one-time
 * link to set its password. An account that was never activated (invited, no password yet) gets
 * a new link instead, earlier unused links stop working, and it is given the role if it lacks it.
 * An active account is refused: its owner resets the password from the sign-in page.
 */
export async function createAccountWithLink(input: {
  db: Db;
  account: InviteInput;
  actor: Actor;
  publicUrl: string;
  now?: Date;
}): Promise<{ userId: number; link: string; created: boolean; roleAdded: boolean }> {
  const now = input.now ?? new Date();
  const { account, actor } = input;
  return input.db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, account.email);
    if (!existing) {
      const invited = await inviteUser({ ...input, db: tx, invitation: account, sendMail: false, ip: null, now });
      return { ...invited, created: true, roleAdded: true };
    }
    if (existing.status === 'active') throw new AccountsError('accounts.error.alreadyActive', 'email');
    if (existing.status !== 'invited' || existing.passwordHash) {
      throw new AccountsError('accounts.error.deactivated', 'email');
    }
    const grants = await listGrants(tx, { userIds: [existing.id], includeRevoked: false });
    const roleAdded = !grants.some(
      (grant) =>
        grant.role === account.role &&
        (account.role !== 'focal_point' || grant.country === account.country) &&
        (account.role !== 'partner_rep' || grant.organizationSlug === account.organization) &&
        (!['ag_chair', 'ag_member'].includes(account.role) || grant.actionGroup === account.action_group),
    );
    if (roleAdded) await grantRole(tx, { userId: existing.id, grant: account, actor, ip: null });
    await expireTokensOf(tx, { userId: existing.id, purposes: ['invitation', 'sign_in'] });
    const token = await issueToken(tx, { userId: existing.id, purpose: 'sign_in', now });
    await recordAudit(tx, {
      actor,
      action: 'accounts.sign_in_link_issued',
      entityType: 'user',
      entityId: existing.id,
      after: { reason: 'never_activated', earlierLinksExpired: true },
    });
    const link = setPasswordLink({ publicUrl: input.publicUrl, locale: userLocale(existing), token });
    return { userId: existing.id, link, created: false, roleAdded };
  });
}

/** A new one-time sign-in link for an existing account (the command line's way in). */
export async function issueSignInLink(input: { db: Db; userId: number; publicUrl: string; actor: Actor }) {
  return input.db.transaction(async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AccountsError('accounts.error.userNotFound');
    const token = await issueToken(tx, { userId: user.id, purpose: 'sign_in', now: new Date() });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.sign_in_link_issued',
      entityType: 'user',
      entityId: user.id,
    });
    return setPasswordLink({ publicUrl: input.publicUrl, locale: userLocale(user), token });
  });
}

export async function addRole(input: {
  db: DbExecutor;
  userId: number;
  grant: GrantInput;
  actor: Actor;
  ip: string | null;
}) {
  await input.db.transaction(async (tx) => {
    if (!(await findUserById(tx, input.userId))) throw new AccountsError('accounts.error.userNotFound');
    await grantRole(tx, input);
  });
}

export async function removeRole(input: { db: Db; userId: number; grantId: number; actor: Actor; ip: string | null }) {
  await input.db.transaction(async (tx) => {
    const revoked = await revokeGrant(tx, { grantId: input.grantId, userId: input.userId, revokedBy: input.actor.id });
    if (!revoked) throw new AccountsError('accounts.error.grantNotFound');
    if (revoked.role === 'secretariat' && (await countActiveHolders(tx, 'secretariat')) === 0) {
      throw new AccountsError('accounts.error.lastSecretariat');
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.role_revoked',
      entityType: 'user',
      entityId: input.userId,
      before: {
        grantId: revoked.id,
        role: revoked.role,
        country: revoked.country,
        organizationId: revoked.organizationId,
        actionGroup: revoked.actionGroup,
      },
      ip: input.ip,
    });
  });
}

/**
 * Gives back a role that was removed (the undo of a removal): a new grant with the same role and
 * binding. `expect` lets a caller insist on what the grant was (a page of one organization can
 * only give back that organization's representatives). False when there is no such removed grant.
 */
export async function restoreGrant(input: {
  db: Db;
  userId: number;
  grantId: number;
  expect?: { role: Role; organizationId?: number };
  actor: Actor;
  ip: string | null;
}): Promise<boolean> {
  return input.db.transaction(async (tx) => {
    const grants = await listGrants(tx, { userIds: [input.userId], includeRevoked: true });
    const removed = grants.find((grant) => grant.id === input.grantId && grant.revokedAt);
    if (!removed) return false;
    if (input.expect) {
      if (removed.role !== input.expect.role) return false;
      if (input.expect.organizationId !== undefined && removed.organizationId !== input.expect.organizationId)
        return false;
    }
    const binding = {
      country: removed.country,
      organizationId: removed.organizationId,
      actionGroup: removed.actionGroup,
    };
    const same = grants.some(
      (grant) =>
        !grant.revokedAt &&
        grant.role === removed.role &&
        grant.country === binding.country &&
        grant.organizationId === binding.organizationId &&
        grant.actionGroup === binding.actionGroup,
    );
    if (same) return true;
    await insertAuditedGrant(tx, {
      userId: input.userId,
      role: removed.role,
      binding,
      actor: input.actor,
      ip: input.ip,
      note: { restores: removed.id },
    });
    return true;
  });
}

/** Deactivates (or reactivates) an account. History stays; sessions of a deactivated account end. */
export async function setUserStatus(input: {
  db: Db;
  userId: number;
  status: 'active' | 'deactivated';
  actor: Actor;
  ip: string | null;
}) {
  await input.db.transaction(async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AccountsError('accounts.error.userNotFound');
    // Reactivating an account that never set a password leaves it invited.
    const status = input.status === 'active' && !user.passwordHash ? 'invited' : input.status;
    await updateUser(tx, { id: user.id, values: { status } });
    if (status === 'deactivated') {
      await deleteSessionsOfUser(tx, user.id);
      if ((await countActiveHolders(tx, 'secretariat')) === 0)
        throw new AccountsError('accounts.error.lastSecretariat');
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: status === 'deactivated' ? 'accounts.user_deactivated' : 'accounts.user_reactivated',
      entityType: 'user',
      entityId: user.id,
      before: { status: user.status },
      after: { status },
      ip: input.ip,
    });
  });
}

export async function updateProfile(input: {
  db: Db;
  userId: number;
  name: string;
  locale: Locale;
  actor: Actor;
  ip: string | null;
}) {
  await input.db.transaction(async (tx) => {
    const before = await findUserById(tx, input.userId);
    if (!before) throw new AccountsError('accounts.error.userNotFound');
    const after = await updateUser(tx, { id: input.userId, values: { name: input.name, locale: input.locale } });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.profile_updated',
      entityType: 'user',
      entityId: input.userId,
      before: { name: before.name, locale: before.locale },
      after: { name: after.name, locale: after.locale },
      ip: input.ip,
    });
  });
}

/**
 * Changes a password after checking the current one (tries counted like sign-ins, so a session
 * left open cannot be used to guess the password); other sessions of the account end.
 */
export async function changePassword(input: {
  db: Db;
  userId: number;
  sessionId: string;
  currentPassword: string;
  newPassword: string;
  actor: Actor;
  ip: string | null;
  now?: Date;
}) {
  const user = await findUserById(input.db, input.userId);
  if (!user) throw new AccountsError('accounts.error.userNotFound');
  const gate = await openAttempt(input.db, {
    kind: 'sign_in_failure',
    email: user.email,
    ip: input.ip,
    backOff: PASSWORD_BACKOFF,
    now: input.now ?? new Date(),
  });
  if (gate.status === 'locked') throw new AccountsError('accounts.error.tooManyAttempts', 'current_password');
  if (!user.passwordHash || !(await verifyPassword({ password: input.currentPassword, hash: user.passwordHash }))) {
    throw new AccountsError('accounts.error.currentPassword', 'current_password');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await input.db.transaction(async (tx) => {
    await withdrawAttempt(tx, gate.attemptId);
    await updateUser(tx, { id: user.id, values: { passwordHash } });
    await deleteSessionsOfUser(tx, user.id, input.sessionId);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.password_changed',
      entityType: 'user',
      entityId: user.id,
      ip: input.ip,
    });
  });
}

/**
 * On a database without any active Secretariat account, creates one and returns a one-time link
 * to it, once: a later start only says that the account still waits for its first sign-in
 * (a new link comes from the command line, `users:create`), so that no live link is printed
 * into a log at every start.
 */
export async function ensureFirstSecretariat(input: {
  db: Db;
  email: string;
  locale: Locale;
  publicUrl: string;
}): Promise<{ status: 'created'; link: string; email: string } | { status: 'waiting'; email: string } | null> {
  return input.db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, input.email);
    const anyActive = (await countActiveHolders(tx, 'secretariat')) > 0;
    if (anyActive) return null;
    if (existing) {
      const grants = await listGrants(tx, { userIds: [existing.id], includeRevoked: false });
      if (existing.status !== 'invited' || !grants.some((grant) => grant.role === 'secretariat')) return null;
      return { status: 'waiting', email: existing.email };
    }
    const user = await insertUser(tx, { email: input.email, name: '', locale: input.locale, status: 'invited' });
    const actor: Actor = { id: null, label: 'system' };
    await recordAudit(tx, {
      actor,
      action: 'accounts.user_created',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email },
    });
    await grantRole(tx, { userId: user.id, grant: { role: 'secretariat' }, actor, ip: null });
    const token = await issueToken(tx, { userId: user.id, purpose: 'sign_in', now: new Date() });
    return {
      status: 'created',
      link: setPasswordLink({ publicUrl: input.publicUrl, locale: input.locale, token }),
      email: user.email,
    };
  });
}

/**
 * Makes a person the representative of an organization: an invitation by e-mail for a new
 * address, the role added to the account for a known one. Runs in the caller's transaction.
 */
export async function inviteOrGrantRepresentative(input: {
  db: DbExecutor;
  email: string;
  name: string;
  locale: Locale;
  organizationSlug: string;
  actor: Actor;
  publicUrl: string;
}): Promise<void> {
  const grant = {
    role: 'partner_rep' as const,
    organization: input.organizationSlug,
    country: undefined,
    action_group: undefined,
  };
  const existing = await findUserByEmail(input.db, input.email);
  if (existing) {
    await addRole({ db: input.db, userId: existing.id, grant, actor: input.actor, ip: null });
    return;
  }
  await inviteUser({
    db: input.db,
    invitation: { email: input.email, name: input.name, locale: input.locale, ...grant },
    actor: input.actor,
    publicUrl: input.publicUrl,
    sendMail: true,
    ip: null,
  });
}
