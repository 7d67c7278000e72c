import type { Db, DbExecutor } from '../../db/database.ts';
import { deleteAttempt, lockAttempts, recentAttempts, recordAttempt } from './accounts.repository.ts';
import type { AttemptKind } from './accounts.table.ts';

/**
 * How many tries of a secret one account gets: `free` within `window`, then each further try
 * must wait twice as long as the one before (from `base` up to `max`).
 */
export interface BackOff {
  window: number;
  free: number;
  base: number;
  max: number;
}

/** Passwords: after 5 failures within 15 minutes, waits of 30 s, 1 min, 2 min… up to 15 min. */
export const PASSWORD_BACKOFF: BackOff = { window: 15 * 60 * 1000, free: 5, base: 30 * 1000, max: 15 * 60 * 1000 };
/** Second-factor and recovery codes: the same rhythm, counted apart from the password. */
export const CODE_BACKOFF: BackOff = PASSWORD_BACKOFF;

export type AttemptGate = { status: 'open'; attemptId: number } | { status: 'locked'; retryAfterSeconds: number };

/** The wait before the next try, given the failures in the window (0: no wait). */
export function backOffWait(input: { backOff: BackOff; failures: number }): number {
  const { backOff, failures } = input;
  if (failures < backOff.free) return 0;
  return Math.min(backOff.base * 2 ** (failures - backOff.free), backOff.max);
}

/**
 * Opens one try of a secret for an account, or refuses it while the account's back-off runs.
 * The try is recorded as a failure before the secret is checked, in one locked step, so that
 * simultaneous guesses from any number of addresses all count; `withdrawAttempt` takes it back
 * when the secret was right.
 */
export async function openAttempt(
  db: Db,
  input: { kind: AttemptKind; email: string; ip: string | null; backOff: BackOff; now: Date },
): Promise<AttemptGate> {
  return db.transaction(async (tx) => {
    await lockAttempts(tx, { kind: input.kind, email: input.email });
    const recent = await recentAttempts(tx, {
      kind: input.kind,
      email: input.email,
      since: new Date(input.now.getTime() - input.backOff.window),
    });
    const wait = backOffWait({ backOff: input.backOff, failures: recent.count });
    if (wait > 0 && recent.last) {
      const until = recent.last.getTime() + wait;
      if (until > input.now.getTime()) {
        return { status: 'locked', retryAfterSeconds: Math.ceil((until - input.now.getTime()) / 1000) };
      }
    }
    const { id } = await recordAttempt(tx, { kind: input.kind, email: input.email, ip: input.ip, at: input.now });
    return { status: 'open', attemptId: id };
  });
}

/** Takes back a try that turned out right (it was recorded as a failure by `openAttempt`). */
export async function withdrawAttempt(db: DbExecutor, attemptId: number): Promise<void> {
  await deleteAttempt(db, attemptId);
}
