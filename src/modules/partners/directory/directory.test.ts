import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import { regionOfCountry } from '../../../i18n/regions.ts';
import type { Server } from '../../../server.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { readDemoOrganizations } from '../partners.demo.ts';
import { countActivePartnersOn } from '../partners.repository.ts';

let database: TestDatabase;
let server: Server;
const demo = readDemoOrganizations();
const active = demo.filter((entry) => entry.status === 'active');

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemonstrationContent(database.db);
  server = await createTestApp({ database });
});

afterAll(async () => {
  await server?.close();
  await database?.close();
});

async function api(query: string) {
  const response = await server.app.inject({ url: `/api/v1/partners${query}` });
  return { status: response.statusCode, body: response.json() };
}

describe('the partner directory', () => {
  it('lists the active partners only, with their number', async () => {
    const page = await server.app.inject({ url: '/en/partners?per_page=100' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`${active.length} partners`);
    const withdrawn = demo.find((entry) => entry.status === 'withdrawn')!;
    expect(page.body).not.toContain(`/en/partners/${withdrawn.slug}"`);
    expect(page.body).toContain('demonstration');
    expect(page.body).toContain('href="/en/partners/apply"');
  });

  it('folds its filters above the results, closed, and offers every filter as checkboxes', async () => {
    const countries = [...new Set(active.map((entry) => entry.country).filter(Boolean))] as string[];
    const [first, second] = countries;
    const page = await server.app.inject({ url: `/en/partners?country=${first}&country=${second}` });
    expect(page.statusCode).toBe(200);
    const main = page.body.slice(page.body.indexOf('<main'));
    // Closed: on a phone the first result shows without scrolling past the filters.
    expect(main).toMatch(
      /<details class="filters-fold">\s*<summary>Search and filters <span class="count">\(2 chosen\)<\/span><\/summary>/,
    );
    expect(main.indexOf('<details')).toBeLessThan(main.indexOf('<form method="get"'));
    expect(main.indexOf('</details>')).toBeLessThan(main.indexOf('class="directory-results"'));
    expect(main).not.toContain('multiple');
    expect(main).not.toContain('<select id="f-country"');
    for (const country of countries) expect(main).toContain(`name="country" value="${country}"`);
    expect(main).toContain(`id="f-country-${first}" name="country" value="${first}" checked`);
    expect(main).toContain(`id="f-country-${second}" name="country" value="${second}" checked`);
    const byKind = await server.app.inject({ url: '/en/partners?kind=academic' });
    expect(byKind.body).toContain('id="f-kind-academic" name="kind" value="academic" checked');
    const unfiltered = await server.app.inject({ url: '/en/partners' });
    expect(unfiltered.body).toContain('<summary>Search and filters</summary>');
  });

  it('combines filters: values of one filter widen, different filters narrow', async () => {
    const expected = active.filter(
      (entry) =>
        ['civil_society', 'workers_org'].includes(entry.kind) &&
        ['002', '142'].includes(regionOfCountry(entry.country) ?? '') &&
        entry.action_groups.some((group) => ['migration', 'supply-chains'].includes(group)),
    );
    const result = await api(
      '?kind=civil_society&kind=workers_org&region=002&region=142&action_group=migration&action_group=supply-chains&per_page=200',
    );
    expect(result.status).toBe(200);
    expect(result.body.total).toBe(expected.length);
    expect(result.body.items.map((item: { slug: string }) => item.slug).sort()).toEqual(
      expected.map((entry) => entry.slug).sort(),
    );
  });

  it('counts, for each filter value, the partners the other filters leave', async () => {
    const page = await server.app.inject({ url: '/en/partners?kind=academic&region=150' });
    const academicByRegion = active.filter((entry) => entry.kind === 'academic');
    const inAfrica = academicByRegion.filter((entry) => regionOfCountry(entry.country) === '002').length;
    expect(page.body).toMatch(
      new RegExp(`value="002"[^>]*> <label for="f-region-002">Africa <span class="count">\\(${inAfrica}\\)`),
    );
    const europeans = active.filter((entry) => regionOfCountry(entry.country) === '150');
    const civilInEurope = europeans.filter((entry) => entry.kind === 'civil_society').length;
    expect(page.body).toMatch(
      new RegExp(`f-kind-civil_society">Civil society organization <span class="count">\\(${civilInEurope}\\)`),
    );
  });

  it('finds partners by name, whatever the accents and the language', async () => {
    const target = active.find((entry) => entry.names.fr && /[éèàç]/.test(entry.names.fr))!;
    const word = target.names.fr!.split(/\s+/).find((part) => /[éèàç]/.test(part) && part.length > 4)!;
    const plain = word.normalize('NFD').replace(/\p{Diacritic}/gu, '');
    const result = await api(`?q=${encodeURIComponent(plain)}&per_page=200`);
    expect(result.body.items.map((item: { slug: string }) => item.slug)).toContain(target.slug);
  });

  it('pages and sorts', async () => {
    const first = await api('?per_page=10&sort=newest');
    const second = await api('?per_page=10&page=2&sort=newest');
    expect(first.body.items).toHaveLength(10);
    expect(first.body.total).toBe(active.length);
    const dates = [...first.body.items, ...second.body.items].map((item: { joined_on: string }) => item.joined_on);
    expect([...dates].sort().reverse()).toEqual(dates);
    // Each partner keeps its own date (not one shared by all).
    expect(new Set(dates).size).toBeGreaterThan(10);
    const newest = [...active].sort((a, b) => b.joined_on.localeCompare(a.joined_on))[0]!;
    expect(first.body.items[0]).toMatchObject({ slug: newest.slug, joined_on: newest.joined_on });
    const html = await server.app.inject({ url: '/fr/partners?per_page=10&page=2' });
    expect(html.body).toContain('rel="prev"');
    expect(html.body).toContain('Page 2 sur');
  });

  it('says so when nothing matches, and ignores unknown filter values on the page', async () => {
    const none = await server.app.inject({ url: '/es/partners?q=zzzzzz' });
    expect(none.body).toContain('Ningún socio coincide con estos filtros.');
    const odd = await server.app.inject({ url: '/en/partners?kind=pirates' });
    expect(odd.statusCode).toBe(200);
  });
});

describe('a partner profile', () => {
  it('shows the partner in the reader’s language, or says which language it is in', async () => {
    const full = active.find((entry) => entry.names.es && entry.names.fr)!;
    const page = await server.app.inject({ url: `/es/partners/${full.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<h1>${full.names.es!.replace(/'/g, '&#39;')}</h1>`);
    expect(page.body).toContain('Ficha de demostración');
    const missingSpanish = active.find((entry) => !entry.names.es)!;
    const fallback = await server.app.inject({ url: `/es/partners/${missingSpanish.slug}` });
    expect(fallback.body).toContain('Este texto aún no está disponible en español.');
    expect(fallback.body).toMatch(/<h1 lang="(fr|en)">/);
  });

  it('is not found for a withdrawn or unknown organization', async () => {
    const withdrawn = demo.find((entry) => entry.status === 'withdrawn')!;
    expect((await server.app.inject({ url: `/en/partners/${withdrawn.slug}` })).statusCode).toBe(404);
    expect((await server.app.inject({ url: '/en/partners/no-such-partner' })).statusCode).toBe(404);
    expect((await api('/no-such-partner')).status).toBe(404);
  });
});

describe('downloads and API', () => {
  it('gives the public fields as JSON, never the private contacts', async () => {
    const result = await api('?per_page=5&locale=fr');
    expect(result.body).toMatchObject({ page: 1, per_page: 5, total: active.length });
    const item = result.body.items[0];
    expect(Object.keys(item).sort()).toEqual(
      [
        'action_groups',
        'country',
        'descriptions',
        'is_demo',
        'joined_on',
        'kind',
        'name',
        'names',
        'region',
        'slug',
        'website',
      ].sort(),
    );
    expect(JSON.stringify(result.body)).not.toContain('contact');
  });

  it('gives every matching partner as CSV', async () => {
    const response = await server.app.inject({ url: '/api/v1/partners?format=csv&kind=academic' });
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('alliance87-partners.csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'slug,name_fr,name_en,name_es,description_fr,description_en,description_es,kind,country,region,website,action_groups,joined_on,is_demo',
    );
    expect(lines).toHaveLength(1 + active.filter((entry) => entry.kind === 'academic').length);
  });

  it('refuses unknown filter values with the documented error shape', async () => {
    const result = await api('?kind=pirates');
    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe('validation_failed');
    expect(result.body.error.details[0].path).toBe('kind');
  });
});

describe('the counters', () => {
  it('follow the records, and the cached home page changes with them', async () => {
    const before = await server.app.inject({ url: '/en/' });
    // 44 active partners in content/demo/organizations.json, counted by hand.
    expect(before.body).toContain('<strong>44</strong> partner organizations');
    await database.pool.query(`UPDATE organizations SET status = 'suspended' WHERE slug = $1`, [active[0]!.slug]);
    const deadline = Date.now() + 5000;
    let after = before;
    while (Date.now() < deadline) {
      after = await server.app.inject({ url: '/en/' });
      if (after.body.includes('<strong>43</strong>')) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(after.body).toContain('<strong>43</strong> partner organizations');
  });

  it('are given for the end of each year, as the history tells, on the home page and in the API', async () => {
    const stats = (await server.app.inject({ url: '/api/v1/stats' })).json<{
      partners: { by_year: { year: number; date: string; total: number }[] };
    }>();
    // Counted by hand from content/demo/organizations.json (who joined when, who left when).
    expect(stats.partners.by_year.slice(0, 10)).toEqual(
      [1, 9, 18, 26, 34, 40, 40, 41, 42, 42].map((total, index) => ({
        year: 2016 + index,
        date: `${2016 + index}-12-31`,
        total,
      })),
    );
    // The last one joined in 2026: from then on, 44 (this year's count is today's).
    const since2026 = stats.partners.by_year.slice(10);
    expect(since2026[0]?.year).toBe(2026);
    for (const entry of since2026) expect(entry.total).toBe(44);
    const home = await server.app.inject({ url: '/fr/' });
    expect(home.body).toContain('<figcaption>Les organisations partenaires au fil des ans</figcaption>');
    expect(home.body).toMatch(
      /<svg class="chart"[^>]* role="img" aria-labelledby="partners-over-time-title partners-over-time-desc"/,
    );
    expect(home.body).toContain('<tr><th scope="row">2016</th><td>1</td></tr>');
    expect(home.body).toContain(': 1 en 2016, ');
  });

  it('can be computed for any past date from the status history', async () => {
    // Counted by hand: 26 demonstration partners had joined by that day, none had left yet.
    expect(await countActivePartnersOn(database.db, '2020-01-01')).toBe(26);
  });
});
