import crypto from 'node:crypto';
import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { translator, type Locale, type MessageKey } from '../../../i18n/i18n.ts';
import { recordAudit, SYSTEM_ACTOR } from '../../audit/index.ts';
import { queueMail } from '../mail.usecases.ts';
import {
  CONFIRMATION_MAIL_KIND,
  countMailsTo,
  countRequestsFrom,
  deleteAbandonedConfirmations,
  findConfirmationByHash,
  insertConfirmation,
  listUnconfirmedFor,
  lockAddress,
  markConfirmed,
  renewConfirmation,
  type ConfirmationRow,
} from './confirmations.repository.ts';

/** How long a confirmation link works. */
export const CONFIRMATION_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** Confirmation mails one address receives at most in an hour (first sends and resends, every kind). */
export const MAILS_PER_ADDRESS_PER_HOUR = 3;
/** New submissions waiting for confirmation one client address may make in an hour. */
export const REQUESTS_PER_CLIENT_PER_HOUR = 10;
/** Mails one submission gets at most: the first and two resends. */
export const SENDS_PER_REQUEST = 3;
/**
 * How long a submission whose link expired unused is kept (a resend can still bring it back)
 * before it is deleted with what its sender typed: nobody but the sender ever saw it.
 */
export const ABANDONED_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** Submissions one purge deletes at most (the next run takes the rest). */
const PURGE_BATCH = 500;

const HOUR_MS = 60 * 60 * 1000;

/** What a module says about one kind of submission that waits for its sender's address. */
export interface ConfirmationKind {
  /** Fixed words for what was submitted ("an application to become a partner"), in mails and pages. */
  purpose: MessageKey;
  /**
   * Runs in the confirmation's transaction, once: makes the record visible and queues what
   * follows (acknowledgement, notices). Returns the page to show next, without its locale (`/…`).
   */
  onConfirmed(
    tx: DbExecutor,
    input: { recordId: number; email: string; locale: Locale; ip: string | null; now: Date },
  ): Promise<{ next: string }>;
  /**
   * Runs in the purge's transaction: deletes these records, never confirmed, whose links expired
   * long ago (`ABANDONED_AFTER_MS`). A record confirmed meanwhile must be left alone.
   */
  onAbandoned?(tx: DbExecutor, recordIds: readonly number[]): Promise<void>;
}

export type ConfirmationState = 'pending' | 'used' | 'expired' | 'unknown';

export type ConfirmOutcome = { status: 'confirmed'; next: string } | { status: Exclude<ConfirmationState, 'pending'> };

/**
 * The confirmation of an address before anything else is sent to it, for any submission a
 * visitor makes with an e-mail address (an application, an expression of interest…). The record
 * stays hidden until its link is opened; the only mail sent to the unconfirmed address is the
 * fixed text of the link, with nothing the visitor typed.
 */
export interface EmailConfirmations {
  /** Each module registers its kinds when it is mounted. */
  register(kind: string, handler: ConfirmationKind): void;
  /**
   * In the submission's transaction: records that `recordId` waits for `email` and queues the
   * link. Throws `mail.confirmation.too_many` (429) past the limits: the caller's transaction,
   * and so the submission, is then rolled back.
   */
  request(
    tx: DbExecutor,
    input: { kind: string; recordId: number; email: string; locale: Locale; ip: string | null; now?: Date },
  ): Promise<void>;
  /** What a link is worth now, without using it (and the purpose of its submission). */
  check(input: { token: string; now?: Date }): Promise<{ state: ConfirmationState; purpose: MessageKey | null }>;
  /** Uses a link: the record's kind makes it visible; a used, expired or unknown link changes nothing. */
  confirm(input: { token: string; ip: string | null; now?: Date }): Promise<ConfirmOutcome>;
  /**
   * Sends a new link for the newest submission still waiting for this address (the old link
   * stops working), within the limits; says nothing of whether there was one.
   */
  resend(input: { email: string; now?: Date }): Promise<void>;
  /**
   * Deletes the submissions never confirmed whose link expired more than `ABANDONED_AFTER_MS`
   * ago, and their requests, in one audited transaction; says how many of each kind.
   */
  purgeAbandoned(input?: { now?: Date }): Promise<Record<string, number>>;
}

function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashConfirmationToken(token) };
}

function hashConfirmationToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

const TOKEN_SHAPE = /^[\w-]{20,100}$/;

function stateOf(row: ConfirmationRow | null, now: Date): ConfirmationState {
  if (!row) return 'unknown';
  if (row.confirmedAt) return 'used';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

export function createEmailConfirmations(input: { db: Db; publicUrl: string }): EmailConfirmations {
  const { db } = input;
  const kinds = new Map<string, ConfirmationKind>();
  const kindOf = (kind: string): ConfirmationKind => {
    const found = kinds.get(kind);
    if (!found) throw new Error(`no confirmation kind ${kind} is registered`);
    return found;
  };

  /** The one mail an unconfirmed address gets: fixed words, the purpose's label and the link. */
  const queueLink = (tx: DbExecutor, row: { kind: string; email: string; locale: Locale; token: string }) => {
    const tr = translator(row.locale);
    const values = {
      purpose: tr.t(kindOf(row.kind).purpose),
      link: `${input.publicUrl}/${row.locale}/confirm?token=${row.token}`,
      hours: CONFIRMATION_LIFETIME_MS / HOUR_MS,
    };
    return queueMail(tx, {
      to: row.email,
      locale: row.locale,
      kind: CONFIRMATION_MAIL_KIND,
      subject: tr.t('mail.confirmation.subject'),
      text: tr.t('mail.confirmation.body', values),
    });
  };

  const mailsLeft = async (tx: DbExecutor, email: string, now: Date) =>
    MAILS_PER_ADDRESS_PER_HOUR - (await countMailsTo(tx, { email, since: new Date(now.getTime() - HOUR_MS) }));

  const findByToken = (token: string) =>
    TOKEN_SHAPE.test(token) ? findConfirmationByHash(db, hashConfirmationToken(token)) : Promise.resolve(null);

  return {
    register(kind, handler) {
      if (kinds.has(kind)) throw new Error(`the confirmation kind ${kind} is registered twice`);
      kinds.set(kind, handler);
    },

    async request(tx, request) {
      const now = request.now ?? new Date();
      kindOf(request.kind);
      await lockAddress(tx, request.email);
      const fromClient = request.ip
        ? await countRequestsFrom(tx, { ip: request.ip, since: new Date(now.getTime() - HOUR_MS) })
        : 0;
      if ((await mailsLeft(tx, request.email, now)) <= 0 || fromClient >= REQUESTS_PER_CLIENT_PER_HOUR) {
        throw new AppError('mail.confirmation.too_many');
      }
      const { token, hash } = newToken();
      await insertConfirmation(tx, {
        kind: request.kind,
        recordId: request.recordId,
        email: request.email,
        locale: request.locale,
        tokenHash: hash,
        requestedIp: request.ip,
        createdAt: now,
        expiresAt: new Date(now.getTime() + CONFIRMATION_LIFETIME_MS),
      });
      await queueLink(tx, { kind: request.kind, email: request.email, locale: request.locale, token });
    },

    async check({ token, now = new Date() }) {
      const row = await findByToken(token);
      const purpose = row ? (kinds.get(row.kind)?.purpose ?? null) : null;
      return { state: purpose ? stateOf(row, now) : 'unknown', purpose };
    },

    async confirm({ token, ip, now = new Date() }) {
      if (!TOKEN_SHAPE.test(token)) return { status: 'unknown' };
      const tokenHash = hashConfirmationToken(token);
      return db.transaction(async (tx): Promise<ConfirmOutcome> => {
        // A link of a kind no module handles (any more) confirms nothing.
        const found = await findConfirmationByHash(tx, tokenHash);
        if (found && !kinds.has(found.kind)) return { status: 'unknown' };
        const row = await markConfirmed(tx, { tokenHash, now });
        if (!row) {
          const state = stateOf(await findConfirmationByHash(tx, tokenHash), now);
          return { status: state === 'pending' ? 'used' : state };
        }
        const { next } = await kindOf(row.kind).onConfirmed(tx, {
          recordId: row.recordId,
          email: row.email,
          locale: row.locale as Locale,
          ip,
          now,
        });
        return { status: 'confirmed', next };
      });
    },

    async resend({ email, now = new Date() }) {
      await db.transaction(async (tx) => {
        await lockAddress(tx, email);
        const [newest] = await listUnconfirmedFor(tx, email);
        if (!newest || !kinds.has(newest.kind) || newest.sends >= SENDS_PER_REQUEST) return;
        if ((await mailsLeft(tx, email, now)) <= 0) return;
        const { token, hash } = newToken();
        await renewConfirmation(tx, {
          id: newest.id,
          tokenHash: hash,
          expiresAt: new Date(now.getTime() + CONFIRMATION_LIFETIME_MS),
        });
        await queueLink(tx, { kind: newest.kind, email: newest.email, locale: newest.locale as Locale, token });
      });
    },

    async purgeAbandoned({ now = new Date() } = {}) {
      return db.transaction(async (tx) => {
        const rows = await deleteAbandonedConfirmations(tx, {
          expiredBefore: new Date(now.getTime() - ABANDONED_AFTER_MS),
          limit: PURGE_BATCH,
        });
        const byKind = new Map<string, number[]>();
        for (const row of rows) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row.recordId]);
        const purged: Record<string, number> = {};
        for (const [kind, recordIds] of byKind) {
          await kinds.get(kind)?.onAbandoned?.(tx, recordIds);
          purged[kind] = recordIds.length;
        }
        if (rows.length > 0) {
          await recordAudit(tx, {
            actor: SYSTEM_ACTOR,
            action: 'mail.unconfirmed_purged',
            entityType: 'email_confirmation',
            after: purged,
          });
        }
        return purged;
      });
    },
  };
}

/** How often the submissions never confirmed are looked for. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Runs `purgeAbandoned()` a minute after the start, then every hour, in the background; a failed
 * run is logged and the next one tries again.
 */
export function createAbandonedPurge(input: {
  confirmations: EmailConfirmations;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
}): { start(): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= input.confirmations
      .purgeAbandoned()
      .then((purged) => {
        if (Object.keys(purged).length > 0) input.log.info({ purged }, 'submissions never confirmed deleted');
      })
      .catch((error: unknown) =>
        input.log.warn({ err: error }, 'submissions never confirmed not deleted; the next run retries'),
      )
      .finally(() => {
        running = null;
      });
  };
  return {
    start() {
      if (timer) return;
      timer = setTimeout(function tick() {
        run();
        timer = setTimeout(tick, PURGE_INTERVAL_MS);
        timer.unref();
      }, 60_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
