import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../demo.ts';
import { updatePageText } from '../modules/content/index.ts';
import type { Server } from '../server.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.ts';

let database: TestDatabase;
let first: Server;
let second: Server;

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemonstrationContent(database.db);
  // Two app instances on one database stand for two app processes behind a load balancer.
  first = await createTestApp({ database });
  second = await createTestApp({ database });
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  await database?.close();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in time');
}

describe('the public page cache', () => {
  it('serves the second anonymous request from the cache with the same ETag', async () => {
    const before = first.pageCache.stats();
    const a = await first.app.inject({ url: '/es/about' });
    const b = await first.app.inject({ url: '/es/about' });
    const after = first.pageCache.stats();
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    expect(a.headers.etag).toBeDefined();
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(b.body).toBe(a.body);
    expect(a.headers.vary).toContain('Cookie');
  });

  it('answers 304 Not Modified to a matching If-None-Match', async () => {
    const a = await first.app.inject({ url: '/fr/about' });
    const b = await first.app.inject({ url: '/fr/about', headers: { 'if-none-match': String(a.headers.etag) } });
    expect(b.statusCode).toBe(304);
    expect(b.body).toBe('');
    const c = await first.app.inject({ url: '/fr/about', headers: { 'if-none-match': 'W/"other"' } });
    expect(c.statusCode).toBe(200);
  });

  it('keeps a page once whatever unknown parameters are added, and never writes them back into it', async () => {
    await first.app.inject({ url: '/fr/about' });
    const before = first.pageCache.stats();
    for (let index = 0; index < 300; index += 1) {
      const response = await first.app.inject({
        url: `/fr/about?x${index}=${'y'.repeat(500)}&utm_source=probe${index}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('probe');
      expect(response.body).not.toContain('yyyy');
    }
    const after = first.pageCache.stats();
    expect(after.entries).toBe(before.entries);
    expect(after.bytes).toBe(before.bytes);
    expect(after.hits - before.hits).toBe(300);
  });

  it('keeps the directory under the filters it knows, in one order, and does not keep free-text searches', async () => {
    const a = await first.app.inject({ url: '/en/partners?region=africa&kind=academic&kind=civil_society' });
    const before = first.pageCache.stats();
    const b = await first.app.inject({ url: '/en/partners?kind=civil_society&junk=1&kind=academic&region=africa' });
    expect(b.body).toBe(a.body);
    expect(b.body).not.toContain('junk');
    expect(first.pageCache.stats().hits - before.hits).toBe(1);
    for (let index = 0; index < 20; index += 1) await first.app.inject({ url: `/en/partners?q=search${index}` });
    const after = first.pageCache.stats();
    expect(after.entries).toBe(before.entries);
  });

  it('keeps pages apart per path and language', async () => {
    const french = await first.app.inject({ url: '/fr/' });
    const english = await first.app.inject({ url: '/en/' });
    expect(french.body).toContain('lang="fr"');
    expect(english.body).toContain('lang="en"');
  });

  it('never serves a cached page to a signed-in visitor, nor caches theirs', async () => {
    await first.app.inject({ url: '/en/about' });
    const before = first.pageCache.stats();
    const signedIn = await first.app.inject({ url: '/en/about', headers: { cookie: 'theme=x; a87_session=abc' } });
    const after = first.pageCache.stats();
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    expect(signedIn.headers.etag).toBeUndefined();
    expect(after.hits).toBe(before.hits);
    expect(after.misses).toBe(before.misses);
  });

  it('shows a changed about text on the next request in every app process, without restart', async () => {
    const warmFirst = await first.app.inject({ url: '/en/about' });
    const warmSecond = await second.app.inject({ url: '/en/about' });
    expect(warmFirst.body).not.toContain('A new text for the about page');
    expect(warmSecond.body).not.toContain('A new text for the about page');

    await updatePageText({
      db: database.db,
      actor: { id: null, label: 'test' },
      text: {
        slug: 'about',
        locale: 'en',
        title: 'How the Alliance works',
        summary: 'Updated summary.',
        bodyMarkdown: 'A new text for the about page.',
      },
    });

    await waitFor(async () =>
      (await second.app.inject({ url: '/en/about' })).body.includes('A new text for the about page'),
    );
    await waitFor(async () =>
      (await first.app.inject({ url: '/en/about' })).body.includes('A new text for the about page'),
    );
    const page = await second.app.inject({ url: '/en/about' });
    expect(page.body).toContain('<h1>How the Alliance works</h1>');
    // Edited text is no longer demonstration content.
    expect(page.body).not.toContain('Demonstration content');
    // Other languages keep their own text.
    expect((await second.app.inject({ url: '/fr/about' })).body).not.toContain('A new text for the about page');
  });

  it('drops pages when data changes outside the app, such as an operator’s SQL', async () => {
    await first.app.inject({ url: '/es/' });
    await database.pool.query(
      `UPDATE content_page_translations SET title = 'Título cambiado' WHERE locale = 'es'
         AND page_id = (SELECT id FROM content_pages WHERE slug = 'home')`,
    );
    await waitFor(async () => (await first.app.inject({ url: '/es/' })).body.includes('Título cambiado'));
  });
});

describe('the page cache’s limits', () => {
  it('never holds more bytes than allowed, dropping the least recently used pages', async () => {
    const { createPageCache } = await import('./page-cache.ts');
    const Fastify = (await import('fastify')).default;
    const cache = createPageCache({ maxEntries: 1000, maxBytes: 60_000 });
    const app = Fastify();
    app.get('/page/:n', async (request, reply) =>
      cache.send({
        request,
        reply,
        tables: ['t'],
        // Text that compresses badly, about 10 kB each with its compressed copies.
        render: async () => `${(request.params as { n: string }).n} ${randomText(4000)}`,
      }),
    );
    for (let index = 0; index < 50; index += 1) await app.inject({ url: `/page/${index}` });
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(60_000);
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.entries).toBeLessThan(50);
    // The newest is kept, the oldest dropped.
    const hitsBefore = cache.stats().hits;
    await app.inject({ url: '/page/49' });
    expect(cache.stats().hits).toBe(hitsBefore + 1);
    await app.inject({ url: '/page/0' });
    expect(cache.stats().hits).toBe(hitsBefore + 1);
    await app.close();
  });
});

function randomText(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let text = '';
  for (let index = 0; index < length; index += 1) text += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  return text;
}
