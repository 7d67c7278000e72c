import type { Db } from '../../../db/database.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { openAttempt, PASSWORD_BACKOFF, withdrawAttempt } from '../accounts.attempts.ts';
import { actorOf, localeOfUser } from '../accounts.identity.ts';
import { issueToken, setPasswordLink } from '../accounts.links.ts';
import { decoyHash, hashPassword, hashToken, verifyPassword } from '../accounts.passwords.ts';
import {
  consumeToken,
  deleteSession,
  deleteSessionsOfUser,
  findUserByEmail,
  findUsableToken,
  lockAttempts,
  recentAttempts,
  recordAttempt,
  updateUser,
  type UserRow,
} from '../accounts.repository.ts';
import { openSession } from '../accounts.sessions.ts';
import type { TokenPurpose } from '../accounts.table.ts';

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

/** At most 3 reset e-mails an hour for one address. */
const RESET_LIMIT = { window: 60 * 60 * 1000, max: 3 };

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
    const locale = localeOfUser(user);
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
