import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../testing/test-users.ts';

const test = useTestApp({
  prepare: async (database) => {
    secretariat = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true });
    // The server as it runs without SMTP_URL: nothing in the test calls the mailer by hand.
  },
});
let secretariat: { email: string; totpSecret: string | null };

async function statusOfLastMailTo(email: string): Promise<string | null> {
  const result = await test.database.pool.query<{ status: string }>(
    `SELECT status FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1`,
    [email],
  );
  return result.rows[0]?.status ?? null;
}

/** Waits for the server's mailer, which works on its own schedule, to reach the expected state. */
async function waitForStatus(email: string, expected: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let status = await statusOfLastMailTo(email);
  while (status !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    status = await statusOfLastMailTo(email);
  }
  expect(status).toBe(expected);
}

describe('the outbox of a platform without an SMTP server', () => {
  it('keeps a password reset e-mail asked for through the site, and shows it to the Secretariat as kept', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'gcg_member' }], locale: 'es' });
    const visitor = new TestClient(test.server.app);
    const asked = await visitor.submit({ page: '/es/password/forgot', fields: { email: person.email } });
    expect(asked.statusCode).toBe(200);

    await waitForStatus(person.email, 'kept');

    const admin = new TestClient(test.server.app);
    await admin.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret });
    const kept = await admin.get('/admin/outbox?status=kept');
    expect(kept.statusCode).toBe(200);
    const row = kept.body.split('<tr>').find((part) => part.includes(person.email));
    expect(row).toBeDefined();
    expect(row).toContain('Restablecimiento de su contraseña de la Alianza 8.7');
    expect(row).toContain('/es/account/set-password?token=');
    expect(row).toContain('Kept (no SMTP server)');

    const toSend = await admin.get('/admin/outbox?status=queued');
    expect(toSend.body).not.toContain(person.email);
  });

  it('hides the secret of one-time links in messages on their way, so no one in the back office can use them', async () => {
    const secret = 'Un3xpiredResetT0ken_abcdefghijklmnop';
    await test.database.pool.query(
      `INSERT INTO mail_outbox (to_address, locale, kind, subject, body_text, status, attempts, last_error)
       VALUES ('someone@example.org', 'en', 'accounts.password_reset', 'Reset', $1, 'failed', 1, 'connection refused')`,
      [`Choose a new password: https://platform.test/en/account/set-password?token=${secret}`],
    );
    const admin = new TestClient(test.server.app);
    await admin.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret });
    const outbox = await admin.get('/admin/outbox');
    expect(outbox.statusCode).toBe(200);
    expect(outbox.body).toContain('/en/account/set-password?token=[redacted]');
    expect(outbox.body).not.toContain(secret);
  });
});
