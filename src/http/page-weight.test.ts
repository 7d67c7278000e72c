import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../demo.ts';
import { readDemoStories } from '../modules/news/index.ts';
import { CLI_ACTOR } from '../modules/audit/index.ts';
import { importObservations } from '../modules/data/index.ts';
import { readDemoOrganizations } from '../modules/partners/index.ts';
import { useTestApp } from '../testing/test-app.ts';

/**
 * A public page and everything it loads must fit in the first round trips of a slow mobile
 * connection: about 14 kB arrive in the first one (ten TCP segments). The budget is for the
 * compressed bytes a browser receives: the HTML, the stylesheet, scripts and images.
 */
const FIRST_ROUND_TRIP_BYTES = 14 * 1024;

const test = useTestApp({
  prepare: async (database) => {
    await loadDemonstrationContent(database.db);
    // The world's child-labour figures, for the embeddable chart (other sites frame it).
    await importObservations({
      db: database.db,
      file: fs.createReadStream('content/data/examples/child-labour-world-2020.csv'),
      options: { format: 'tidy', fileName: 'child-labour-world-2020.csv', dryRun: false, createIndicators: true },
      actor: CLI_ACTOR,
    });
  },
});
const partner = readDemoOrganizations().find((entry) => entry.status === 'active')!.slug;
/** A story with its picture (every demonstration story has one). */
const story = readDemoStories()[0]!.slug;

async function receivedBytes(url: string): Promise<number> {
  const response = await test.server.app.inject({ url, headers: { 'accept-encoding': 'br' } });
  expect(response.statusCode, url).toBe(200);
  return response.rawPayload.length;
}

describe.each(['fr', 'en', 'es'])('the weight of public pages in %s', (locale) => {
  it.each([
    '/',
    '/about',
    '/partners',
    `/partners/${partner}`,
    '/partners/apply',
    '/sign-in',
    '/pathfinders',
    '/pathfinders/NPL',
    '/countries/NPL',
    '/pathfinders/apply',
    '/news',
    `/news/${story}`,
    '/data/8.7.1/embed',
  ])(`/${locale}%s with all it loads fits in the first round trip`, async (path) => {
    const url = `/${locale}${path}`;
    const html = (await test.server.app.inject({ url })).body;
    // Every resource the page loads from the platform (stylesheet, scripts, images).
    const resources = [...html.matchAll(/(?:href|src)="(\/(?:assets|media)\/[^"]+)"/g)].map((match) => match[1]!);
    expect(resources.some((resource) => resource.endsWith('.css'))).toBe(true);
    // The news pages are weighed with their pictures.
    if (path.startsWith('/news')) expect(resources.some((resource) => resource.startsWith('/media/news/'))).toBe(true);
    // Nothing comes from elsewhere.
    expect(html).not.toMatch(/(?:src|href)="https?:\/\/(?!platform\.test)[^"]*\.(?:js|css|woff2?)"/);
    let total = await receivedBytes(url);
    for (const resource of new Set(resources)) total += await receivedBytes(resource);
    expect(total, `${url} and its resources weigh ${total} bytes`).toBeLessThan(FIRST_ROUND_TRIP_BYTES);
  });
});
