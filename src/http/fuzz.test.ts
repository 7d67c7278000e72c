import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useTestApp } from '../testing/test-app.ts';
import { createTestUser, TestClient, TEST_PASSWORD } from '../testing/test-users.ts';
import { apiErrorSchema } from './errors.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Generated inputs per form and endpoint: a few hundred in `npm test`, 10,000 in `npm run test:fuzz`. */
    fuzzRuns: number;
  }
}

/**
 * Thousands of generated, mostly malformed inputs sent to every public form and API endpoint:
 * the platform never answers with a server error, always with the documented error shape (API)
 * or a page (a re-rendered form, an error page, a redirect), and a rejected form writes nothing
 * but the security record of the refused try.
 */
const RUNS = inject('fuzzRuns');
const TIMEOUT = Math.max(60_000, RUNS * 40);
const test = useTestApp();

/** The record a refused try leaves on purpose (counted for the back-off, and audited). */
const SECURITY_RECORDS = ['audit_log', 'auth_attempts'];

let fingerprintSql = '';

/** One value that changes whenever any row of the given tables is added, changed or removed. */
async function fingerprint(excluded: readonly string[]): Promise<string> {
  if (!fingerprintSql) {
    const tables = await test.database.pool.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    fingerprintSql = tables.rows
      .map(
        (row) =>
          `SELECT '${row.name}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${row.name}" t`,
      )
      .join(' UNION ALL ');
  }
  const result = await test.database.pool.query<{ name: string; digest: string }>(fingerprintSql);
  return result.rows
    .filter((row) => !excluded.includes(row.name))
    .map((row) => `${row.name}:${row.digest}`)
    .join(',');
}

const nasty = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '\u0000',
  '\u0001\r\n',
  '%00',
  '%E0%A4%A',
  '../../../etc/passwd',
  '//evil.example',
  'https://evil.example/',
  'ÅÉÎÕÜ ñ ç ß ﬁ',
  '\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'a'.repeat(6000),
  'x@example.org',
  '123456',
  'PER',
  'academic',
  'yes',
);

const value = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 400 }) },
);

/** Form fields: the known names with generated values (sometimes repeated), and stray names. */
function fields(names: readonly string[]) {
  const known = fc.record(
    Object.fromEntries(names.map((name) => [name, fc.oneof(value, fc.array(value, { minLength: 2, maxLength: 3 }))])),
    { requiredKeys: [] },
  );
  const stray = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', '_csrf', 'next')),
    value,
    { maxKeys: 3 },
  );
  return fc.tuple(known, stray).map(([a, b]) => ({ ...b, ...a }) as Record<string, string | string[]>);
}

function encode(form: Record<string, string | string[]>, token: string | null): string {
  const body = new URLSearchParams();
  if (token !== null) body.append('_csrf', token);
  for (const [name, entry] of Object.entries(form)) {
    for (const item of Array.isArray(entry) ? entry : [entry]) body.append(name, item);
  }
  return body.toString();
}

/** How the body is sent: mostly a proper form, sometimes raw bytes or another content type. */
const delivery = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'form' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'form-without-token' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      contentType: fc.constantFrom(
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=zz',
        'application/json',
        'text/plain',
        'application/xml',
      ),
      body: fc.string({ unit: 'binary', maxLength: 300 }),
    }),
  },
);

let address = 0;
/** A new client address per request, so the per-address limits do not hide the handlers. */
function nextAddress(): string {
  address += 1;
  return `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
}

function expectDocumentedAnswer(response: LightMyRequestResponse, surface: 'api' | 'page') {
  expect(response.statusCode, `${response.statusCode}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  if (surface === 'api') {
    expect(response.headers['content-type']).toContain('application/json');
    if (response.statusCode >= 400) apiErrorSchema.parse(response.json());
    return;
  }
  if (response.statusCode >= 300 && response.statusCode < 400) {
    expect(String(response.headers.location)).toMatch(/^\/(?![/\\])/);
    return;
  }
  if (response.statusCode === 304) return;
  expect(response.headers['content-type']).toContain('text/html');
  expect(response.body).toContain('<main');
}

interface FormTarget {
  url: string;
  names: readonly string[];
  client: () => TestClient;
  /** Besides the security records: what a refused try may also leave (the owner's warning, a session's count). */
  alsoExcluded?: readonly string[];
}

async function fuzzForm(target: FormTarget) {
  const client = target.client();
  const pageUrl = target.url.replace(/\/(?:code|recovery)$/, '/code');
  const token = /name="_csrf" value="([^"]+)"/.exec((await client.get(pageUrl)).body)?.[1] ?? '';
  const cookie = () => [...client.cookies].map(([name, entry]) => `${name}=${entry}`).join('; ');
  const excluded = [...SECURITY_RECORDS, ...(target.alsoExcluded ?? [])];
  await fc.assert(
    fc.asyncProperty(fields(target.names), delivery, async (form, how) => {
      const before = await fingerprint(excluded);
      const response = await test.server.app.inject({
        method: 'POST',
        url: target.url,
        remoteAddress: nextAddress(),
        headers: {
          cookie: cookie(),
          'content-type': how.kind === 'raw' ? how.contentType : 'application/x-www-form-urlencoded',
        },
        payload: how.kind === 'raw' ? how.body : encode(form, how.kind === 'form' ? token : null),
      });
      expectDocumentedAnswer(response, 'page');
      if (response.statusCode >= 400) expect(await fingerprint(excluded)).toBe(before);
    }),
    { numRuns: RUNS },
  );
}

const query = fc.dictionary(
  fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.constantFrom(
      'q',
      'kind',
      'country',
      'region',
      'action_group',
      'sort',
      'page',
      'per_page',
      'format',
      'next',
      'token',
    ),
  ),
  fc.oneof(value, fc.array(value, { minLength: 2, maxLength: 3 })),
  { maxKeys: 5 },
);

async function fuzzGet(input: { path: fc.Arbitrary<string>; surface: 'api' | 'page' }) {
  await fc.assert(
    fc.asyncProperty(input.path, query, async (path, parameters) => {
      const search = new URLSearchParams();
      for (const [name, entry] of Object.entries(parameters)) {
        for (const item of Array.isArray(entry) ? entry : [entry]) search.append(name, item);
      }
      const text = search.toString();
      const response = await test.server.app.inject({
        url: `${path}${text ? `?${text}` : ''}`,
        remoteAddress: nextAddress(),
      });
      expectDocumentedAnswer(response, input.surface);
    }),
    { numRuns: RUNS },
  );
}

const locale = fc.constantFrom('fr', 'en', 'es');
/** A path segment as a browser would send it (a lone surrogate becomes U+FFFD, as in URLs). */
const encodeSegment = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));
const segment = fc.oneof(
  fc.string({ maxLength: 30 }).map(encodeSegment),
  nasty.map(encodeSegment),
  fc.constantFrom('demo-org', 'a', '%', '%2F', '..', '%00', 'x'.repeat(300)),
);

let anonymous: TestClient;
let pending: TestClient;

beforeAll(async () => {
  anonymous = new TestClient(test.server.app);
  const person = await createTestUser({ database: test.database, roles: [{ role: 'secretariat' }], totp: true });
  pending = new TestClient(test.server.app);
  await pending.submit({ page: '/en/sign-in', fields: { email: person.email, password: TEST_PASSWORD } });
});

describe('generated input to every public form', () => {
  const forms: FormTarget[] = [
    { url: '/fr/sign-in', names: ['email', 'password', 'next'], client: () => anonymous },
    { url: '/en/password/forgot', names: ['email'], client: () => anonymous },
    {
      url: '/es/account/set-password',
      names: ['token', 'name', 'password', 'password_confirm'],
      client: () => anonymous,
    },
    {
      url: '/fr/partners/apply',
      names: ['name', 'kind', 'country', 'website', 'contact_name', 'contact_email', 'motivation', 'endorses_terms'],
      client: () => anonymous,
    },
    { url: '/en/partners/apply/answer', names: ['token', 'answer'], client: () => anonymous },
    { url: '/es/confirm', names: ['token'], client: () => anonymous },
    { url: '/fr/confirm/resend', names: ['email'], client: () => anonymous },
    {
      url: '/en/sign-in/code',
      names: ['code'],
      client: () => pending,
      alsoExcluded: ['sessions', 'mail_outbox'],
    },
    {
      url: '/en/sign-in/recovery',
      names: ['recovery_code'],
      client: () => pending,
      alsoExcluded: ['sessions', 'mail_outbox'],
    },
  ];
  for (const target of forms) {
    it(`never fails on ${target.url}, and a refused form writes nothing`, async () => fuzzForm(target), TIMEOUT);
  }
});

describe('generated addresses and queries on every public page and API endpoint', () => {
  const pages: { name: string; path: fc.Arbitrary<string>; surface: 'api' | 'page' }[] = [
    { name: 'the directory', path: locale.map((l) => `/${l}/partners`), surface: 'page' },
    {
      name: 'partner profiles',
      path: fc.tuple(locale, segment).map(([l, s]) => `/${l}/partners/${s}`),
      surface: 'page',
    },
    { name: 'the sign-in page', path: locale.map((l) => `/${l}/sign-in`), surface: 'page' },
    { name: 'one-time links', path: locale.map((l) => `/${l}/account/set-password`), surface: 'page' },
    { name: 'answer links', path: locale.map((l) => `/${l}/partners/apply/answer`), surface: 'page' },
    { name: 'confirmation links', path: locale.map((l) => `/${l}/confirm`), surface: 'page' },
    { name: 'applicants’ private links', path: locale.map((l) => `/${l}/partners/apply/status`), surface: 'page' },
    { name: 'any page path', path: fc.tuple(locale, segment).map(([l, s]) => `/${l}/${s}`), surface: 'page' },
    { name: 'the partners API', path: fc.constant('/api/v1/partners'), surface: 'api' },
    { name: 'the partner API', path: segment.map((s) => `/api/v1/partners/${s}`), surface: 'api' },
    { name: 'the counters API', path: fc.constant('/api/v1/stats'), surface: 'api' },
  ];
  for (const target of pages) {
    it(`never fails on ${target.name}`, async () => fuzzGet(target), TIMEOUT);
  }
});
