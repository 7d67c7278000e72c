import { describe, expect, it } from 'vitest';
import { createTestApp, useTestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';
import { createTestUser, TestClient } from '../../testing/test-users.ts';

const test = useTestApp();

describe('the back office shell', () => {
  it('sends visitors who are not signed in to the sign-in page, in their language', async () => {
    const response = await test.server.app.inject({ url: '/admin/users', headers: { 'accept-language': 'es' } });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/es/sign-in?next=%2Fadmin%2Fusers');
  });

  it('shows a signed-in person their overview in their own language, with their name escaped, never cached', async () => {
    const person = await createTestUser({
      database: test.database,
      roles: [{ role: 'gcg_member' }],
      name: '<Ana & "Bo">',
      locale: 'es',
    });
    const client = new TestClient(test.server.app);
    await client.signIn({ email: person.email });
    const response = await client.get('/admin');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="es"');
    expect(response.body).toContain('Bienvenido/a, &lt;Ana &amp; &quot;Bo&quot;&gt;.');
    expect(response.body).toContain('No tiene nada pendiente.');
    expect(response.body).toMatch(/<meta name="robots" content="noindex"\s*\/?>/);
    expect(response.headers['cache-control']).toBe('private, no-store');
    // Only the entries a GCG member may use.
    expect(response.body).toContain('href="/admin"');
    expect(response.body).not.toContain('href="/admin/users"');
    expect(response.body).not.toContain('href="/admin/outbox"');
  });

  it('shows the Secretariat every entry', async () => {
    const person = await createTestUser({ database: test.database, roles: [{ role: 'secretariat' }], totp: true });
    const client = new TestClient(test.server.app);
    await client.signIn({ email: person.email, totpSecret: person.totpSecret });
    const response = await client.get('/admin');
    for (const path of ['/admin/users', '/admin/audit', '/admin/outbox'])
      expect(response.body).toContain(`href="${path}"`);
  });
});

describe('when the test.database fails', () => {
  it('answers pages with a localized error page and the API with the error shape', async () => {
    const broken = await createTestDatabase();
    const app = await createTestApp({ database: broken });
    try {
      await broken.pool.query('DROP TABLE content_pages CASCADE');
      const page = await app.app.inject({ url: '/es/about' });
      expect(page.statusCode).toBe(500);
      expect(page.body).toContain('Se ha producido un error');
      expect(page.body).toMatch(/Referencia: [\w-]+/);
      expect(page.body).not.toContain('content_page_translations');
      await broken.pool.query('DROP TABLE organizations CASCADE');
      const failing = await app.app.inject({ url: '/api/v1/stats', headers: { 'accept-language': 'en' } });
      expect(failing.statusCode).toBe(500);
      expect(failing.json()).toEqual({ error: { code: 'internal', message: 'Internal error.' } });
    } finally {
      await app.close();
      await broken.close();
    }
  });
});
