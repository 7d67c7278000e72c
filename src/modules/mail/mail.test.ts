import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { createMailer, listOutbox, queueMail, type Mailer, type QueueMailInput } from './index.ts';

interface ReceivedMessage {
  recipients: string[];
  raw: string;
}

interface SmtpPeer {
  url: string;
  received: ReceivedMessage[];
  close(): Promise<void>;
}

/**
 * A real SMTP server on a free local port. `refuseRecipients` answers 451 to that many RCPT TO
 * first; `acceptAfterMs` makes each message take that long, so that deliveries overlap.
 */
async function startSmtpPeer(input: { refuseRecipients?: number; acceptAfterMs?: number } = {}): Promise<SmtpPeer> {
  const received: ReceivedMessage[] = [];
  let refusalsLeft = input.refuseRecipients ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusalsLeft > 0) {
        refusalsLeft -= 1;
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          recipients: session.envelope.rcptTo.map((address) => address.address),
          raw: Buffer.concat(chunks).toString('latin1'),
        });
        setTimeout(() => callback(), input.acceptAfterMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeQuotedPrintable(text: string): Buffer {
  const input = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i += 1) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(input.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words, joined as RFC 2047 says. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_word, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

function parsePart(raw: string): MimePart {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeBody(part: MimePart): string {
  const encoding = part.headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8');
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(part.body, 'latin1').toString('utf8');
}

/** Enough of MIME to read what nodemailer writes: a text part, or text and HTML alternatives. */
function readMessage(raw: string): {
  headers: Map<string, string>;
  subject: string;
  text: string;
  html: string | null;
} {
  const message = parsePart(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(message.headers.get('content-type') ?? '')?.[1];
  const parts = boundary
    ? `\r\n${message.body}`
        .split(`\r\n--${boundary}`)
        .slice(1, -1)
        .map((part) => parsePart(part.replace(/^\r\n/, '')))
    : [message];
  const find = (type: string) => parts.find((part) => part.headers.get('content-type')?.startsWith(type));
  const text = find('text/plain');
  const html = find('text/html');
  return {
    headers: message.headers,
    subject: decodeHeader(message.headers.get('subject') ?? ''),
    text: text ? decodeBody(text).replace(/\r\n/g, '\n') : '',
    html: html ? decodeBody(html).replace(/\r\n/g, '\n') : null,
  };
}

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const FROM = 'Alliance 8.7 <no-reply@alliance87.test>';

function invitation(overrides: Partial<QueueMailInput> = {}): QueueMailInput {
  return {
    to: 'maria.lopez@example.org',
    locale: 'es',
    kind: 'accounts.invitation',
    subject: 'Invitación a la plataforma',
    text: 'Hola María:\n\nLe invitamos a unirse a la Alianza 8.7. Año de creación: 2016 — ¡bienvenida!\n',
    ...overrides,
  };
}

describe('the mail outbox', () => {
  let database: TestDatabase;
  const peers: SmtpPeer[] = [];
  const mailers: Mailer[] = [];

  async function peer(input: { refuseRecipients?: number; acceptAfterMs?: number } = {}): Promise<SmtpPeer> {
    const started = await startSmtpPeer(input);
    peers.push(started);
    return started;
  }

  function mailer(smtpUrl: string | undefined): Mailer {
    const created = createMailer({ db: database.db, smtpUrl, from: FROM });
    mailers.push(created);
    return created;
  }

  async function outboxRow(id: number) {
    const result = await database.pool.query(
      `SELECT status, attempts, last_error, sent_at, next_attempt_at > now() + interval '50 seconds' AS later
         FROM mail_outbox WHERE id = $1`,
      [id],
    );
    return result.rows[0] as {
      status: string;
      attempts: number;
      last_error: string | null;
      sent_at: Date | null;
      later: boolean;
    };
  }

  async function makeDueNow(id: number): Promise<void> {
    await database.pool.query(`UPDATE mail_outbox SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, [
      id,
    ]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  beforeEach(async () => {
    await database.pool.query('DELETE FROM mail_outbox');
  });

  afterEach(async () => {
    await Promise.all(mailers.splice(0).map((created) => created.stop()));
    await Promise.all(peers.splice(0).map((started) => started.close()));
  });

  afterAll(async () => {
    await database?.close();
  });

  it('delivers a queued message once, with its recipient, subject and UTF-8 body intact, and marks it sent', async () => {
    const smtp = await peer();
    const delivery = mailer(smtp.url);
    const html = '<p>Hola María: <strong>¡bienvenida!</strong></p>';
    const { id } = await database.db.transaction((tx) => queueMail(tx, invitation({ html })));
    expect((await outboxRow(id)).status).toBe('queued');

    expect(await delivery.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const [message] = smtp.received;
    expect(message!.recipients).toEqual(['maria.lopez@example.org']);
    const read = readMessage(message!.raw);
    expect(read.subject).toBe('Invitación a la plataforma');
    expect(read.headers.get('to')).toBe('maria.lopez@example.org');
    // A display name with a dot is quoted on the wire (RFC 5322).
    expect(read.headers.get('from')).toBe('"Alliance 8.7" <no-reply@alliance87.test>');
    expect(read.headers.get('content-language')).toBe('es');
    expect(read.text).toBe(invitation().text);
    expect(read.html).toBe(html);

    const row = await outboxRow(id);
    expect(row.status).toBe('sent');
    expect(row.sent_at).toBeInstanceOf(Date);
    expect(row.last_error).toBeNull();
  });

  it('delivers a one-time link whole, then keeps the message with the link’s secret hidden', async () => {
    const smtp = await peer();
    const delivery = mailer(smtp.url);
    const link = 'https://platform.test/es/account/set-password?token=S3cretT0kenValue_0123456789abcdef';
    const { id } = await database.db.transaction((tx) =>
      queueMail(
        tx,
        invitation({ text: `Elija su contraseña con este enlace:\n${link}\n`, html: `<a href="${link}">${link}</a>` }),
      ),
    );
    expect(await delivery.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(readMessage(smtp.received[0]!.raw).text).toContain(link);
    const stored = await database.pool.query<{ body_text: string; body_html: string }>(
      'SELECT body_text, body_html FROM mail_outbox WHERE id = $1',
      [id],
    );
    const kept = stored.rows[0]!;
    expect(kept.body_text).toBe(
      'Elija su contraseña con este enlace:\nhttps://platform.test/es/account/set-password?token=[redacted]\n',
    );
    expect(kept.body_html).not.toContain('S3cretT0ken');
  });

  it('queues nothing when the transaction around it rolls back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await queueMail(tx, invitation());
        tx.rollback();
      }),
    ).rejects.toThrow();
    const result = await database.pool.query('SELECT count(*)::int AS count FROM mail_outbox');
    expect(result.rows[0].count).toBe(0);
  });

  it('leaves a message the server refuses as failed, and sends it on a later run once it is due', async () => {
    const smtp = await peer({ refuseRecipients: 1 });
    const delivery = mailer(smtp.url);
    const { id } = await queueMail(database.db, invitation());

    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 1 });
    const failed = await outboxRow(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sent_at: null, later: true });
    expect(failed.last_error).toMatch(/451/);

    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0 });
    await makeDueNow(id);
    expect(await delivery.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives a message up after five refused tries, waiting longer after each', async () => {
    const smtp = await peer({ refuseRecipients: 100 });
    const delivery = mailer(smtp.url);
    const { id } = await queueMail(database.db, invitation());
    const waitsInMinutes: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await makeDueNow(id);
      expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const result = await database.pool.query<{ wait: number }>(
        `SELECT extract(epoch FROM next_attempt_at - now())::int AS wait FROM mail_outbox WHERE id = $1`,
        [id],
      );
      waitsInMinutes.push(Math.round(result.rows[0]!.wait / 60));
    }
    expect(waitsInMinutes.slice(0, 4)).toEqual([1, 5, 30, 120]);
    expect(await outboxRow(id)).toMatchObject({ status: 'abandoned', attempts: 5 });
    await makeDueNow(id);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('sends each message once when two mailers deliver at the same time', async () => {
    const smtp = await peer({ acceptAfterMs: 20 });
    const first = mailer(smtp.url);
    const second = mailer(smtp.url);
    const subjects = Array.from({ length: 12 }, (_, index) => `Mensaje ${index + 1}`);
    for (const subject of subjects) await queueMail(database.db, invitation({ subject }));

    const results = await Promise.all([first.deliverDue(), second.deliverDue()]);
    expect(results[0].sent + results[1].sent).toBe(subjects.length);
    expect(results[0].sent).toBeGreaterThan(0);
    expect(results[1].sent).toBeGreaterThan(0);
    expect(results[0].failed + results[1].failed).toBe(0);
    const received = smtp.received.map((message) => readMessage(message.raw).subject).sort();
    expect(received).toEqual([...subjects].sort());
    const statuses = await database.pool.query(`SELECT DISTINCT status FROM mail_outbox`);
    expect(statuses.rows).toEqual([{ status: 'sent' }]);
  });

  it('delivers soon after a nudge, and stop waits for the delivery in progress', async () => {
    const smtp = await peer();
    const delivery = mailer(smtp.url);
    const { id } = await queueMail(database.db, invitation());
    delivery.nudge();
    delivery.nudge();
    await waitFor(() => smtp.received.length > 0);
    await delivery.stop();
    expect(smtp.received).toHaveLength(1);
    expect((await outboxRow(id)).status).toBe('sent');
  });

  it('delivers on its own once started', async () => {
    const smtp = await peer();
    const delivery = mailer(smtp.url);
    delivery.start(50);
    await queueMail(database.db, invitation());
    await waitFor(() => smtp.received.length === 1);
    await queueMail(database.db, invitation({ subject: 'Segundo mensaje' }));
    await waitFor(() => smtp.received.length === 2);
  });

  it('keeps messages in the outbox, and sends nothing, when the platform has no SMTP server', async () => {
    const delivery = mailer(undefined);
    const { id } = await queueMail(database.db, invitation());
    expect(await outboxRow(id)).toMatchObject({ status: 'queued' });
    expect(await delivery.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(await outboxRow(id)).toMatchObject({ status: 'kept', attempts: 0, sent_at: null });

    // A mailer that can send does not take kept messages either: they are for the back office.
    const smtp = await peer();
    expect(await mailer(smtp.url).deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('refuses an invalid message before writing anything', async () => {
    await expect(queueMail(database.db, invitation({ to: 'not-an-address' }))).rejects.toThrow(/email/i);
    await expect(queueMail(database.db, invitation({ subject: 'x'.repeat(301) }))).rejects.toThrow();
    await expect(
      queueMail(database.db, invitation({ subject: 'Hola\r\nBcc: everyone@example.org' })),
    ).rejects.toThrow();
    await expect(queueMail(database.db, invitation({ kind: 'Invitation' }))).rejects.toThrow();
    const result = await database.pool.query('SELECT count(*)::int AS count FROM mail_outbox');
    expect(result.rows[0].count).toBe(0);
  });

  it('lists the outbox newest first, page by page, filtered by status', async () => {
    for (let index = 1; index <= 5; index += 1) {
      await queueMail(database.db, invitation({ subject: `Mensaje ${index}`, locale: 'fr' }));
    }
    await mailer(undefined).deliverDue();
    const firstPage = await listOutbox(database.db, { page: 1, perPage: 2 });
    expect(firstPage.total).toBe(5);
    expect(firstPage.items.map((item) => item.subject)).toEqual(['Mensaje 5', 'Mensaje 4']);
    expect(firstPage.items[0]).toMatchObject({ to: 'maria.lopez@example.org', locale: 'fr', status: 'kept' });
    const lastPage = await listOutbox(database.db, { page: 3, perPage: 2 });
    expect(lastPage.items.map((item) => item.subject)).toEqual(['Mensaje 1']);
    expect(await listOutbox(database.db, { page: 1, perPage: 10, status: 'sent' })).toEqual({ total: 0, items: [] });
  });
});
