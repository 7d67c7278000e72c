import type { Db } from '../../../db/database.ts';
import type { Locale } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { openAttempt, PASSWORD_BACKOFF, withdrawAttempt } from '../accounts.attempts.ts';
import { AccountsError } from '../accounts.errors.ts';
import { hashPassword, verifyPassword } from '../accounts.passwords.ts';
import { deleteSessionsOfUser, findUserById, updateUser } from '../accounts.repository.ts';

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
