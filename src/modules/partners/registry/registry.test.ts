import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import type { Server } from '../../../server.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { waitUntil } from '../../../testing/wait.ts';
import { readDemoOrganizations } from '../partners.demo.ts';
import { countActivePartnersOn } from '../partners.repository.ts';

let database: TestDatabase;
let server: Server;
let secretariat: TestClient;

const demo = readDemoOrganizations();
const active = demo.filter((entry) => entry.status === 'active');
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemonstrationContent(database.db);
  server = await createTestApp({ database });
  const person = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true, locale: 'en' });
  secretariat = new TestClient(server.app);
  await secretariat.signIn({ email: person.email, totpSecret: person.totpSecret });
});

afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function idOf(slug: string): Promise<number> {
  const result = await database.pool.query<{ id: number }>(`SELECT id FROM organizations WHERE slug = $1`, [slug]);
  return result.rows[0]!.id;
}

describe('the Secretariat’s list of organizations', () => {
  it('shows every organization, whatever its status, with filters and pages', async () => {
    const home = await secretariat.get('/admin');
    expect(home.body).toContain('<a href="/admin/organizations">Organizations</a>');
    const all = await secretariat.get('/admin/organizations');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain(`${demo.length} results`);
    const withdrawn = demo.find((entry) => entry.status === 'withdrawn')!;
    const onlyWithdrawn = await secretariat.get('/admin/organizations?status=withdrawn');
    expect(onlyWithdrawn.body).toContain(`href="/admin/organizations/${withdrawn.slug}"`);
    expect(onlyWithdrawn.body).not.toContain(`href="/admin/organizations/${active[0]!.slug}"`);
    // Found by a name in another language, and by part of its address.
    const spanish = active.find((entry) => entry.names.es && entry.names.es !== entry.names.en)!;
    const byName = await secretariat.get(`/admin/organizations?q=${encodeURIComponent(spanish.names.es!)}`);
    expect(byName.body).toContain(`href="/admin/organizations/${spanish.slug}"`);
    const none = await secretariat.get('/admin/organizations?q=%25%25nothing%25');
    expect(none.body).toContain('No organization matches these filters.');
    const second = await secretariat.get('/admin/organizations?page=2');
    expect(second.body).toContain('rel="prev"');
  });
});

describe('a change of status by the Secretariat', () => {
  it('is dated, kept in the history, shown at once on the site and told to the representatives', async () => {
    const target = active.find((entry) => entry.kind === 'civil_society')!;
    const id = await idOf(target.slug);
    const rep = await createTestUser({ database, locale: 'fr', roles: [{ role: 'partner_rep', organizationId: id }] });
    const page = `/admin/organizations/${target.slug}`;
    const action = `${page}/status`;

    // The representative sees no such form and cannot post it.
    const repClient = new TestClient(server.app);
    await repClient.signIn({ email: rep.email });
    expect((await repClient.get(page)).body).not.toContain('/status"');
    const refused = await repClient.submit({
      page,
      action,
      fields: { status: 'suspended', valid_from: today, note: 'Self-service' },
    });
    expect(refused.statusCode).toBe(403);

    const missing = await secretariat.submit({
      page,
      action,
      fields: { status: 'suspended', valid_from: '2024-02-30', note: '' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter a date such as 2026-03-31.');
    expect(missing.body).toContain('This field is required.');
    expect(missing.body).toContain('value="2024-02-30"');

    const tooEarly = await secretariat.submit({
      page,
      action,
      fields: { status: 'suspended', valid_from: '2000-01-01', note: 'Dues unpaid for three years' },
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.body).toMatch(/Choose .* or a later day: the last change is from that day\./);
    expect(tooEarly.body).toContain('Dues unpaid for three years</textarea>');

    const future = await secretariat.submit({
      page,
      action,
      fields: { status: 'suspended', valid_from: '2999-01-01', note: 'Dues unpaid for three years' },
    });
    expect(future.body).toContain('Choose today or an earlier day.');

    const before = await countActivePartnersOn(database.db, today);
    const suspended = await secretariat.submit({
      page,
      action,
      fields: { status: 'suspended', valid_from: today, note: 'Dues unpaid for three years' },
    });
    expect(suspended.statusCode).toBe(303);
    expect(suspended.headers.location).toBe(`${page}?done=status`);
    const after = await secretariat.get(`${page}?done=status`);
    expect(after.body).toContain('The status is changed; the representatives are told by e-mail.');
    expect(after.body).toContain('Current status: Suspended.');
    expect(after.body).toContain(
      '<td data-label="Status">Suspended</td><td data-label="Reason">Dues unpaid for three years</td>',
    );
    expect(await countActivePartnersOn(database.db, today)).toBe(before - 1);
    await waitUntil(async () => (await server.app.inject({ url: `/en/partners/${target.slug}` })).statusCode === 404);
    await waitUntil(async () => {
      const list = (await server.app.inject({ url: '/api/v1/partners?per_page=200' })).json<{ total: number }>();
      return list.total === active.length - 1;
    });

    const mail = await database.pool.query<{ subject: string; body_text: string }>(
      `SELECT subject, body_text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1`,
      [rep.email],
    );
    expect(mail.rows[0]?.body_text).toContain('Suspendue.');
    expect(mail.rows[0]?.body_text).toContain('Motif : Dues unpaid for three years');
    const audit = await database.pool.query<{ after: { status: string } }>(
      `SELECT after FROM audit_log WHERE action = 'partners.organization_status_changed' AND entity_id = $1`,
      [String(id)],
    );
    expect(audit.rows[0]?.after.status).toBe('suspended');

    const same = await secretariat.submit({
      page,
      action,
      fields: { status: 'suspended', valid_from: today, note: 'Again, the same' },
    });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('The organization already has this status.');

    const back = await secretariat.submit({
      page,
      action,
      fields: { status: 'active', valid_from: today, note: 'Dues paid in full' },
    });
    expect(back.statusCode).toBe(303);
    await waitUntil(async () => (await server.app.inject({ url: `/en/partners/${target.slug}` })).statusCode === 200);
  });
});
