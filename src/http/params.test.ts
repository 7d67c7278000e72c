import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installAccessControl } from './access.ts';
import { registerErrorHandlers } from './errors.ts';
import { installRouteParams, param, paramNames } from './params.ts';

let app: FastifyInstance;
const seen: unknown[] = [];

beforeAll(async () => {
  app = Fastify();
  await app.register(rateLimit, { global: false });
  registerErrorHandlers(app, {
    site: {
      publicUrl: 'http://platform.test',
      stylesheetUrl: '/assets/site.css',
      iconUrl: '/assets/favicon.svg',
      publicPaths: new Set(),
    },
    defaultLocale: 'en',
  });
  installAccessControl(app, { defaultLocale: 'en', resolveViewer: async () => null });
  installRouteParams(app);
  // Public: the parameter is checked for everyone.
  app.get('/media/logos/:slug', async (request) => {
    seen.push(param(request, 'slug'));
    return 'logo';
  });
  // Secretariat only: who may not open it is sent to sign in first.
  app.get('/admin/applications/:id', async (request) => {
    seen.push(param(request, 'id'));
    return 'application';
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
});

describe('route parameters', () => {
  it('are named from the route', () => {
    expect(paramNames('/admin/organizations/:slug/representatives/:grantId/remove')).toEqual(['slug', 'grantId']);
    expect(paramNames('/assets/*')).toEqual(['*']);
    expect(paramNames('/admin')).toEqual([]);
  });

  it('reach the handler parsed, and a bad one answers 404 before the handler runs', async () => {
    seen.length = 0;
    expect((await app.inject({ url: '/media/logos/red-andina' })).statusCode).toBe(200);
    for (const bad of ['Red_Andina', '%00', 'a'.repeat(81)]) {
      expect((await app.inject({ url: `/media/logos/${bad}` })).statusCode, bad).toBe(404);
    }
    expect(seen).toEqual(['red-andina']);
  });

  it('read an id as a number within the database’s integers, never as NaN', async () => {
    const request = (id: string) => ({ params: { id } }) as unknown as Parameters<typeof param>[0];
    expect(param(request('42'), 'id')).toBe(42);
    expect(param(request('2147483647'), 'id')).toBe(2147483647);
    for (const bad of ['0', '042', '-1', '1e3', '12.5', 'abc', '2147483648', '99999999999', '']) {
      expect(() => param(request(bad), 'id'), bad).toThrow('not_found');
    }
  });

  it('do not hide the access rule: a visitor is sent to sign in whatever the address holds', async () => {
    const response = await app.inject({ url: '/admin/applications/not-a-number' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/en/sign-in?next=%2Fadmin%2Fapplications%2Fnot-a-number');
  });

  it('stop the server from starting on a parameter without a schema', async () => {
    const other = Fastify();
    installRouteParams(other);
    expect(() => other.get('/things/:thingId', async () => 'x')).toThrow(/thingId/);
    await other.close();
  });
});
