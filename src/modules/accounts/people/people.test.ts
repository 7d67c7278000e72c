import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient, TEST_PASSWORD } from '../../../testing/test-users.ts';

const test = useTestApp();
let admin: TestClient;
let secretariat: { id: number; email: string; totpSecret: string | null };

beforeAll(async () => {
  secretariat = await createTestUser({
    database: test.database,
    roles: [{ role: 'secretariat' }],
    totp: true,
    locale: 'en',
  });
  admin = new TestClient(test.server.app);
  await admin.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret });
});

async function counts() {
  const result = await test.database.pool.query<{ grants: string; audit: string; users: string }>(
    `SELECT (SELECT count(*) FROM role_assignments) AS grants, (SELECT count(*) FROM audit_log) AS audit,
            (SELECT count(*) FROM users) AS users`,
  );
  return result.rows[0]!;
}

describe('managing accounts', () => {
  it('lists accounts with search, filters and pagination', async () => {
    for (let index = 0; index < 27; index += 1) {
      await test.database.pool.query(`INSERT INTO users (email, name, status) VALUES ($1, $2, 'invited')`, [
        `listed${String(index).padStart(2, '0')}@example.org`,
        `Listed ${index}`,
      ]);
    }
    const first = await admin.get('/admin/users');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('rel="next"');
    const search = await admin.get('/admin/users?q=listed0');
    expect(search.body).toContain('listed00@example.org');
    expect(search.body).not.toContain('listed10@example.org');
    const bySecretariat = await admin.get('/admin/users?role=secretariat');
    expect(bySecretariat.body).toContain(secretariat.email);
    expect(bySecretariat.body).not.toContain('listed00@example.org');
    const nothing = await admin.get('/admin/users?q=nobody-at-all');
    expect(nothing.body).toContain('No account matches.');
  });

  it('adds and removes roles with their bindings, keeping the history and the audit trail', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'gcg_member' }] });
    const missing = await admin.submit({
      page: `/admin/users/${person.id}`,
      action: `/admin/users/${person.id}/roles`,
      fields: { role: 'focal_point', country: '' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('This role needs this field.');
    expect(missing.body).toMatch(/<option value="focal_point" selected>/);

    const added = await admin.submit({
      page: `/admin/users/${person.id}`,
      action: `/admin/users/${person.id}/roles`,
      fields: { role: 'focal_point', country: 'npl' },
    });
    expect(added.statusCode).toBe(303);
    const page = await admin.get(`/admin/users/${person.id}`);
    expect(page.body).toContain('Pathfinder country focal point · Nepal');
    const grantId = /\/roles\/(\d+)\/revoke"/.exec(page.body)?.[1];
    expect(grantId).toBeDefined();
    const removed = await admin.submit({
      page: `/admin/users/${person.id}`,
      action: `/admin/users/${person.id}/roles/${grantId}/revoke`,
      fields: {},
    });
    expect(removed.statusCode).toBe(303);
    const after = await admin.get(`/admin/users/${person.id}`);
    expect(after.body).toContain('Past roles');
    const audit = await test.database.pool.query<{ action: string; actor_label: string }>(
      `SELECT action, actor_label FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id`,
      [String(person.id)],
    );
    expect(audit.rows.map((row) => row.action)).toEqual(['accounts.role_granted', 'accounts.role_revoked']);
    expect(audit.rows[0]!.actor_label).toBe(secretariat.email);

    // Right after, the removal can be undone: the same role and binding come back, audited.
    const notice = await admin.get(removed.headers.location as string);
    expect(notice.body).toContain(`action="/admin/users/${person.id}/roles/${grantId}/restore"`);
    const undone = await admin.submit({
      page: removed.headers.location as string,
      action: `/admin/users/${person.id}/roles/${grantId}/restore`,
      fields: {},
    });
    expect(undone.statusCode).toBe(303);
    const back = await admin.get(undone.headers.location as string);
    expect(back.body).toContain('The role is given back.');
    expect(back.body).toMatch(/<li>Pathfinder country focal point · Nepal\s*<form/);
    // A grant that was not removed, or another person's, is not "given back".
    const other = await createTestUser({ database: test.database, roles: [{ role: 'gcg_member' }] });
    const otherGrant = await test.database.pool.query<{ id: number }>(
      `SELECT id FROM role_assignments WHERE user_id = $1`,
      [other.id],
    );
    const wrong = await admin.submit({
      page: `/admin/users/${person.id}`,
      action: `/admin/users/${person.id}/roles/${otherGrant.rows[0]!.id}/restore`,
      fields: {},
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('deactivates an account only when confirmed, ends its sessions, and can reactivate it', async () => {
    const person = await createTestUser({
      database: test.database,
      roles: [{ role: 'ag_member', actionGroup: 'migration' }],
    });
    const member = new TestClient(test.server.app);
    await member.signIn({ email: person.email });
    const unconfirmed = await admin.submit({
      page: `/admin/users/${person.id}`,
      action: `/admin/users/${person.id}/status`,
      fields: { status: 'deactivated' },
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Tick the confirmation box');
    const confirmed = await admin.submit({
      page: `/admin/users/${person.id}`,
      action: `/admin/users/${person.id}/status`,
      fields: { status: 'deactivated', confirm: 'yes' },
    });
    expect(confirmed.statusCode).toBe(303);
    expect((await member.get('/admin')).statusCode).toBe(303);
    const refused = await new TestClient(test.server.app).submit({
      page: '/en/sign-in',
      fields: { email: person.email, password: TEST_PASSWORD },
    });
    expect(refused.statusCode).toBe(401);
    const reactivated = await admin.submit({
      page: `/admin/users/${person.id}`,
      action: `/admin/users/${person.id}/status`,
      fields: { status: 'active' },
    });
    expect(reactivated.statusCode).toBe(303);
    expect((await new TestClient(test.server.app).signIn({ email: person.email })).statusCode).toBe(303);
  });

  it('never leaves the platform without an active Secretariat account', async () => {
    const before = await counts();
    const response = await admin.submit({
      page: `/admin/users/${secretariat.id}`,
      action: `/admin/users/${secretariat.id}/status`,
      fields: { status: 'deactivated', confirm: 'yes' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('at least one active Secretariat account');
    expect(await counts()).toEqual(before);
  });

  it('filters the audit log by person, entity and date', async () => {
    // The day the Secretariat's role changes were recorded (read back, so that midnight changes nothing).
    const recorded = await test.database.pool.query<{ day: string }>(
      `SELECT to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM audit_log WHERE actor_id = $1`,
      [secretariat.id],
    );
    const day = recorded.rows[0]!.day;
    const mine = await admin.get(
      `/admin/audit?actor=${encodeURIComponent(secretariat.email)}&entity=user&from=${day}&to=${day}`,
    );
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(' granted the role Pathfinder country focal point (Nepal) to ');
    const dayAfter = new Date(Date.parse(day) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const later = await admin.get(`/admin/audit?actor=${encodeURIComponent(secretariat.email)}&from=${dayAfter}`);
    expect(later.body).toContain('No entry matches.');
    const nobody = await admin.get('/admin/audit?actor=nobody%40example.org');
    expect(nobody.body).toContain('No entry matches.');
    const past = await admin.get('/admin/audit?to=2000-01-01');
    expect(past.body).toContain('No entry matches.');
  });
});

describe('bad input on the other forms', () => {
  it('re-renders each form with its message, keeps the input, and writes nothing', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'gcg_member' }], locale: 'fr' });
    const client = new TestClient(test.server.app);
    await client.signIn({ email: person.email, locale: 'fr' });
    const before = await counts();

    const profile = await client.submit({ page: '/fr/account', fields: { name: '<b>Nom</b>', locale: 'de' } });
    expect(profile.statusCode).toBe(400);
    expect(profile.body).toContain('Retirez les caractères &lt; et &gt;.');
    expect(profile.body).toContain('Choisissez l’une des options.');
    expect(profile.body).toContain('value="&lt;b&gt;Nom&lt;/b&gt;"');

    const password = await client.submit({
      page: '/fr/account',
      action: '/fr/account/password',
      fields: { current_password: TEST_PASSWORD, password: 'short', password_confirm: 'other' },
    });
    expect(password.statusCode).toBe(400);
    expect(password.body).toContain('Saisissez au moins 12 caractères.');

    const wrongCurrent = await client.submit({
      page: '/fr/account',
      action: '/fr/account/password',
      fields: {
        current_password: 'not it',
        password: 'a brand new long password',
        password_confirm: 'a brand new long password',
      },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.body).toContain('Le mot de passe actuel n’est pas correct.');

    const forgot = await new TestClient(test.server.app).submit({
      page: '/es/password/forgot',
      fields: { email: 'x'.repeat(20) },
    });
    expect(forgot.statusCode).toBe(400);
    expect(forgot.body).toContain('Escriba una dirección de correo');
    expect(forgot.body).toContain(`value="${'x'.repeat(20)}"`);

    const after = await counts();
    expect(after).toEqual(before);
  });

  it('saves a valid profile and says so', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'gcg_member' }] });
    const client = new TestClient(test.server.app);
    await client.signIn({ email: person.email });
    const saved = await client.submit({ page: '/en/account', fields: { name: 'New Name', locale: 'es' } });
    expect(saved.headers.location).toBe('/es/account?saved=profile');
    const page = await client.get('/es/account?saved=profile');
    expect(page.body).toContain('Su perfil se ha guardado.');
    expect(page.body).toContain('value="New Name"');
  });
});
