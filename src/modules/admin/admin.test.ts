import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../server.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';

let database: TestDatabase;
let anonymous: Server;
let signedIn: Server;

beforeAll(async () => {
  database = await createTestDatabase();
  anonymous = await createTestApp({ database });
  signedIn = await createTestApp({
    database,
    authenticate: async (request) =>
      request.headers.cookie?.includes('a87_session=valid')
        ? { id: '1', name: '<Ana & "Bo">', locale: 'es', roles: ['secretariat'] }
        : null,
  });
});

afterAll(async () => {
  await anonymous?.close();
  await signedIn?.close();
  await database?.close();
});

describe('the back office shell', () => {
  it('turns away visitors who are not signed in, in their language, without caching', async () => {
    const response = await anonymous.app.inject({ url: '/admin', headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.body).toContain('<html lang="en"');
    expect(response.body).toContain('Sign-in required');
    expect(response.body).toMatch(/<meta name="robots" content="noindex"\s*\/?>/);
  });

  it('shows a signed-in person their overview in their own language, with their name escaped', async () => {
    const response = await signedIn.app.inject({ url: '/admin', headers: { cookie: 'a87_session=valid' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="es"');
    expect(response.body).toContain('Bienvenido/a, &lt;Ana &amp; &quot;Bo&quot;&gt;.');
    expect(response.body).toContain('No tiene nada pendiente.');
    expect(response.headers['cache-control']).toBe('private, no-store');
  });
});

describe('when the database fails', () => {
  it('answers pages with a localized error page and readiness with 503', async () => {
    const broken = await createTestDatabase();
    const server = await createTestApp({ database: broken });
    try {
      await broken.pool.query('DROP TABLE content_page_translations CASCADE');
      const page = await server.app.inject({ url: '/es/about' });
      expect(page.statusCode).toBe(500);
      expect(page.body).toContain('Se ha producido un error');
      expect(page.body).toMatch(/Referencia: [\w-]+/);
      expect(page.body).not.toContain('content_page_translations');
      const api = await server.app.inject({ url: '/api/v1/stats', headers: { 'accept-language': 'en' } });
      expect(api.statusCode).toBe(200);
      await broken.pool.query('DROP TABLE organizations CASCADE');
      const failing = await server.app.inject({ url: '/api/v1/stats', headers: { 'accept-language': 'en' } });
      expect(failing.statusCode).toBe(500);
      expect(failing.json()).toEqual({ error: { code: 'internal', message: 'Internal error.' } });
    } finally {
      await server.close();
      await broken.close();
    }
  });
});
