import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import {
  ageAuthAttempts,
  createTestUser,
  currentCode,
  TestClient,
  testSecretBox,
  TEST_PASSWORD,
} from '../../../testing/test-users.ts';
import { decodeBase32, hotp, totpStep } from './second-factor.totp.ts';

const test = useTestApp();

async function storedUser(id: number) {
  const result = await test.database.pool.query<{
    totp_secret: string | null;
    totp_enabled_at: Date | null;
  }>('SELECT totp_secret, totp_enabled_at FROM users WHERE id = $1', [id]);
  return result.rows[0]!;
}

async function mailsTo(email: string): Promise<string[]> {
  const result = await test.database.pool.query<{ kind: string }>(
    'SELECT kind FROM mail_outbox WHERE to_address = $1 ORDER BY id',
    [email],
  );
  return result.rows.map((row) => row.kind);
}

async function auditActions(userId: number): Promise<string[]> {
  const result = await test.database.pool.query<{ action: string }>(
    `SELECT action FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`,
    [String(userId)],
  );
  return result.rows.map((row) => row.action);
}

async function sessionCount(userId: number): Promise<number> {
  const result = await test.database.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1',
    [userId],
  );
  return result.rows[0]!.n;
}

/** Signs in with the password only: the session then waits for the second factor. */
async function passwordOnly(person: { email: string }, client = new TestClient(test.server.app)) {
  const response = await client.submit({
    page: '/en/sign-in',
    fields: { email: person.email, password: TEST_PASSWORD },
  });
  expect(response.statusCode).toBe(303);
  return client;
}

/** A wrong code that is surely not one of the three the platform accepts now. */
function wrongCode(secret: string): string {
  const key = decodeBase32(secret);
  const now = totpStep(new Date());
  const accepted = new Set([-1, 0, 1, 2].map((offset) => hotp({ secret: key, counter: now + offset })));
  for (let candidate = 0; ; candidate += 1) {
    const code = String(candidate).padStart(6, '0');
    if (!accepted.has(code)) return code;
  }
}

describe('setting up the second factor', () => {
  it('cannot replace the secret of an account that has one: a wrong code with the password alone changes nothing', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'secretariat' }], totp: true });
    const before = await storedUser(person.id);
    const client = await passwordOnly(person);

    // The attack of the probe: post a wrong code to the set-up form.
    const attack = await client.submit({
      page: '/en/sign-in/code',
      action: '/en/account/second-factor',
      fields: { code: 'abc' },
    });
    expect(attack.statusCode).toBe(303);
    expect(attack.headers.location).toBe('/en/sign-in/code');
    expect(attack.body).not.toMatch(/class="secret"/);
    const wrong = await client.submit({
      page: '/en/sign-in/code',
      action: '/en/account/second-factor',
      fields: { code: '123456' },
    });
    expect(wrong.headers.location).toBe('/en/sign-in/code');
    expect((await client.get('/en/account/second-factor')).headers.location).toBe('/en/sign-in/code');

    const after = await storedUser(person.id);
    expect(after.totp_secret).toBe(before.totp_secret);
    expect(after.totp_enabled_at?.toISOString()).toBe(before.totp_enabled_at?.toISOString());
    // Still only the owner's app opens the back office.
    expect((await client.get('/admin')).headers.location).toBe('/en/sign-in/code');
    const code = await client.submit({ page: '/en/sign-in/code', fields: { code: currentCode(person.totpSecret!) } });
    expect(code.headers.location).toBe('/admin');
    expect((await client.get('/admin')).statusCode).toBe(200);
  });

  it('keeps the same secret through wrong codes, stores it encrypted, and on the first right code makes recovery codes, ends other sessions and tells the owner', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'secretariat' }] });
    const other = await passwordOnly(person);
    const client = await passwordOnly(person);
    expect(await sessionCount(person.id)).toBe(2);

    const setup = await client.get('/en/account/second-factor');
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.body)![1]!.replace(/ /g, '');
    const stored = (await storedUser(person.id)).totp_secret!;
    expect(stored.startsWith('v1.')).toBe(true);
    expect(stored).not.toContain(secret);
    expect(testSecretBox.open(stored)).toBe(secret);

    for (const code of ['abc', wrongCode(secret)]) {
      const again = await client.submit({ page: '/en/account/second-factor', fields: { code } });
      expect(again.statusCode).toBeGreaterThanOrEqual(400);
      expect(again.body).toContain(secret.replace(/(.{4})/g, '$1 ').trim());
    }
    expect((await storedUser(person.id)).totp_secret).toBe(stored);

    const cookieBefore = client.cookies.get('a87_session');
    const right = await client.submit({ page: '/en/account/second-factor', fields: { code: currentCode(secret) } });
    expect(right.statusCode).toBe(200);
    const codes = [...right.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((match) => match[1]);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // A new session id once the second factor is given; the other session ended.
    expect(client.cookies.get('a87_session')).not.toBe(cookieBefore);
    expect(await sessionCount(person.id)).toBe(1);
    expect((await other.get('/admin')).headers.location).toMatch(/\/sign-in\?next=/);
    expect((await client.get('/admin')).statusCode).toBe(200);
    // Stored hashed only.
    const rows = await test.database.pool.query<{ code_hash: string }>(
      'SELECT code_hash FROM recovery_codes WHERE user_id = $1',
      [person.id],
    );
    expect(rows.rows).toHaveLength(10);
    for (const row of rows.rows) for (const code of codes) expect(row.code_hash).not.toContain(code!.replace(/-/g, ''));
    expect(await mailsTo(person.email)).toContain('accounts.second_factor_enabled');
    expect(await auditActions(person.id)).toContain('accounts.second_factor_enabled');
  });
});

describe('guessing codes', () => {
  it('ends the pending session after five wrong codes, tells the owner, and the right code no longer opens it', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'data_editor' }], totp: true });
    const client = await passwordOnly(person);
    const wrong = wrongCode(person.totpSecret!);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const response = await client.submit({ page: '/en/sign-in/code', fields: { code: wrong } });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 303]);
    expect(await sessionCount(person.id)).toBe(0);
    const right = await client.submit({
      page: '/en/sign-in',
      action: '/en/sign-in/code',
      fields: { code: currentCode(person.totpSecret!) },
    });
    expect(right.statusCode).toBe(401);
    expect((await client.get('/admin')).headers.location).toMatch(/\/sign-in\?next=/);
    expect(await mailsTo(person.email)).toContain('accounts.code_failures');
    const failures = (await auditActions(person.id)).filter((action) => action === 'accounts.second_factor_failed');
    expect(failures).toHaveLength(5);
  });

  it('counts wrong codes per account across sessions and addresses, refusing even the right code until the wait is over', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'data_editor' }], totp: true });
    const wrong = wrongCode(person.totpSecret!);
    // Five sessions from five addresses, one wrong code each.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const client = await passwordOnly(person);
      const response = await client.submit({ page: '/en/sign-in/code', fields: { code: wrong } });
      expect(response.statusCode).toBe(401);
    }
    const sixth = await passwordOnly(person);
    const locked = await sixth.submit({ page: '/en/sign-in/code', fields: { code: currentCode(person.totpSecret!) } });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Too many wrong codes for this account');
    expect((await sixth.get('/admin')).headers.location).toBe('/en/sign-in/code');
    // Sixteen minutes later the window is over.
    await ageAuthAttempts(test.database, 16);
    const later = await sixth.submit({ page: '/en/sign-in/code', fields: { code: currentCode(person.totpSecret!) } });
    expect(later.headers.location).toBe('/admin');
  });

  it('lets at most five of twenty simultaneous guesses be checked', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'data_editor' }], totp: true });
    const wrong = wrongCode(person.totpSecret!);
    const clients: TestClient[] = [];
    for (let index = 0; index < 20; index += 1) clients.push(await passwordOnly(person));
    const tokens = await Promise.all(
      clients.map(
        async (client) => /name="_csrf" value="([^"]+)"/.exec((await client.get('/en/sign-in/code')).body)![1]!,
      ),
    );
    const responses = await Promise.all(
      clients.map((client, index) =>
        client.submit({ page: '/en/sign-in/code', csrf: tokens[index], fields: { code: wrong } }),
      ),
    );
    const checked = responses.filter((response) => response.statusCode === 401).length;
    const refused = responses.filter((response) => response.statusCode === 429).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + refused).toBe(20);
  });

  it('limits each client address on the code route', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'data_editor' }], totp: true });
    const statuses: number[] = [];
    const client = new TestClient(test.server.app);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      // A new session each time (the session limit would stop one session first).
      await passwordOnly(person, client);
      await ageAuthAttempts(test.database, 16);
      const response = await client.submit({ page: '/en/sign-in/code', fields: { code: 'abc' } });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('recovery codes', () => {
  async function personWithRecoveryCodes() {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'secretariat' }] });
    const client = await passwordOnly(person);
    const setup = await client.get('/en/account/second-factor');
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.body)![1]!.replace(/ /g, '');
    const right = await client.submit({ page: '/en/account/second-factor', fields: { code: currentCode(secret) } });
    const codes = [...right.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((match) => match[1]!);
    return { person, secret, codes };
  }

  it('each opens the account once instead of a code, and the owner is told', async () => {
    const { person, codes } = await personWithRecoveryCodes();
    const client = await passwordOnly(person);
    const page = await client.get('/en/sign-in/code');
    expect(page.body).toContain('action="/en/sign-in/recovery"');
    // Typed loosely: upper case, spaces instead of dashes.
    const typed = codes[3]!.toUpperCase().replace(/-/g, ' ');
    const used = await client.submit({
      page: '/en/sign-in/code',
      action: '/en/sign-in/recovery',
      fields: { recovery_code: typed },
    });
    expect(used.headers.location).toBe('/en/account?recovery_left=9');
    const account = await client.get('/en/account?recovery_left=9');
    expect(account.body).toContain('You signed in with a recovery code. 9 are left.');
    expect(await mailsTo(person.email)).toContain('accounts.recovery_code_used');

    const again = await passwordOnly(person);
    const reused = await again.submit({
      page: '/en/sign-in/code',
      action: '/en/sign-in/recovery',
      fields: { recovery_code: codes[3]! },
    });
    expect(reused.statusCode).toBe(401);
    expect(reused.body).toContain('This recovery code is not right or has already been used.');
    expect((await again.get('/admin')).headers.location).toBe('/en/sign-in/code');
  });

  it('are made anew from the account page with the password, and the old ones stop working', async () => {
    const { person, codes } = await personWithRecoveryCodes();
    const client = await passwordOnly(person);
    await client.submit({
      page: '/en/sign-in/code',
      action: '/en/sign-in/recovery',
      fields: { recovery_code: codes[0]! },
    });
    const refused = await client.submit({
      page: '/en/account',
      action: '/en/account/recovery-codes',
      fields: { current_password: 'not it at all' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The current password is not right.');
    const renewed = await client.submit({
      page: '/en/account',
      action: '/en/account/recovery-codes',
      fields: { current_password: TEST_PASSWORD },
    });
    expect(renewed.statusCode).toBe(200);
    const fresh = [...renewed.body.matchAll(/<li><code>([0-9a-z-]{19})<\/code><\/li>/g)].map((match) => match[1]!);
    expect(fresh).toHaveLength(10);
    expect(await mailsTo(person.email)).toContain('accounts.recovery_codes_renewed');

    const next = await passwordOnly(person);
    expect(
      (
        await next.submit({
          page: '/en/sign-in/code',
          action: '/en/sign-in/recovery',
          fields: { recovery_code: codes[1]! },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await next.submit({
          page: '/en/sign-in/code',
          action: '/en/sign-in/recovery',
          fields: { recovery_code: fresh[0]! },
        })
      ).headers.location,
    ).toBe('/en/account?recovery_left=9');
  });
});

describe('the Secretariat’s reset of a second factor', () => {
  it('needs a reason, the confirmation and the member’s own code; then the person sets up a new one at next sign-in', async () => {
    const member = await createTestUser({
      database: test.database,
      roles: [{ role: 'secretariat' }],
      totp: true,
      name: 'Ana García',
    });
    const lost = await createTestUser({ database: test.database, roles: [{ role: 'secretariat' }], totp: true });
    const lostSession = await passwordOnly(lost);
    await lostSession.submit({ page: '/en/sign-in/code', fields: { code: currentCode(lost.totpSecret!) } });

    const client = new TestClient(test.server.app);
    await client.signIn({ email: member.email, totpSecret: member.totpSecret });
    const page = await client.get(`/admin/users/${lost.id}`);
    expect(page.body).toContain(`action="/admin/users/${lost.id}/second-factor/reset"`);

    const missing = await client.submit({
      page: `/admin/users/${lost.id}`,
      action: `/admin/users/${lost.id}/second-factor/reset`,
      fields: { reason: 'Phone lost; identity checked by video call', code: '000000' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Tick the box to confirm the reset.');
    expect(missing.body).toContain('Phone lost; identity checked by video call');

    const wrong = await client.submit({
      page: `/admin/users/${lost.id}`,
      action: `/admin/users/${lost.id}/second-factor/reset`,
      fields: {
        reason: 'Phone lost; identity checked by video call',
        code: wrongCode(member.totpSecret!),
        confirm_reset: 'yes',
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('This code is not right.');
    expect((await storedUser(lost.id)).totp_enabled_at).not.toBeNull();

    const done = await client.submit({
      page: `/admin/users/${lost.id}`,
      action: `/admin/users/${lost.id}/second-factor/reset`,
      fields: {
        reason: 'Phone lost; identity checked by video call',
        code: currentCode(member.totpSecret!),
        confirm_reset: 'yes',
      },
    });
    expect(done.headers.location).toBe(`/admin/users/${lost.id}?done=second_factor_reset`);
    const after = await storedUser(lost.id);
    expect(after.totp_secret).toBeNull();
    expect(after.totp_enabled_at).toBeNull();
    expect(await sessionCount(lost.id)).toBe(0);
    expect(await mailsTo(lost.email)).toContain('accounts.second_factor_reset');
    const audit = await test.database.pool.query<{ actor_id: number; after: { reason: string } }>(
      `SELECT actor_id, after FROM audit_log WHERE action = 'accounts.second_factor_reset' AND entity_id = $1`,
      [String(lost.id)],
    );
    expect(audit.rows).toEqual([
      { actor_id: member.id, after: { secondFactorSince: null, reason: 'Phone lost; identity checked by video call' } },
    ]);

    const next = await passwordOnly(lost);
    expect((await next.get('/admin')).headers.location).toBe('/en/account/second-factor');
  });

  it('is not offered for one’s own account and refuses it', async () => {
    const member = await createTestUser({ database: test.database, roles: [{ role: 'secretariat' }], totp: true });
    const client = new TestClient(test.server.app);
    await client.signIn({ email: member.email, totpSecret: member.totpSecret });
    const page = await client.get(`/admin/users/${member.id}`);
    expect(page.body).not.toContain('/second-factor/reset');
    const refused = await client.submit({
      page: `/admin/users/${member.id}`,
      action: `/admin/users/${member.id}/second-factor/reset`,
      fields: { reason: 'Trying on myself', code: currentCode(member.totpSecret!), confirm_reset: 'yes' },
    });
    expect(refused.statusCode).toBe(400);
    expect((await storedUser(member.id)).totp_enabled_at).not.toBeNull();
  });
});
