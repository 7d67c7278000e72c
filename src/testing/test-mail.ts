import type { Database } from '../db/database.ts';
import type { TestClient } from './test-users.ts';

/**
 * The newest confirmation link mailed to an address, read from the outbox (apps without an SMTP
 * server keep their mail there as written), as a path: `/es/confirm?token=…`.
 */
export async function confirmationLinkFor(database: Database, email: string): Promise<string> {
  const result = await database.pool.query<{ body_text: string }>(
    `SELECT body_text FROM mail_outbox WHERE to_address = $1 AND kind = 'mail.email_confirmation' ORDER BY id DESC LIMIT 1`,
    [email],
  );
  const link = /https?:\/\/[^/\s]+(\/(?:fr|en|es)\/confirm\?token=[\w-]+)/.exec(result.rows[0]?.body_text ?? '')?.[1];
  if (!link) throw new Error(`no confirmation link was mailed to ${email}`);
  return link;
}

/** Opens a confirmation link and presses its button, as the address's owner would. */
export async function confirmThroughLink(client: TestClient, link: string) {
  const token = new URL(link, 'http://x').searchParams.get('token') ?? '';
  const page = await client.get(link);
  // A used or expired link's page has no form: a form token from the page after a submission then.
  const csrf =
    /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ??
    /name="_csrf" value="([^"]+)"/.exec((await client.get(link.replace(/\/confirm\?.*$/, '/confirm/sent'))).body)?.[1];
  return client.submit({ page: link, action: link.split('?')[0]!, fields: { token }, csrf: csrf ?? '' });
}

/** Sends the application form and confirms its address with the mailed link: it reaches the Secretariat. */
export async function applyAndConfirm(input: {
  database: Database;
  client: TestClient;
  locale?: 'fr' | 'en' | 'es';
  fields: Record<string, string>;
}) {
  const locale = input.locale ?? 'en';
  const sent = await input.client.submit({ page: `/${locale}/partners/apply`, fields: input.fields });
  if (sent.statusCode !== 303) throw new Error(`the application was refused: ${sent.statusCode}`);
  const link = await confirmationLinkFor(input.database, input.fields.contact_email ?? '');
  const confirmed = await confirmThroughLink(input.client, link);
  if (confirmed.statusCode !== 303) throw new Error(`the confirmation answered ${confirmed.statusCode}`);
  return confirmed;
}

/**
 * The messages an SMTP peer has received for an address, once the app's mailer has sent every
 * queued message (tried again while some wait).
 */
export async function deliveredTo(input: {
  server: { mailer: { deliverDue(): Promise<unknown> } };
  database: Database;
  smtp: { received: readonly { to: string[]; text: string }[] };
  address: string;
}): Promise<string[]> {
  await input.server.mailer.deliverDue();
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const waiting = await input.database.pool.query(`SELECT 1 FROM mail_outbox WHERE status IN ('queued', 'failed')`);
    if (waiting.rows.length === 0) break;
    await input.server.mailer.deliverDue();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return input.smtp.received.filter((message) => message.to.includes(input.address)).map((message) => message.text);
}
