import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Server } from '../../../server.ts';
import { startSmtpPeer } from '../../../testing/smtp-peer.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import {
  ageAuthAttempts,
  createTestUser,
  currentCode,
  TestClient,
  TEST_PASSWORD,
} from '../../../testing/test-users.ts';

let database: TestDatabase;
let server: Server;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
let secretariat: { id: number; email: string; totpSecret: string | null };

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpPeer();
  server = await createTestApp({ database, config: { SMTP_URL: smtp.url } });
  secretariat = await createTestUser({
    database,
    roles: [{ role: 'secretariat' }],
    locale: 'fr',
    totp: true,
    name: 'Sec Retariat',
  });
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await database?.close();
});

describe('an invitation, from the Secretariat to a first sign-in', () => {
  it('works end to end, with the mail delivered through SMTP in the invited person’s language', async () => {
    const admin = new TestClient(server.app);
    await admin.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret, locale: 'fr' });
    const home = await admin.get('/admin');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Comptes');

    const invited = await admin.submit({
      page: '/admin/users/invite',
      fields: {
        email: 'ana.garcia@example.org',
        name: 'Ana García',
        locale: 'es',
        role: 'focal_point',
        country: 'PER',
        organization: '',
        action_group: '',
      },
    });
    expect(invited.statusCode).toBe(303);
    expect(invited.headers.location).toMatch(/^\/admin\/users\/\d+\?done=invited$/);

    // Delivered by the run the invitation started, or by this one.
    await server.mailer.deliverDue();
    const mail = await vi.waitFor(() => {
      const found = smtp.received.find((message) => message.to.includes('ana.garcia@example.org'));
      if (!found) throw new Error('not delivered yet');
      return found;
    });
    const text = mail.text;
    expect(text).toContain('Hola, Ana García');
    expect(text).toContain('Punto focal de un país pionero');
    const link = /http:\/\/platform\.test(\/es\/account\/set-password\?token=[\w-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();

    const ana = new TestClient(server.app);
    const form = await ana.get(link!);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Elija su contraseña');
    const set = await ana.submit({
      page: link!,
      fields: {
        token: new URL(link!, 'http://x').searchParams.get('token')!,
        password: 'una contraseña bastante larga',
        password_confirm: 'una contraseña bastante larga',
      },
    });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/admin');
    // The link works once.
    expect((await new TestClient(server.app).get(link!)).statusCode).toBe(410);

    const anaHome = await ana.get('/admin');
    expect(anaHome.statusCode).toBe(200);
    expect(anaHome.body).toContain('<html lang="es"');
    // A focal point does not see the Secretariat's menu entries, and cannot open them.
    expect(anaHome.body).not.toContain('href="/admin/users"');
    expect(anaHome.body).not.toContain('href="/admin/audit"');
    expect((await ana.get('/admin/users')).statusCode).toBe(403);

    const signedOut = await ana.submit({ page: '/es/account', action: '/es/sign-out', fields: {} });
    expect(signedOut.statusCode).toBe(303);
    expect((await ana.get('/admin')).statusCode).toBe(303);

    const again = await new TestClient(server.app).signIn({
      email: 'ana.garcia@example.org',
      password: 'una contraseña bastante larga',
      locale: 'es',
    });
    expect(again.headers.location).toBe('/admin');

    const audit = await database.pool.query<{ action: string }>(`SELECT action FROM audit_log ORDER BY id`);
    const actions = audit.rows.map((row) => row.action);
    for (const action of [
      'accounts.signed_in',
      'accounts.user_invited',
      'accounts.role_granted',
      'accounts.password_set',
      'accounts.signed_out',
    ]) {
      expect(actions).toContain(action);
    }
  });
});

describe('the second factor', () => {
  it('is required for the Secretariat: a new Secretariat account sets it up before going further', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'secretariat' }] });
    const client = new TestClient(server.app);
    const response = await client.submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD },
    });
    expect(response.headers.location).toBe('/en/account/second-factor');
    expect((await client.get('/admin')).headers.location).toBe('/en/account/second-factor');
    const setup = await client.get('/en/account/second-factor');
    expect(setup.body).toContain('<svg');
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.body)?.[1]?.replace(/ /g, '');
    expect(secret).toBeDefined();
    const wrong = await client.submit({ page: '/en/account/second-factor', fields: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    const right = await client.submit({ page: '/en/account/second-factor', fields: { code: currentCode(secret!) } });
    // The recovery codes are shown once, on the answer itself.
    expect(right.statusCode).toBe(200);
    expect(right.body.match(/<li><code>[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}<\/code><\/li>/g)).toHaveLength(
      10,
    );
    expect((await client.get('/admin')).statusCode).toBe(200);
  });

  it('continues in the account’s language once the password is accepted, whatever page it was typed on', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'data_editor' }], totp: true, locale: 'es' });
    const client = new TestClient(server.app);
    const password = await client.submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD },
    });
    expect(password.headers.location).toBe('/es/sign-in/code');
    const code = await client.submit({ page: '/es/sign-in/code', fields: { code: currentCode(person.totpSecret!) } });
    expect(code.headers.location).toBe('/admin');
    expect((await client.get('/admin')).body).toContain('<html lang="es"');
  });

  it('refuses a code that was already used', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'data_editor' }], totp: true });
    const code = currentCode(person.totpSecret!);
    const first = new TestClient(server.app);
    await first.submit({ page: '/en/sign-in', fields: { email: person.email, password: TEST_PASSWORD } });
    expect((await first.submit({ page: '/en/sign-in/code', fields: { code } })).statusCode).toBe(303);
    const second = new TestClient(server.app);
    await second.submit({ page: '/en/sign-in', fields: { email: person.email, password: TEST_PASSWORD } });
    const replay = await second.submit({ page: '/en/sign-in/code', fields: { code } });
    expect(replay.statusCode).toBe(401);
  });
});

describe('protection of the sign-in', () => {
  it('slows down and logs 20 wrong passwords in a row; the right one still works later', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'gcg_member' }] });
    const client = new TestClient(server.app);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const response = await client.submit({
        page: '/en/sign-in',
        fields: { email: person.email, password: `wrong ${attempt}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);
    const locked = await client.submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Too many attempts');
    const logged = await database.pool.query<{ count: string }>(
      `SELECT count(*) FROM audit_log WHERE action IN ('accounts.sign_in_failed', 'accounts.sign_in_refused_backoff') AND entity_id IN ($1, $2)`,
      [String(person.id), person.email],
    );
    expect(Number(logged.rows[0]!.count)).toBeGreaterThanOrEqual(21);

    await ageAuthAttempts(database, 16);
    const later = await client.submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD },
    });
    expect(later.statusCode).toBe(303);
  });

  it('counts wrong passwords per account, whatever the client address, even all at once', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'gcg_member' }] });
    // Twelve guesses at the same moment, each from its own address.
    const guesses = await Promise.all(
      Array.from({ length: 12 }, async (_, index) => {
        const client = new TestClient(server.app);
        return client.submit({ page: '/en/sign-in', fields: { email: person.email, password: `guess ${index}` } });
      }),
    );
    const checked = guesses.filter((response) => response.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(guesses.filter((response) => response.statusCode === 429)).toHaveLength(12 - checked);
    // The right password from yet another address waits too.
    const right = await new TestClient(server.app).submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
  });

  it('sends at most three reset links an hour for one address, whatever the client address', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'gcg_member' }] });
    for (let request = 0; request < 5; request += 1) {
      const response = await new TestClient(server.app).submit({
        page: '/en/password/forgot',
        fields: { email: person.email },
      });
      expect(response.statusCode).toBe(200);
    }
    const mails = await database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1 AND kind = 'accounts.password_reset'`,
      [person.email],
    );
    expect(mails.rows[0]!.n).toBe(3);
  });

  it('answers the same whether an address has an account or not', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'gcg_member' }] });
    const client = new TestClient(server.app);
    const known = await client.submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: 'not the password' },
    });
    const unknown = await client.submit({
      page: '/en/sign-in',
      fields: { email: 'nobody@example.org', password: 'not the password' },
    });
    expect(known.statusCode).toBe(unknown.statusCode);
    const strip = (body: string) =>
      body.replace(/value="[^"]*@example\.org"/, '').replace(/name="_csrf" value="[^"]+"/, '');
    expect(strip(known.body)).toBe(strip(unknown.body));

    const resetKnown = await client.submit({ page: '/en/password/forgot', fields: { email: person.email } });
    const resetUnknown = await client.submit({ page: '/en/password/forgot', fields: { email: 'nobody@example.org' } });
    expect(resetKnown.statusCode).toBe(200);
    expect(strip(resetKnown.body)).toBe(strip(resetUnknown.body));
  });

  it('goes after sign-in only to a clean path of this site: control characters and other hosts are ignored', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'gcg_member' }] });
    const page = await new TestClient(server.app).get('/en/sign-in?next=/%01');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="next"');
    for (const next of [
      '/\u0001',
      '/admin\r\nSet-Cookie: x=y',
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      '/ok path',
    ]) {
      const client = new TestClient(server.app);
      const response = await client.submit({
        page: '/en/sign-in',
        fields: { email: person.email, password: TEST_PASSWORD, next },
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin');
    }
    const kept = await new TestClient(server.app).submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD, next: '/admin/users?q=a%20b' },
    });
    expect(kept.headers.location).toBe('/admin/users?q=a%20b');
  });

  it('refuses a form without its token', async () => {
    const client = new TestClient(server.app);
    const response = await client.submit({
      page: '/en/sign-in',
      fields: { email: 'x@example.org', password: 'y' },
      csrf: 'forged',
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('The form has expired');
  });

  it('sets the session cookie HttpOnly and SameSite, and renews it at sign-in', async () => {
    const person = await createTestUser({ database, roles: [{ role: 'gcg_member' }] });
    const client = new TestClient(server.app);
    const first = await client.signIn({ email: person.email });
    const cookie = first.cookies.find((entry) => entry.name === 'a87_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const before = client.cookies.get('a87_session');
    const again = await client.submit({
      page: '/en/account',
      action: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(303);
    expect(client.cookies.get('a87_session')).not.toBe(before);
    const sessions = await database.pool.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [person.id]);
    expect(sessions.rowCount).toBe(1);
  });
});

describe('bad input on the forms', () => {
  it('re-renders the invitation form with the messages by the fields and the input kept, and writes nothing', async () => {
    const admin = new TestClient(server.app);
    await admin.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret, locale: 'fr' });
    const before = await database.pool.query<{ users: string; audit: string }>(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM audit_log) AS audit`,
    );
    const cases: Record<string, string | string[]>[] = [
      { email: '', name: '', locale: 'fr', role: '' },
      { email: 'not-an-email', name: 'x'.repeat(500), locale: 'fr', role: 'secretariat' },
      { email: ['a@example.org', 'b@example.org'], name: 'Two', locale: 'fr', role: 'secretariat' },
      { email: 'script@example.org', name: '<script>alert(1)</script>', locale: 'fr', role: 'secretariat' },
      { email: 'fp@example.org', name: 'Focal', locale: 'fr', role: 'focal_point', country: 'XYZ' },
      { email: 'rep@example.org', name: 'Rep', locale: 'fr', role: 'partner_rep', organization: 'no-such-org' },
    ];
    const expectations = [
      ['Ce champ est obligatoire.'],
      ['Saisissez une adresse électronique', 'Saisissez au plus 120 caractères.', 'value="not-an-email"'],
      ['Cette valeur n’est pas valide.'],
      ['Retirez les caractères &lt; et &gt;.', 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'],
      ['Choisissez un pays dans la liste.'],
      ['Aucune organisation n’a cet identifiant.', 'value="no-such-org"'],
    ];
    for (const [index, fields] of cases.entries()) {
      const response = await admin.submit({ page: '/admin/users/invite', fields });
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      expect(response.body).toContain('class="error-summary"');
      for (const text of expectations[index]!) expect(response.body).toContain(text);
      expect(response.body).not.toContain('<script>alert(1)</script>');
    }
    const after = await database.pool.query<{ users: string; audit: string }>(
      `SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM audit_log) AS audit`,
    );
    expect(after.rows[0]!.users).toBe(before.rows[0]!.users);
    expect(after.rows[0]!.audit).toBe(before.rows[0]!.audit);
  });

  it('re-renders the sign-in and password forms in the visitor’s language with the input kept', async () => {
    const client = new TestClient(server.app);
    const signIn = await client.submit({ page: '/es/sign-in', fields: { email: 'x'.repeat(300), password: '' } });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.body).toContain('Escriba como máximo 254 caracteres.');
    expect(signIn.body).toContain('Este campo es obligatorio.');
    expect(signIn.body).toContain(`value="${'x'.repeat(300)}"`);
  });
});

describe('the first start', () => {
  it('creates a Secretariat account and gives its one-time link once; later starts give no link until it is used', async () => {
    const fresh = await createTestDatabase();
    try {
      const { ensureFirstSecretariat } = await import('../people/people.usecases.ts');
      const input = {
        db: fresh.db,
        email: 'secretariat@example.org',
        locale: 'fr' as const,
        publicUrl: 'http://platform.test',
      };
      const first = await ensureFirstSecretariat(input);
      if (first?.status !== 'created') throw new Error('the first start must create the account');
      expect(first.link).toMatch(/^http:\/\/platform\.test\/fr\/account\/set-password\?token=/);
      // A second start prints no live link: only where to get a new one.
      expect(await ensureFirstSecretariat(input)).toEqual({ status: 'waiting', email: 'secretariat@example.org' });
      const app = await createTestApp({ database: fresh });
      try {
        const client = new TestClient(app.app);
        const path = first.link.replace('http://platform.test', '');
        const token = new URL(first.link).searchParams.get('token')!;
        const set = await client.submit({
          page: path,
          fields: {
            token,
            name: 'Première personne',
            password: 'une phrase de passe assez longue',
            password_confirm: 'une phrase de passe assez longue',
          },
        });
        expect(set.headers.location).toBe('/fr/account/second-factor');
      } finally {
        await app.close();
      }
      // The account is active now: nothing more to say.
      expect(await ensureFirstSecretariat(input)).toBeNull();
    } finally {
      await fresh.close();
    }
  });
});
