import type { SecretBox } from '../../../config/secrets-key.ts';
import type { Db, DbExecutor } from '../../../db/database.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { recordAudit } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { CODE_BACKOFF, openAttempt, withdrawAttempt } from '../accounts.attempts.ts';
import { AccountsError } from '../accounts.errors.ts';
import { actorOf, localeOfUser } from '../accounts.identity.ts';
import { createToken, verifyPassword } from '../accounts.passwords.ts';
import {
  deleteSession,
  deleteSessionsOfUser,
  findUserById,
  renameSession,
  updateUser,
  type UserRow,
} from '../accounts.repository.ts';
import {
  consumeRecoveryCode,
  countSessionCodeFailure,
  countUnusedRecoveryCodes,
  listClearTotpSecrets,
  replaceRecoveryCodes,
} from './second-factor.repository.ts';
import { createRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from './second-factor.recovery-codes.ts';
import { createTotpSecret, verifyTotp } from './second-factor.totp.ts';

/** Wrong codes one pending session may give before it ends (the person signs in again). */
export const SESSION_CODE_LIMIT = 5;

/** Tells a person, in their language, that something changed about their second factor. */
async function tellOwner(
  db: DbExecutor,
  input: {
    user: UserRow;
    kind: string;
    subject: MessageKey;
    body: MessageKey;
    values?: Record<string, string | number>;
  },
): Promise<void> {
  await queueTranslatedMail(db, {
    to: input.user.email,
    locale: localeOfUser(input.user),
    kind: input.kind,
    subject: input.subject,
    body: input.body,
    values: { name: input.user.name || input.user.email, ...input.values },
  });
}

/**
 * Makes a person's recovery codes (the old ones stop working), records why in the audit log and
 * tells the person; returns the codes, to show once.
 */
async function issueRecoveryCodes(
  tx: DbExecutor,
  input: {
    user: UserRow;
    now: Date;
    ip: string | null;
    action: string;
    mail: { kind: string; subject: MessageKey; body: MessageKey };
  },
): Promise<string[]> {
  const codes = createRecoveryCodes();
  await replaceRecoveryCodes(tx, {
    userId: input.user.id,
    hashes: codes.map((code) => hashRecoveryCode(normalizeRecoveryCode(code)!)),
    now: input.now,
  });
  await recordAudit(tx, {
    actor: actorOf(input.user),
    action: input.action,
    entityType: 'user',
    entityId: input.user.id,
    after: { recoveryCodes: codes.length },
    ip: input.ip,
  });
  await tellOwner(tx, { user: input.user, ...input.mail });
  return codes;
}

/** The clear secret of an account's authenticator, or null when it cannot be read with this key. */
function openSecret(box: SecretBox, stored: string | null): string | null {
  if (!stored) return null;
  return box.isSealed(stored) ? box.open(stored) : stored;
}

/**
 * The secret to show while a person sets up their authenticator app: made (and stored sealed)
 * on the first view, the same one afterwards. Only while the account has no second factor:
 * an account that has one never gets a new secret this way (the Secretariat resets it).
 */
export async function beginTotpSetup(input: { db: Db; box: SecretBox; userId: number }): Promise<string> {
  return input.db.transaction(async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AccountsError('accounts.error.userNotFound');
    if (user.totpEnabledAt) throw new AccountsError('accounts.error.secondFactorActive');
    const pending = openSecret(input.box, user.totpSecret);
    if (pending) return pending;
    const secret = createTotpSecret();
    await updateUser(tx, { id: user.id, values: { totpSecret: input.box.seal(secret), totpLastStep: null } });
    return secret;
  });
}

/** The secret being set up, to show again after a wrong code; null when set-up has not begun. */
export async function readPendingTotpSecret(input: { db: Db; box: SecretBox; userId: number }): Promise<string | null> {
  const user = await findUserById(input.db, input.userId);
  if (!user || user.totpEnabledAt) return null;
  return openSecret(input.box, user.totpSecret);
}

export type SecondFactorResult =
  | {
      status: 'accepted';
      /** The session's new token: the session id changes when the second factor is given. */
      token: string;
      /** Made when the second factor was just set up, to show once. */
      recoveryCodes: string[] | null;
      /** Unused recovery codes left, when one was just used. */
      recoveryCodesLeft: number | null;
    }
  | { status: 'wrong'; sessionEnded: boolean }
  | { status: 'locked'; retryAfterSeconds: number };

/**
 * Checks the second factor of a session waiting for it: a code of the authenticator app, or
 * one of the recovery codes. Wrong tries are counted per account (the back-off) and per session
 * (a few end it); a right one completes the sign-in under a new session id. When the person is
 * setting up the app, the first right code turns it on, ends their other sessions, makes their
 * recovery codes and tells them by e-mail.
 */
export async function checkSecondFactor(input: {
  db: Db;
  box: SecretBox;
  sessionId: string;
  userId: number;
  answer: { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };
  ip: string | null;
  now?: Date;
}): Promise<SecondFactorResult> {
  const now = input.now ?? new Date();
  const user = await findUserById(input.db, input.userId);
  if (!user) throw new AccountsError('accounts.error.userNotFound');
  const settingUp = !user.totpEnabledAt;
  if (settingUp && input.answer.kind === 'recovery') return { status: 'wrong', sessionEnded: false };

  const gate = await openAttempt(input.db, {
    kind: 'second_factor_failure',
    email: user.email,
    ip: input.ip,
    backOff: CODE_BACKOFF,
    now,
  });
  if (gate.status === 'locked') {
    await recordAudit(input.db, {
      actor: actorOf(user),
      action: 'accounts.second_factor_refused_backoff',
      entityType: 'user',
      entityId: user.id,
      ip: input.ip,
    });
    return gate;
  }

  return input.db.transaction(async (tx) => {
    const fresh = (await findUserById(tx, user.id))!;
    let step: number | null = null;
    let recoveryUsed = false;
    if (input.answer.kind === 'totp') {
      const secret = openSecret(input.box, fresh.totpSecret);
      step = secret ? verifyTotp({ secret, code: input.answer.code, at: now, lastStep: fresh.totpLastStep }) : null;
    } else {
      const canonical = normalizeRecoveryCode(input.answer.code);
      recoveryUsed =
        !!canonical && (await consumeRecoveryCode(tx, { userId: user.id, hash: hashRecoveryCode(canonical), now }));
    }

    if (step === null && !recoveryUsed) {
      const failures = await countSessionCodeFailure(tx, input.sessionId);
      const sessionEnded = failures >= SESSION_CODE_LIMIT;
      await recordAudit(tx, {
        actor: actorOf(fresh),
        action: input.answer.kind === 'totp' ? 'accounts.second_factor_failed' : 'accounts.recovery_code_failed',
        entityType: 'user',
        entityId: fresh.id,
        after: { sessionFailures: failures, sessionEnded },
        ip: input.ip,
      });
      if (sessionEnded) {
        await deleteSession(tx, input.sessionId);
        await tellOwner(tx, {
          user: fresh,
          kind: 'accounts.code_failures',
          subject: 'mail.codeFailures.subject',
          body: 'mail.codeFailures.body',
          values: { count: failures },
        });
      }
      return { status: 'wrong', sessionEnded };
    }

    await withdrawAttempt(tx, gate.attemptId);
    const { token, hash } = createToken();
    const renamed = await renameSession(tx, {
      id: input.sessionId,
      newId: hash,
      values: { secondFactorPending: false, lastSeenAt: now, codeFailures: 0 },
    });
    if (!renamed) return { status: 'wrong', sessionEnded: true };
    await updateUser(tx, {
      id: fresh.id,
      values: {
        lastSignInAt: now,
        ...(step !== null ? { totpLastStep: step } : {}),
        ...(settingUp ? { totpEnabledAt: now } : {}),
      },
    });

    let recoveryCodes: string[] | null = null;
    if (settingUp) {
      await deleteSessionsOfUser(tx, fresh.id, hash);
      recoveryCodes = await issueRecoveryCodes(tx, {
        user: fresh,
        now,
        ip: input.ip,
        action: 'accounts.second_factor_enabled',
        mail: {
          kind: 'accounts.second_factor_enabled',
          subject: 'mail.secondFactorEnabled.subject',
          body: 'mail.secondFactorEnabled.body',
        },
      });
    }

    let recoveryCodesLeft: number | null = null;
    if (recoveryUsed) {
      recoveryCodesLeft = await countUnusedRecoveryCodes(tx, fresh.id);
      await recordAudit(tx, {
        actor: actorOf(fresh),
        action: 'accounts.recovery_code_used',
        entityType: 'user',
        entityId: fresh.id,
        after: { left: recoveryCodesLeft },
        ip: input.ip,
      });
      await tellOwner(tx, {
        user: fresh,
        kind: 'accounts.recovery_code_used',
        subject: 'mail.recoveryCodeUsed.subject',
        body: 'mail.recoveryCodeUsed.body',
        values: { left: recoveryCodesLeft },
      });
    }

    await recordAudit(tx, {
      actor: actorOf(fresh),
      action: 'accounts.signed_in',
      entityType: 'user',
      entityId: fresh.id,
      ip: input.ip,
    });
    return { status: 'accepted', token, recoveryCodes, recoveryCodesLeft };
  });
}

/** How a person's second factor stands, for their account page. */
export async function describeSecondFactor(input: {
  db: Db;
  userId: number;
}): Promise<{ enabledAt: Date | null; recoveryCodesLeft: number }> {
  const user = await findUserById(input.db, input.userId);
  if (!user) throw new AccountsError('accounts.error.userNotFound');
  return {
    enabledAt: user.totpEnabledAt,
    recoveryCodesLeft: user.totpEnabledAt ? await countUnusedRecoveryCodes(input.db, user.id) : 0,
  };
}

/**
 * New recovery codes for a person with a second factor, after checking their password; the
 * old ones stop working. Audited and e-mailed to the person.
 */
export async function renewRecoveryCodes(input: {
  db: Db;
  userId: number;
  password: string;
  ip: string | null;
  now?: Date;
}): Promise<string[]> {
  const now = input.now ?? new Date();
  const user = await findUserById(input.db, input.userId);
  if (!user) throw new AccountsError('accounts.error.userNotFound');
  if (!user.totpEnabledAt) throw new AccountsError('accounts.error.noSecondFactor');
  const gate = await openAttempt(input.db, {
    kind: 'sign_in_failure',
    email: user.email,
    ip: input.ip,
    backOff: CODE_BACKOFF,
    now,
  });
  if (gate.status === 'locked') throw new AccountsError('accounts.error.tooManyAttempts', 'current_password');
  if (!user.passwordHash || !(await verifyPassword({ password: input.password, hash: user.passwordHash }))) {
    throw new AccountsError('accounts.error.currentPassword', 'current_password');
  }
  return input.db.transaction(async (tx) => {
    await withdrawAttempt(tx, gate.attemptId);
    return issueRecoveryCodes(tx, {
      user,
      now,
      ip: input.ip,
      action: 'accounts.recovery_codes_renewed',
      mail: {
        kind: 'accounts.recovery_codes_renewed',
        subject: 'mail.recoveryCodesRenewed.subject',
        body: 'mail.recoveryCodesRenewed.body',
      },
    });
  });
}

/**
 * The Secretariat's procedure for a member who lost their authenticator and recovery codes: the
 * second factor of another person is removed (secret, recovery codes), their sessions end, and
 * they set up a new one at their next sign-in. The Secretariat member confirms with their own
 * current code and gives a reason; the change is audited and the person is told by e-mail.
 */
export async function resetSecondFactor(input: {
  db: Db;
  box: SecretBox;
  targetUserId: number;
  actor: { id: number; email: string; name: string };
  actorCode: string;
  reason: string;
  ip: string | null;
  now?: Date;
}): Promise<void> {
  const now = input.now ?? new Date();
  if (input.targetUserId === input.actor.id) throw new AccountsError('accounts.error.resetOwnSecondFactor');
  const actor = await findUserById(input.db, input.actor.id);
  const target = await findUserById(input.db, input.targetUserId);
  if (!actor || !target) throw new AccountsError('accounts.error.userNotFound');
  if (!target.totpSecret && !target.totpEnabledAt) throw new AccountsError('accounts.error.noSecondFactor');

  const gate = await openAttempt(input.db, {
    kind: 'second_factor_failure',
    email: actor.email,
    ip: input.ip,
    backOff: CODE_BACKOFF,
    now,
  });
  if (gate.status === 'locked') throw new AccountsError('accounts.error.tooManyAttempts', 'code');
  const secret = openSecret(input.box, actor.totpSecret);
  const step =
    secret && actor.totpEnabledAt
      ? verifyTotp({ secret, code: input.actorCode, at: now, lastStep: actor.totpLastStep })
      : null;
  if (step === null) {
    await recordAudit(input.db, {
      actor: actorOf(actor),
      action: 'accounts.second_factor_failed',
      entityType: 'user',
      entityId: actor.id,
      after: { during: 'second_factor_reset', target: target.id },
      ip: input.ip,
    });
    throw new AccountsError('accounts.error.code', 'code');
  }

  await input.db.transaction(async (tx) => {
    await withdrawAttempt(tx, gate.attemptId);
    await updateUser(tx, { id: actor.id, values: { totpLastStep: step } });
    await updateUser(tx, { id: target.id, values: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    await replaceRecoveryCodes(tx, { userId: target.id, hashes: [], now });
    await deleteSessionsOfUser(tx, target.id);
    await recordAudit(tx, {
      actor: actorOf(actor),
      action: 'accounts.second_factor_reset',
      entityType: 'user',
      entityId: target.id,
      before: { secondFactorSince: target.totpEnabledAt?.toISOString() ?? null },
      after: { secondFactorSince: null, reason: input.reason },
      ip: input.ip,
    });
    await tellOwner(tx, {
      user: target,
      kind: 'accounts.second_factor_reset',
      subject: 'mail.secondFactorReset.subject',
      body: 'mail.secondFactorReset.body',
      values: { by: actor.name || actor.email },
    });
  });
}

/**
 * Seals the authenticator secrets still stored in clear (from before they were encrypted); run
 * at each start, it does nothing once every secret is sealed.
 */
export async function sealClearTotpSecrets(input: { db: Db; box: SecretBox }): Promise<number> {
  const clear = await listClearTotpSecrets(input.db);
  for (const row of clear) {
    await updateUser(input.db, { id: row.id, values: { totpSecret: input.box.seal(row.secret) } });
  }
  return clear.length;
}
