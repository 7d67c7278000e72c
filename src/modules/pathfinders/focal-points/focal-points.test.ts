import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

const platform = useTestApp({
  prepare: async (database) => {
    await database.pool.query(`INSERT INTO pathfinder_countries (iso3, stage) VALUES ('GHA', 'mapping')`);
  },
});
let secretariat: TestClient;
const page = '/admin/pathfinders/GHA';
const action = `${page}/focal-points`;

beforeAll(async () => {
  const person = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: person.email, totpSecret: person.totpSecret });
});

async function grantsOf(email: string): Promise<{ country: string; ended: boolean }[]> {
  const result = await platform.database.pool.query<{ country: string; ended: boolean }>(
    `SELECT r.country, r.revoked_at IS NOT NULL AS ended FROM role_assignments r JOIN users u ON u.id = r.user_id
      WHERE lower(u.email) = lower($1) AND r.role = 'focal_point' ORDER BY r.id`,
    [email],
  );
  return result.rows;
}

const first = {
  name: 'Ama Mensah',
  title: 'Chief Director',
  ministry: 'Ministry of Employment and Labour Relations',
  email: 'ama.mensah@example.gov',
  phone: '+233 30 000 0000',
  locale: 'en',
  started_on: '2025-03-01',
};

describe('the focal point of a country', () => {
  it('is named by the Secretariat, invited by e-mail, and sees their country only', async () => {
    const refused = await secretariat.submit({
      page,
      action,
      fields: { ...first, email: 'not an address', ministry: '' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('This field is required.');
    expect(refused.body).toContain('value="Ama Mensah"');

    const named = await secretariat.submit({ page, action, fields: first });
    expect(named.statusCode).toBe(303);
    expect(named.headers.location).toBe('/admin/pathfinders/GHA?done=focalPoint#focal-point-heading');
    expect(await grantsOf(first.email)).toEqual([{ country: 'GHA', ended: false }]);
    const mail = await platform.database.pool.query<{ kind: string }>(
      `SELECT kind FROM mail_outbox WHERE to_address = $1`,
      [first.email],
    );
    expect(mail.rows.map((row) => row.kind)).toEqual(['accounts.invitation']);

    // The public sees the ministry, never the person's name or address.
    const publicPage = await platform.server.app.inject({ url: '/en/pathfinders/GHA' });
    expect(publicPage.body).toContain(
      'Ministry of the government’s focal point: Ministry of Employment and Labour Relations.',
    );
    expect(publicPage.body).not.toContain('Ama Mensah');
    expect(publicPage.body).not.toContain('ama.mensah@example.gov');
    expect(publicPage.body).not.toContain('+233');

    // The Secretariat sees the contact details.
    const shown = await secretariat.get(page);
    expect(shown.body).toContain('<dd><a href="mailto:ama.mensah@example.gov">ama.mensah@example.gov</a></dd>');
  });

  it('is replaced with the history kept, and the one replaced loses the role', async () => {
    const early = await secretariat.submit({
      page,
      action,
      fields: { ...first, name: 'Kofi Boateng', email: 'kofi.boateng@example.gov', started_on: '2025-02-01' },
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('Choose 2025-03-01 or a later day: the current focal point started that day.');

    const existing = await createTestUser({ database: platform.database, email: 'kofi.boateng@example.gov' });
    const replaced = await secretariat.submit({
      page,
      action,
      fields: {
        ...first,
        name: 'Kofi Boateng',
        email: 'kofi.boateng@example.gov',
        phone: '',
        started_on: '2025-09-15',
      },
    });
    expect(replaced.statusCode).toBe(303);
    expect(await grantsOf(first.email)).toEqual([{ country: 'GHA', ended: true }]);
    expect(await grantsOf('kofi.boateng@example.gov')).toEqual([{ country: 'GHA', ended: false }]);
    const rows = await platform.database.pool.query(
      `SELECT name, user_id, started_on::text AS started, ended_on::text AS ended FROM pathfinder_focal_points WHERE iso3 = 'GHA' ORDER BY id`,
    );
    expect(rows.rows).toEqual([
      { name: 'Ama Mensah', user_id: expect.any(Number), started: '2025-03-01', ended: '2025-09-15' },
      { name: 'Kofi Boateng', user_id: existing.id, started: '2025-09-15', ended: null },
    ]);
    const shown = await secretariat.get(page);
    expect(shown.body).toContain('Earlier focal points');
    expect(shown.body).toContain('<td data-label="Name">Ama Mensah</td>');

    const audit = await platform.database.pool.query<{ after: { name: string } }>(
      `SELECT after FROM audit_log WHERE action = 'pathfinders.focal_point_appointed' AND entity_id = 'GHA' ORDER BY id`,
    );
    expect(audit.rows.map((row) => row.after.name)).toEqual(['Ama Mensah', 'Kofi Boateng']);

    // The new focal point reaches their country's page from the back office, without the Secretariat's forms.
    const focal = new TestClient(platform.server.app);
    await focal.signIn({ email: 'kofi.boateng@example.gov' });
    const home = await focal.get('/admin/pathfinders');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe(page);
    const own = await focal.get(page);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Kofi Boateng');
    expect(own.body).not.toContain('/focal-points"');
    expect(own.body).not.toContain('/moves"');
  });
});
