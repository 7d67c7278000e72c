import { describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import { useTestApp } from '../../../testing/test-app.ts';

/**
 * On the sourced starter content (content/demo/pathfinders.json) and one declined request, every
 * expected value counted by hand from that file.
 */
const platform = useTestApp({
  prepare: async (database) => {
    await loadDemonstrationContent(database.db);
    await database.pool.query(`INSERT INTO pathfinder_countries (iso3, stage) VALUES ('ISL', 'declined')`);
    await database.pool.query(
      `INSERT INTO pathfinder_stage_moves (iso3, stage, on_date, note) VALUES ('ISL', 'declined', '2024-05-01', 'Not now')`,
    );
  },
});

const get = (url: string) => platform.server.app.inject({ url });

describe('the public list of pathfinder countries', () => {
  it('shows each country on the map and in the table, without the declined request', async () => {
    const page = await get('/en/pathfinders');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>11 countries</strong>');
    // Map links and table links: one of each per country.
    for (const iso3 of ['NPL', 'MDG', 'FJI', 'NGA', 'MWI', 'PER', 'ARG', 'MEX', 'TUN', 'FRA', 'COD']) {
      expect(page.body.split(`href="/en/pathfinders/${iso3}"`).length - 1, iso3).toBe(2);
    }
    expect(page.body).not.toContain('/en/pathfinders/ISL');
    expect(page.body).toContain('aria-label="Nepal: Strategic planning workshop held"');
    expect(page.body).toContain('<svg class="world-map"');
    expect(page.body).toContain('<td data-label="Since">March 2020</td>');
    expect(page.body).not.toContain('<script');
  });

  it('filters by region and by stage, in every language', async () => {
    const africa = await get('/fr/pathfinders?region=002');
    // Madagascar, Nigeria, Malawi, Tunisia, DR Congo.
    expect(africa.body).toContain('<strong>5 pays</strong>');
    expect(africa.body).not.toContain('href="/fr/pathfinders/NPL"');
    const workshops = await get('/es/pathfinders?stage=strategic_workshop');
    // Nepal and Fiji.
    expect(workshops.body).toContain('<strong>2 países</strong>');
    const none = await get('/en/pathfinders?region=150&stage=implementing');
    expect(none.body).toContain('No country matches these filters.');
    // An unknown filter value shows the whole list.
    expect((await get('/en/pathfinders?stage=declined')).body).toContain('<strong>11 countries</strong>');
  });
});

describe('a country’s public page', () => {
  it('shows its stage and its steps with their sources', async () => {
    const page = await get('/en/pathfinders/NPL');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Nepal</h1>');
    expect(page.body).toContain('<time datetime="2019-02-07">February 7, 2019</time>');
    expect(page.body).toContain('href="https://alliance87.org/events/pathfinder-country-strategic-workshop-nepal"');
    const french = await get('/fr/pathfinders/MDG');
    expect(french.body).toContain('Statut de pays pionnier accordé');
    expect(french.body).toContain('Date non donnée par la source');
    // The source's words stay in English, and say so.
    expect(french.body).toContain('<p lang="en">Pathfinder country; a national committee');
    const spanish = await get('/es/pathfinders/PER');
    expect(spanish.body).toContain('<time datetime="2019-01-01">2019</time>');
  });

  it('sends a lower-case address to the upper-case one, and knows no other country', async () => {
    const lower = await get('/en/pathfinders/npl');
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe('/en/pathfinders/NPL');
    expect((await get('/en/pathfinders/ISL')).statusCode).toBe(404);
    expect((await get('/en/pathfinders/KEN')).statusCode).toBe(404);
    expect((await get('/en/pathfinders/NEPAL')).statusCode).toBe(404);
  });
});

describe('the pathfinders API', () => {
  it('lists the countries with filters and pages, and as CSV', async () => {
    const list = await get('/api/v1/pathfinders?region=002&per_page=2&page=2&locale=fr');
    expect(list.statusCode).toBe(200);
    const body = list.json<{ items: { iso3: string; name: string }[]; total: number; page: number }>();
    expect(body.total).toBe(5);
    expect(body.page).toBe(2);
    // By code: COD, MDG, MWI, NGA, TUN.
    expect(body.items.map((item) => item.iso3)).toEqual(['MWI', 'NGA']);
    expect(body.items[0]!.name).toBe('Malawi');
    const csv = await get('/api/v1/pathfinders?stage=status_granted&format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('iso3,name,region,stage,stage_since,stage_since_precision,status_granted_on,is_pathfinder');
    expect(lines).toHaveLength(8);
    expect(lines).toContain('MWI,Malawi,002,status_granted,2020-03-01,month,,true');
  });

  it('gives one country with its timeline, and the documented error for others', async () => {
    const detail = await get('/api/v1/pathfinders/fra');
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toEqual({
      iso3: 'FRA',
      name: 'France',
      region: '150',
      stage: 'interest_expressed',
      stage_since: '2021-11-09',
      stage_since_precision: 'day',
      status_granted_on: null,
      is_pathfinder: false,
      timeline: [
        {
          stage: 'interest_expressed',
          date: '2021-11-09',
          date_precision: 'day',
          note: 'Asked for pathfinder status, with a national strategy to accelerate the end of forced labour.',
          decision_reference: null,
          decision_date: null,
          source:
            'https://www.diplomatie.gouv.fr/fr/politique-etrangere-de-la-france/la-france-et-les-nations-unies/la-france-et-l-organisation-internationale-du-travail/article/la-france-amplifie-ses-efforts-pour-mettre-fin-au-travail-force-sous-toutes-ses',
        },
      ],
      // Nothing recorded, and nothing invented: no workshop, no sourced commitment or ratification.
      workshops: [],
      commitments_and_standards: { instruments: [], commitments: [], ratifications: [] },
      // No roadmap adopted, no report acknowledged.
      roadmap: null,
      reports: [],
    });
    const missing = await get('/api/v1/pathfinders/ISL');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('not_found');
    const openApi = (await get('/api/v1/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(openApi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/pathfinders', '/api/v1/pathfinders/{iso3}']),
    );
  });
});
