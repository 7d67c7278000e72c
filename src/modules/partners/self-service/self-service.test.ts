import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import type { Server } from '../../../server.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { readDemoOrganizations } from '../partners.demo.ts';

let database: TestDatabase;
let server: Server;
let own: { id: number; slug: string };
let other: { id: number; slug: string };
let representative: TestClient;

const active = readDemoOrganizations().filter((entry) => entry.status === 'active');

async function organization(slug: string) {
  const result = await database.pool.query<{ id: number; slug: string }>(
    `SELECT id, slug FROM organizations WHERE slug = $1`,
    [slug],
  );
  return result.rows[0]!;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemonstrationContent(database.db);
  server = await createTestApp({ database });
  own = await organization(active.find((entry) => entry.kind === 'workers_org')!.slug);
  other = await organization(active.find((entry) => entry.kind === 'academic')!.slug);
  const person = await createTestUser({
    database,
    roles: [{ role: 'partner_rep', organizationId: own.id }],
    locale: 'en',
  });
  representative = new TestClient(server.app);
  await representative.signIn({ email: person.email });
});

afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function waitForPage(url: string, text: string, present = true) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const body = (await server.app.inject({ url })).body;
    if (body.includes(text) === present) return body;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${url} never ${present ? 'showed' : 'stopped showing'} ${text}`);
}

describe('a partner representative', () => {
  it('is taken to their own organization and edits its public profile, seen at once on the site', async () => {
    const start = await representative.get('/admin/organizations');
    expect(start.headers.location).toBe(`/admin/organizations/${own.slug}`);
    const saved = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/profile`,
      fields: {
        website: 'https://updated.example.org',
        description_fr: 'Description mise à jour.',
        description_en: 'Updated description.',
        description_es: 'Descripción actualizada.',
        action_group: ['migration', 'rule-of-law-and-governance'],
      },
    });
    expect(saved.statusCode).toBe(303);
    const page = await waitForPage(`/es/partners/${own.slug}`, 'Descripción actualizada.');
    expect(page).toContain('updated.example.org');
    expect(page).toContain('Estado de derecho y gobernanza');
    const audit = await database.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'partners.profile_updated' AND entity_id = $1`,
      [String(own.id)],
    );
    expect(audit.rowCount).toBe(1);
  });

  it('cannot see or change another organization', async () => {
    expect((await representative.get(`/admin/organizations/${other.slug}`)).statusCode).toBe(403);
    const before = await database.pool.query(`SELECT website FROM organizations WHERE id = $1`, [other.id]);
    const attempt = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${other.slug}/profile`,
      fields: { website: 'https://hijacked.example.org', description_en: 'Hijacked.' },
    });
    expect(attempt.statusCode).toBe(403);
    const withdraw = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${other.slug}/withdraw`,
      fields: { confirm: 'yes' },
    });
    expect(withdraw.statusCode).toBe(403);
    const after = await database.pool.query(`SELECT website, status FROM organizations WHERE id = $1`, [other.id]);
    expect(after.rows[0].website).toBe(before.rows[0].website);
    expect(after.rows[0].status).toBe('active');
  });

  it('gets bad input back with messages and nothing written', async () => {
    const before = await database.pool.query(`SELECT count(*) FROM audit_log`);
    const response = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/profile`,
      fields: { website: 'javascript:alert(1)', description_en: '<script>x</script>' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter the full address of the website');
    expect(response.body).toContain('Remove the characters &lt; and &gt;.');
    expect(response.body).toContain('&lt;script&gt;x&lt;/script&gt;');
    const after = await database.pool.query(`SELECT count(*) FROM audit_log`);
    expect(after.rows[0].count).toBe(before.rows[0].count);
  });

  it('invites and removes representatives of their organization only', async () => {
    const invited = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/representatives`,
      fields: { email: 'colleague@example.org', name: 'A Colleague', locale: 'fr' },
    });
    expect(invited.statusCode).toBe(303);
    const page = await representative.get(`/admin/organizations/${own.slug}`);
    expect(page.body).toContain('colleague@example.org');
    const mail = await database.pool.query<{ locale: string }>(
      `SELECT locale FROM mail_outbox WHERE to_address = 'colleague@example.org'`,
    );
    expect(mail.rows).toEqual([{ locale: 'fr' }]);
    const grantId = new RegExp(`/admin/organizations/${own.slug}/representatives/(\\d+)/remove`).exec(page.body)?.[1];
    const colleagueGrant = await database.pool.query<{ id: number }>(
      `SELECT r.id FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.email = 'colleague@example.org'`,
    );
    // A grant of another organization cannot be removed through this one.
    const foreign = await createTestUser({ database, roles: [{ role: 'partner_rep', organizationId: other.id }] });
    const foreignGrant = await database.pool.query<{ id: number }>(
      `SELECT id FROM role_assignments WHERE user_id = $1`,
      [foreign.id],
    );
    const refused = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/representatives/${foreignGrant.rows[0]!.id}/remove`,
      fields: {},
    });
    expect(refused.statusCode).toBe(404);
    expect(grantId).toBeDefined();
    const removed = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/representatives/${colleagueGrant.rows[0]!.id}/remove`,
      fields: {},
    });
    expect(removed.statusCode).toBe(303);
    const after = await representative.get(removed.headers.location as string);
    expect(after.body).not.toContain('colleague@example.org');
    expect(after.body).toContain('The representative is removed.');

    // The removal can be undone at once; the undo gives nothing to someone who never had the role.
    const personId = /name="user_id" value="(\d+)"/.exec(after.body)?.[1];
    const undoAction = new RegExp(`action="(/admin/organizations/${own.slug}/representatives/\\d+/restore)"`).exec(
      after.body,
    )?.[1];
    expect(personId).toBeDefined();
    expect(undoAction).toBeDefined();
    // Another organization's removed representative cannot be brought back through this page.
    const foreignRemoved = await database.pool.query<{ id: number }>(
      `UPDATE role_assignments SET revoked_at = now() WHERE id = $1 RETURNING id`,
      [foreignGrant.rows[0]!.id],
    );
    const forged = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/representatives/${foreignRemoved.rows[0]!.id}/restore`,
      fields: { user_id: String(foreign.id) },
    });
    expect(forged.statusCode).toBe(404);
    const undone = await representative.submit({
      page: removed.headers.location as string,
      action: undoAction!,
      fields: { user_id: personId! },
    });
    expect(undone.statusCode).toBe(303);
    const back = await representative.get(undone.headers.location as string);
    expect(back.body).toContain('The representative has the role again.');
    expect(back.body).toContain('colleague@example.org');
    const audit = await database.pool.query<{ count: string }>(
      `SELECT count(*)::text AS count FROM audit_log WHERE action = 'accounts.role_granted' AND entity_id = $1`,
      [personId],
    );
    expect(Number(audit.rows[0]!.count)).toBeGreaterThanOrEqual(1);
  });

  it('withdraws the organization only when confirmed; it leaves the directory and the counters', async () => {
    const unconfirmed = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/withdraw`,
      fields: {},
    });
    expect(unconfirmed.statusCode).toBe(400);
    const total = (await server.app.inject({ url: '/api/v1/stats' })).json().partners.total as number;
    const withdrawn = await representative.submit({
      page: `/admin/organizations/${own.slug}`,
      action: `/admin/organizations/${own.slug}/withdraw`,
      fields: { confirm: 'yes' },
    });
    expect(withdrawn.statusCode).toBe(303);
    expect((await server.app.inject({ url: `/en/partners/${own.slug}` })).statusCode).toBe(404);
    expect((await server.app.inject({ url: '/api/v1/stats' })).json().partners.total).toBe(total - 1);
    const history = await database.pool.query(
      `SELECT status FROM organization_status_history WHERE organization_id = $1 ORDER BY id`,
      [own.id],
    );
    expect(history.rows.map((row: { status: string }) => row.status)).toEqual(['active', 'withdrawn']);
  });
});

describe('the Secretariat', () => {
  it('can manage any organization', async () => {
    const secretariat = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true });
    const client = new TestClient(server.app);
    await client.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret });
    expect((await client.get(`/admin/organizations/${other.slug}`)).statusCode).toBe(200);
  });
});

describe('the logo', () => {
  async function upload(client: TestClient, slug: string, file: Buffer, filename: string, type: string) {
    const page = await client.get(`/admin/organizations/${slug}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const boundary = '----a87test';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return server.app.inject({
      method: 'POST',
      url: `/admin/organizations/${slug}/logo`,
      remoteAddress: client.ip,
      headers: {
        cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
    });
  }

  it('is checked by its content, resized and served by the platform', async () => {
    const sharp = (await import('sharp')).default;
    const slug = other.slug;
    const rep = await createTestUser({ database, roles: [{ role: 'partner_rep', organizationId: other.id }] });
    const client = new TestClient(server.app);
    await client.signIn({ email: rep.email });
    const big = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#0b3558' } })
      .png()
      .toBuffer();
    // An anonymous visit first, so that the profile is in the page cache without a logo.
    expect((await server.app.inject({ url: `/en/partners/${slug}` })).body).not.toContain('/media/logos/');
    const saved = await upload(client, slug, big, 'logo.png', 'image/png');
    expect(saved.statusCode).toBe(303);
    const profile = await waitForPage(`/en/partners/${slug}`, '/media/logos/');
    const src = /src="(\/media\/logos\/[^"]+)"/.exec(profile)?.[1];
    const image = await server.app.inject({ url: src! });
    expect(image.headers['content-type']).toBe('image/webp');
    const meta = await sharp(image.rawPayload).metadata();
    expect(meta.width).toBe(256);
    expect(meta.height).toBe(128);

    const fake = await upload(client, slug, Buffer.from('<svg onload="alert(1)"></svg>'), 'logo.png', 'image/png');
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('This file is not a PNG, JPEG, WebP or GIF image.');
    const huge = await upload(client, slug, Buffer.alloc(3 * 1024 * 1024, 1), 'logo.png', 'image/png');
    expect(huge.statusCode).toBe(400);
    expect(huge.body).toContain('The file is larger than 2 MB.');
  });
});

describe('a change of name or kind', () => {
  it('goes to the Secretariat, and shows on the site only once approved', async () => {
    const target = await organization(active.find((entry) => entry.kind === 'employers_org')!.slug);
    const rep = await createTestUser({ database, roles: [{ role: 'partner_rep', organizationId: target.id }] });
    const client = new TestClient(server.app);
    await client.signIn({ email: rep.email });
    const empty = await client.submit({
      page: `/admin/organizations/${target.slug}`,
      action: `/admin/organizations/${target.slug}/change-request`,
      fields: { kind: 'other', name_fr: '', name_en: '', name_es: '' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Give the name in at least one language.');
    const asked = await client.submit({
      page: `/admin/organizations/${target.slug}`,
      action: `/admin/organizations/${target.slug}/change-request`,
      fields: { kind: 'other', name_fr: 'Nouveau Nom', name_en: 'New Name', name_es: 'Nuevo Nombre' },
    });
    expect(asked.statusCode).toBe(303);
    expect((await server.app.inject({ url: `/en/partners/${target.slug}` })).body).not.toContain('New Name');
    // A representative cannot decide it.
    expect((await client.get('/admin/change-requests')).statusCode).toBe(403);

    const secretariat = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true });
    const admin = new TestClient(server.app);
    await admin.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret });
    expect((await admin.get('/admin')).body).toContain('1 name or kind change to decide');
    const list = await admin.get('/admin/change-requests');
    const id = /\/admin\/change-requests\/(\d+)\/approve/.exec(list.body)?.[1];
    const approved = await admin.submit({
      page: '/admin/change-requests',
      action: `/admin/change-requests/${id}/approve`,
      fields: {},
    });
    expect(approved.statusCode).toBe(303);
    const page = await waitForPage(`/en/partners/${target.slug}`, 'New Name');
    expect(page).toContain('Other network or organization');
    expect((await server.app.inject({ url: `/es/partners/${target.slug}` })).body).toContain('Nuevo Nombre');
    const told = await lastMailTo(rep.email);
    expect(told).toMatchObject({ locale: 'en', subject: 'The change to New Name is applied' });
    expect(told?.body_text).toContain('as: Other network or organization.');
  });

  it('is declined only with a reason, which the person who asked receives in their language', async () => {
    const target = await organization(active.find((entry) => entry.kind === 'academic')!.slug);
    const rep = await createTestUser({
      database,
      locale: 'es',
      roles: [{ role: 'partner_rep', organizationId: target.id }],
    });
    const client = new TestClient(server.app);
    await client.signIn({ email: rep.email });
    await client.submit({
      page: `/admin/organizations/${target.slug}`,
      action: `/admin/organizations/${target.slug}/change-request`,
      fields: { kind: 'other', name_fr: '', name_en: 'Renamed Institute', name_es: '' },
    });
    const secretariat = await createTestUser({ database, roles: [{ role: 'secretariat' }], totp: true, locale: 'fr' });
    const admin = new TestClient(server.app);
    await admin.signIn({ email: secretariat.email, totpSecret: secretariat.totpSecret });
    const list = await admin.get('/admin/change-requests');
    const id = new RegExp(`href="/admin/change-requests/(\\d+)">Refuser, avec un motif`).exec(list.body)?.[1];
    expect(id).toBeDefined();
    // A representative cannot open it either.
    expect((await client.get(`/admin/change-requests/${id}`)).statusCode).toBe(403);

    const short = await admin.submit({
      page: `/admin/change-requests/${id}`,
      action: `/admin/change-requests/${id}/decline`,
      fields: { reason: 'Non' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('aria-invalid="true">Non</textarea>');
    expect(short.body).toContain('Saisissez au moins 5 caractères.');

    const declined = await admin.submit({
      page: `/admin/change-requests/${id}`,
      action: `/admin/change-requests/${id}/decline`,
      fields: { reason: 'Le nom doit rester celui de la charte <fondatrice>.' },
    });
    expect(declined.statusCode).toBe(303);
    expect((await admin.get('/admin/change-requests?done=declined')).body).toContain('Le changement est refusé');
    expect((await admin.get(`/admin/change-requests/${id}`)).statusCode).toBe(404);
    const told = await lastMailTo(rep.email);
    expect(told?.locale).toBe('es');
    expect(told?.body_text).toContain('no lo ha aplicado, por este motivo:');
    expect(told?.body_text).toContain('Le nom doit rester celui de la charte <fondatrice>.');
    expect((await server.app.inject({ url: `/en/partners/${target.slug}` })).body).not.toContain('Renamed Institute');
    const audit = await database.pool.query<{ after: { reason: string } }>(
      `SELECT after FROM audit_log WHERE action = 'partners.change_declined' AND entity_id = $1`,
      [String(target.id)],
    );
    expect(audit.rows[0]?.after.reason).toContain('charte');
  });
});

async function lastMailTo(address: string) {
  const result = await database.pool.query<{ subject: string; body_text: string; locale: string }>(
    `SELECT subject, body_text, locale FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1`,
    [address],
  );
  return result.rows[0];
}
