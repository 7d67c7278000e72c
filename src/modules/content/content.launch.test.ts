import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n.ts';
import { prepareDatabase } from '../../startup.ts';
import { testConfig, useTestApp } from '../../testing/test-app.ts';
import { renderHome } from './content.views.ts';

/** A first start as a real launch makes it: without demonstration content. */
const platform = useTestApp({
  config: { DEMO_DATA: 'false' },
  prepare: async (database) => {
    const prepared = await prepareDatabase({ database, config: testConfig({ DEMO_DATA: 'false' }) });
    expect(prepared.demoLoaded).toBe(false);
  },
});

const visit = (url: string) => platform.server.app.inject({ url });

function links(body: string, pattern: RegExp): string[] {
  const block = pattern.exec(body)?.[1] ?? '';
  return [...block.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
}

describe.each(['fr', 'en', 'es'])('a site started without demonstration content, in %s', (locale) => {
  it('answers every link of its menu and footer, with the starting texts', async () => {
    const home = await visit(`/${locale}/`);
    expect(home.statusCode).toBe(200);
    const menu = links(home.body, /<nav class="main-nav[^>]*>(.*?)<\/nav>/s);
    const footer = links(home.body, /<footer[^>]*>(.*?)<\/footer>/s);
    // The menu grows as modules serve their pages; each of its links must answer.
    expect(menu.slice(0, 2)).toEqual([`/${locale}/`, `/${locale}/about`]);
    expect(footer).toEqual([
      `/${locale}/contact`,
      `/${locale}/privacy`,
      `/${locale}/legal`,
      `/${locale}/accessibility`,
      '/api/v1/openapi.json',
      '/sitemap.xml',
    ]);
    for (const url of [...menu, ...footer]) expect((await visit(url)).statusCode, url).toBe(200);
  });

  it('opens the home page with the scale of the problem and no empty counter or missing text', async () => {
    const home = (await visit(`/${locale}/`)).body;
    expect(home).not.toMatch(/no text yet|pas encore de texte|aún no tiene texto/);
    expect(home).not.toMatch(/<strong>0<\/strong>/);
    expect(home).not.toMatch(/[Dd]emonstra|démonstration|demostración/);
    const scale = home.indexOf('id="scale-heading"');
    const counters = home.indexOf('id="counters-heading"');
    expect(scale).toBeGreaterThan(0);
    expect(counters).toBeGreaterThan(scale);
  });
});

describe('the headline figures', () => {
  const counters = {
    partners: {
      total: 0,
      by_kind: { government: 0, international_org: 0, regional_org: 0, workers_org: 0, employers_org: 0, civil_society: 0, academic: 0, other: 0 },
      demonstration: 0,
      by_year: [],
    },
    pathfinder_countries: 0,
    computed_at: '2026-11-30T00:00:00.000Z',
  };
  const figures = [
    {
      latest: {
        key: 'a-2024',
        series: 'a',
        year: 2024,
        value: 138_000_000,
        approximate: true,
        label: { en: 'children in child labour', fr: 'enfants', es: 'niños' },
        detail: { en: 'about 54 million of them in hazardous work', fr: 'x', es: 'y' },
        source: 'ILO and UNICEF, Child Labour: Global Estimates 2024',
        published: '2025-06',
      },
      previous: {
        key: 'a-2020',
        series: 'a',
        year: 2020,
        value: 160_000_000,
        approximate: false,
        label: { en: 'children in child labour', fr: 'enfants', es: 'niños' },
        detail: null,
        source: 'ILO and UNICEF, Child Labour: Global Estimates 2020',
        published: '2021-06',
      },
    },
  ];

  it('shows each figure with its source, the year it counts and when the source was published', () => {
    const page = renderHome({ tr: translator('en'), page: null, figures, counters, now: new Date('2026-11-30T12:00:00Z') }).value;
    expect(page).toContain('<strong>about 138 million</strong> children in child labour in 2024<br>about 54 million of them in hazardous work');
    expect(page).toContain('160 million in 2020.');
    expect(page).toContain('Source: ILO and UNICEF, Child Labour: Global Estimates 2024 (published June 2025).');
    const french = renderHome({ tr: translator('fr'), page: null, figures, counters, now: new Date('2026-11-30T12:00:00Z') }).value;
    expect(french).toContain('<strong>environ 138 millions</strong> enfants en 2024');
    expect(french).toContain('(publié en juin 2025)');
  });

  it('says a deadline has passed once its year is over, and how far the others are', () => {
    const at = (now: string) => renderHome({ tr: translator('en'), page: null, figures, counters, now: new Date(now) }).value;
    expect(at('2026-11-30T12:00:00Z')).toContain('end child labour in all its forms by 2025 (deadline passed)');
    expect(at('2026-11-30T12:00:00Z')).toContain('end forced labour, modern slavery and human trafficking by 2030 (in 4 years)');
    expect(at('2025-12-31T23:00:00Z')).toContain('end child labour in all its forms by 2025 (this year)');
    expect(at('2024-06-01T00:00:00Z')).toContain('by 2025 (next year)');
    expect(renderHome({ tr: translator('es'), page: null, figures, counters, now: new Date('2026-11-30T12:00:00Z') }).value).toContain(
      '(plazo vencido)',
    );
  });

  it('says why there are no counters yet rather than showing zeros', () => {
    const page = renderHome({ tr: translator('en'), page: null, figures, counters, now: new Date('2026-11-30T12:00:00Z') }).value;
    expect(page).toContain('Partners and pathfinder countries appear here as the Secretariat records them.');
    expect(page).not.toContain('<ul class="counters">');
  });
});
