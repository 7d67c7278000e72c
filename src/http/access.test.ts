import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../modules/accounts/index.ts';
import { ROLES } from '../modules/accounts/index.ts';
import type { Server } from '../server.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { createTestUser, TestClient, TEST_PASSWORD } from '../testing/test-users.ts';
import { ACCESS_RULES, installAccessControl, type AccessRule } from './access.ts';

let database: TestDatabase;
let server: Server;
let targetUserId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await createTestApp({ database });
  const org = await database.pool.query<{ id: number }>(
    `INSERT INTO organizations (slug, name, kind, status) VALUES ('access-test-org', 'Access test', 'academic', 'active') RETURNING id`,
  );
  targetUserId = (await createTestUser({ database, roles: [{ role: 'gcg_member' }] })).id;
  organizationId = org.rows[0]!.id;
});

let organizationId: number;

afterAll(async () => {
  await server?.close();
  await database?.close();
});

type Persona = 'anonymous' | 'second_factor_pending' | Role;

async function clientFor(persona: Persona): Promise<TestClient> {
  const client = new TestClient(server.app);
  if (persona === 'anonymous') return client;
  if (persona === 'second_factor_pending') {
    const person = await createTestUser({ database, roles: [{ role: 'data_editor' }], totp: true });
    await client.submit({ page: '/en/sign-in', fields: { email: person.email, password: TEST_PASSWORD } });
    return client;
  }
  const binding =
    persona === 'focal_point'
      ? { country: 'NPL' }
      : persona === 'partner_rep'
        ? { organizationId }
        : persona === 'ag_chair' || persona === 'ag_member'
          ? { actionGroup: 'migration' }
          : {};
  const person = await createTestUser({
    database,
    roles: [{ role: persona, ...binding }],
    totp: persona === 'secretariat',
  });
  await client.signIn({ email: person.email, totpSecret: person.totpSecret });
  return client;
}

function concreteUrl(url: string): string {
  return url
    .replace(':locale', 'en')
    .replace(':id', String(targetUserId))
    .replace(':grantId', '999999')
    .replace('*', 'site.000000000000.css');
}

/**
 * Whether a response turned the persona away (rather than serving or validating): a 401 or
 * 403, a redirect to sign in, or — outside the second-factor pages themselves — a redirect
 * to give the second factor.
 */
function denied(
  response: { statusCode: number; headers: { location?: string | string[] | undefined } },
  rule: AccessRule,
): boolean {
  if (response.statusCode === 401 || response.statusCode === 403) return true;
  if (response.statusCode !== 303) return false;
  const location = [response.headers.location ?? ''].flat().join('');
  if (/\/sign-in\?next=/.test(location)) return true;
  return rule !== 'second_factor' && /\/(sign-in\/code|account\/second-factor)$/.test(location);
}

function expectedAllowed(rule: AccessRule, persona: Persona): boolean {
  if (rule === 'public') return true;
  if (persona === 'anonymous') return false;
  if (rule === 'second_factor') return true;
  if (persona === 'second_factor_pending') return false;
  if (rule === 'signed_in') return true;
  return rule.includes(persona);
}

describe('the access rules', () => {
  it('cover exactly the routes the server has', () => {
    // Fastify adds a HEAD route for each GET (and sometimes only the HEAD of a trailing-slash twin).
    const registered = [...new Set([...server.routes].map((route) => route.replace(/^HEAD /, 'GET ')))].sort();
    expect(registered).toEqual(Object.keys(ACCESS_RULES).sort());
  });

  it('are enforced on every route for every role', { timeout: 120_000 }, async () => {
    const personas: Persona[] = ['anonymous', 'second_factor_pending', ...ROLES];
    // Signing out ends the persona's session: that route goes last.
    const routes = Object.entries(ACCESS_RULES).sort(
      ([a], [b]) => Number(a.includes('sign-out')) - Number(b.includes('sign-out')),
    );
    const failures: string[] = [];
    for (const persona of personas) {
      const client = await clientFor(persona);
      const token = /name="_csrf" value="([^"]+)"/.exec((await client.get('/en/password/forgot')).body)?.[1] ?? '';
      for (const [route, rule] of routes) {
        const [method, url] = route.split(' ') as [string, string];
        const target = concreteUrl(url);
        const response =
          method === 'GET'
            ? await client.get(target)
            : await client.submit({ page: target, action: target, fields: {}, csrf: token });
        const allowed = !denied(response, rule);
        if (allowed !== expectedAllowed(rule, persona)) {
          failures.push(
            `${persona} ${route}: got ${response.statusCode} ${[response.headers.location ?? ''].flat().join('')}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('a route without a rule', () => {
  it('stops the server from starting', async () => {
    const app = Fastify();
    installAccessControl(app, { defaultLocale: 'fr', resolveViewer: async () => null });
    expect(() => app.get('/admin/forgotten', async () => 'x')).toThrow(/has no access rule/);
    await app.close();
  });
});
