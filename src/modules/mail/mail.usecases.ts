import type { Db, DbExecutor } from '../../db/database.ts';
import { redactLinksInText } from '../../http/secret-redaction.ts';
import { translator, type Locale, type MessageKey } from '../../i18n/i18n.ts';
import {
  keepQueuedMail,
  abandonMail,
  findOutboxPage,
  insertMail,
  lockNextDueMail,
  markMailFailed,
  markMailSent,
  startMailAttempt,
  type MailRow,
} from './mail.repository.ts';
import { listOutboxSchema, queueMailSchema, type ListOutboxInput, type QueueMailInput } from './mail.schemas.ts';
import { createSmtpTransport, type MailTransport } from './mail.transport.ts';

/** Tries before a message is abandoned. */
export const MAX_ATTEMPTS = 5;

/** Wait after the 1st, 2nd, 3rd and 4th failed try; the 5th abandons the message. */
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];

/**
 * How long a message stays claimed by the mailer sending it. The transport's timeouts keep
 * one delivery far shorter; if a process dies mid-send, the message is tried again after this.
 */
const CLAIM_LEASE_MS = 15 * 60_000;

/** Messages one run of deliverDue sends at most, so that stop() is never kept waiting long. */
const MAX_MESSAGES_PER_RUN = 100;

const NUDGE_DELAY_MS = 100;

/**
 * Writes a message to the outbox. Call it inside the transaction of the change it announces:
 * the message is sent only if that transaction commits. The server's mailer then sends it,
 * or, without an SMTP server, marks it kept (status `kept`) for the back office.
 */
export async function queueMail(db: DbExecutor, input: QueueMailInput): Promise<{ id: number }> {
  const mail = queueMailSchema.parse(input);
  return insertMail(db, {
    to: mail.to,
    locale: mail.locale,
    kind: mail.kind,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    status: 'queued',
  });
}

/** Writes a message whose subject and body are translation keys, in the recipient's language. */
export async function queueTranslatedMail(
  db: DbExecutor,
  input: {
    to: string;
    locale: Locale;
    kind: string;
    subject: MessageKey;
    body: MessageKey;
    values: Record<string, string | number>;
  },
): Promise<{ id: number }> {
  const tr = translator(input.locale);
  return queueMail(db, {
    to: input.to,
    locale: input.locale,
    kind: input.kind,
    subject: tr.t(input.subject, input.values),
    text: tr.t(input.body, input.values),
  });
}

export type OutboxItem = MailRow;

/**
 * The outbox, newest first, for the back office. The secrets of one-time links are hidden in every
 * message on its way to its recipient: nobody in the back office may use another person's reset
 * or invitation link. Only a message kept because the platform has no SMTP server shows its link,
 * since the Secretariat must then hand it over.
 */
export async function listOutbox(db: Db, input: ListOutboxInput): Promise<{ total: number; items: OutboxItem[] }> {
  const query = listOutboxSchema.parse(input);
  const page = await findOutboxPage(db, {
    status: query.status,
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  return {
    total: page.total,
    items: page.items.map((item) =>
      item.status === 'kept'
        ? item
        : {
            ...item,
            text: redactLinksInText(item.text),
            html: item.html === null ? null : redactLinksInText(item.html),
          },
    ),
  };
}

export interface MailerLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

export interface Mailer {
  /** Sends the messages that are due now; resolves with how many were sent and how many failed. */
  deliverDue(): Promise<{ sent: number; failed: number }>;
  /**
   * Runs deliverDue every `intervalMs` (5 s by default) without keeping the process alive. Without
   * an SMTP server each run marks the queued messages kept, so they reach the back office too.
   */
  start(intervalMs?: number): void;
  /** Runs deliverDue shortly, for example after a transaction that queued a message committed. */
  nudge(): void;
  /** Stops the timer, waits for a delivery in progress and closes the SMTP connection. */
  stop(): Promise<void>;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 2000);
}

/**
 * Takes the next due message for this mailer: locked while its try is counted and its
 * next_attempt_at pushed beyond the lease, then released, so that the SMTP exchange happens
 * outside any transaction while other mailers still skip the message.
 */
async function claimNextDueMail(db: Db): Promise<MailRow | null> {
  return db.transaction(async (tx) => {
    for (;;) {
      const due = await lockNextDueMail(tx);
      if (!due) return null;
      if (due.attempts >= MAX_ATTEMPTS) {
        // Its last try never recorded a result (the process stopped mid-send): give up as if it had failed.
        await abandonMail(tx, { id: due.id, error: due.lastError ?? 'The last try was interrupted.' });
        continue;
      }
      const { attempts } = await startMailAttempt(tx, { id: due.id, leaseMs: CLAIM_LEASE_MS });
      return { ...due, attempts };
    }
  });
}

/**
 * The process's mail delivery. Several processes may run one each on the same database:
 * a message is claimed by one mailer at a time, so it is sent once.
 *
 * Without an SMTP URL the platform cannot send: each run of the mailer (on its timer, and
 * shortly after a nudge) marks the queued messages kept, for the Secretariat to read in the
 * back office. The platform creates one mailer per process, at start-up, from its configuration.
 */
export function createMailer(input: { db: Db; smtpUrl: string | undefined; from: string; log?: MailerLog }): Mailer {
  const { db, log } = input;
  const transport: MailTransport | null = input.smtpUrl
    ? createSmtpTransport({ smtpUrl: input.smtpUrl, from: input.from })
    : null;
  const running = new Set<Promise<unknown>>();
  let stopped = false;
  let interval: NodeJS.Timeout | null = null;
  let nudgeTimer: NodeJS.Timeout | null = null;
  let scheduled: Promise<unknown> | null = null;
  let runAgain = false;

  async function deliverOne(transport: MailTransport, mail: MailRow): Promise<boolean> {
    try {
      await transport.send(mail);
    } catch (error) {
      const abandoned = mail.attempts >= MAX_ATTEMPTS;
      const retryInMs = RETRY_DELAYS_MS[Math.min(mail.attempts, RETRY_DELAYS_MS.length) - 1] ?? 0;
      const recorded = await markMailFailed(db, {
        id: mail.id,
        attempts: mail.attempts,
        error: describeError(error),
        status: abandoned ? 'abandoned' : 'failed',
        retryInMs: abandoned ? 0 : retryInMs,
      });
      log?.warn(
        { mailId: mail.id, kind: mail.kind, attempts: mail.attempts, abandoned, recorded, error: describeError(error) },
        abandoned ? 'mail abandoned' : 'mail delivery failed, will retry',
      );
      return false;
    }
    // Once delivered, a one-time link lives only in the recipient's mailbox, not in the outbox.
    const recorded = await markMailSent(db, {
      id: mail.id,
      attempts: mail.attempts,
      bodyText: redactLinksInText(mail.text),
      bodyHtml: mail.html === null ? null : redactLinksInText(mail.html),
    });
    if (recorded) log?.info({ mailId: mail.id, kind: mail.kind }, 'mail sent');
    else log?.warn({ mailId: mail.id, kind: mail.kind }, 'mail sent after its claim expired');
    return true;
  }

  async function run(): Promise<{ sent: number; failed: number }> {
    const result = { sent: 0, failed: 0 };
    if (!transport) {
      await keepQueuedMail(db);
      return result;
    }
    for (let count = 0; count < MAX_MESSAGES_PER_RUN && !stopped; count += 1) {
      const mail = await claimNextDueMail(db);
      if (!mail) break;
      if (await deliverOne(transport, mail)) result.sent += 1;
      else result.failed += 1;
    }
    return result;
  }

  function deliverDue(): Promise<{ sent: number; failed: number }> {
    const delivery = run();
    running.add(delivery);
    void delivery.finally(() => running.delete(delivery)).catch(() => undefined);
    return delivery;
  }

  /** One scheduled run at a time; a request arriving meanwhile runs again right after. */
  function runScheduled(): void {
    if (stopped) return;
    if (scheduled) {
      runAgain = true;
      return;
    }
    scheduled = deliverDue()
      .then((result) => {
        if (result.sent + result.failed >= MAX_MESSAGES_PER_RUN) runAgain = true;
      })
      .catch((error: unknown) => log?.warn({ error: describeError(error) }, 'mail delivery run failed'))
      .finally(() => {
        scheduled = null;
        if (runAgain) {
          runAgain = false;
          runScheduled();
        }
      });
  }

  return {
    deliverDue,
    start(intervalMs = 5000) {
      if (stopped || interval) return;
      interval = setInterval(runScheduled, intervalMs);
      interval.unref();
      runScheduled();
    },
    nudge() {
      if (stopped || nudgeTimer) return;
      nudgeTimer = setTimeout(() => {
        nudgeTimer = null;
        runScheduled();
      }, NUDGE_DELAY_MS);
      nudgeTimer.unref();
    },
    async stop() {
      stopped = true;
      if (interval) clearInterval(interval);
      if (nudgeTimer) clearTimeout(nudgeTimer);
      interval = null;
      nudgeTimer = null;
      await Promise.allSettled([...running]);
      await scheduled;
      transport?.close();
    },
  };
}
