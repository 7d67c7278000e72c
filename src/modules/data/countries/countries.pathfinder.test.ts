import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';

/**
 * What a profile shows of a pathfinder country and of the news about it. Nepal is a pathfinder with
 * an adopted roadmap (and a superseded one before it), two standards, a law and a commitment;
 * Kenya is on the path with none of them; Andorra is not on the path. Stories: three published
 * about Nepal (one of them also about Kenya), one about Kenya only, a draft and a story scheduled
 * far ahead about Nepal, which no reader sees.
 */
const platform = useTestApp({
  prepare: async (database) => {
    const run = (sql: string) => database.pool.query(sql);
    await run(`INSERT INTO pathfinder_countries (iso3, stage, report_due_on) VALUES
      ('NPL', 'implementing', '2999-03-31'), ('KEN', 'mapping', NULL)`);
    await run(`INSERT INTO pathfinder_roadmap_versions (id, iso3, number, status, locale, adopted_on) VALUES
      (901, 'NPL', 1, 'superseded', 'en', '2023-02-01'), (902, 'NPL', 2, 'adopted', 'en', '2025-03-14')`);
    await run(`INSERT INTO pathfinder_roadmap_priorities (version_id, key, position, title) VALUES
      (901, 'P1', 1, 'An old priority'),
      (902, 'P1', 1, 'Laws and policies'), (902, 'P2', 2, 'Children out of brick kilns')`);
    await run(`INSERT INTO pathfinder_roadmap_actions
      (version_id, priority_key, key, position, title, responsible_body, start_on, end_on, status) VALUES
      (901, 'P1', 'A1', 1, 'An old action', 'Ministry of Labour', '2023-01-01', '2023-12-31', 'completed'),
      (902, 'P1', 'A1', 1, 'Revise the Labour Act', 'Ministry of Labour', '2025-01-01', '2026-06-30', 'in_progress'),
      (902, 'P1', 'A2', 2, 'Train labour inspectors', 'Department of Labour', '2025-04-01', '2027-03-31', 'planned')`);
    await run(`INSERT INTO pathfinder_ratifications (iso3, standard, status, on_date, source) VALUES
      ('NPL', 'C138', 'ratified', '1997-05-30', 'https://normlex.ilo.org/nepal-c138'),
      ('NPL', 'palermo', 'acceded', '2020-06-16', 'UN Treaty Collection, chapter XVIII')`);
    await run(`INSERT INTO pathfinder_instruments (iso3, kind, title, year) VALUES
      ('NPL', 'law', 'Child Labour (Prohibition and Regulation) Act', 2000)`);
    await run(`INSERT INTO pathfinder_commitments (iso3, commitment, year, note, source) VALUES
      ('NPL', 'call_to_action', 2017, 'Endorsed in Buenos Aires', 'https://www.alliance87.org/call')`);
    await run(`INSERT INTO news_stories (id, slug, status, publish_at, countries, source_locale) VALUES
      (801, 'kilns-2024', 'published', '2024-05-02T09:00:00Z', '{NPL}', 'en'),
      (802, 'inspectors-2025', 'published', '2025-02-10T09:00:00Z', '{NPL,KEN}', 'en'),
      (803, 'act-2025', 'published', '2025-09-01T09:00:00Z', '{NPL}', 'fr'),
      (804, 'nairobi-2025', 'published', '2025-10-01T09:00:00Z', '{KEN}', 'en'),
      (805, 'draft-npl', 'draft', NULL, '{NPL}', 'en'),
      (806, 'scheduled-npl', 'published', '2999-01-01T09:00:00Z', '{NPL}', 'en')`);
    await run(`INSERT INTO news_story_translations (story_id, locale, title) VALUES
      (801, 'en', 'Children leave the brick kilns'), (801, 'fr', 'Des enfants quittent les briqueteries'),
      (802, 'en', 'Labour inspectors trained in two countries'),
      (803, 'fr', 'La loi sur le travail révisée'),
      (804, 'en', 'A meeting in Nairobi'),
      (805, 'en', 'Not ready'), (806, 'en', 'Not yet')`);
  },
});

async function get(url: string): Promise<string> {
  const response = await platform.server.app.inject({ url });
  expect(response.statusCode, url).toBe(200);
  return response.body;
}

/** The text of a part of the page, from one id to another, without tags or extra spaces. */
function textBetween(body: string, from: string, to: string): string {
  const start = body.indexOf(`id="${from}"`);
  const end = body.indexOf(`id="${to}"`, start);
  expect(start, from).toBeGreaterThan(-1);
  return body
    .slice(start, end === -1 ? undefined : end)
    .replace(/<\/?(?:a|span|strong|time|small)\b[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('a pathfinder country’s profile', () => {
  it('shows the adopted roadmap in short: each priority and each action’s status', async () => {
    const page = await get('/en/countries/NPL');
    const roadmap = textBetween(page, 'roadmap-summary', 'instruments-heading');
    expect(roadmap).toContain('Version 2, adopted on March 14, 2025.');
    expect(roadmap).toContain(
      'Laws and policies Revise the Labour Act — In progress Train labour inspectors — Planned',
    );
    expect(roadmap).toContain('Children out of brick kilns No action under this priority.');
    expect(roadmap).not.toContain('An old');
    expect(page).toContain('<strong lang="en">Laws and policies</strong>');
    expect(page).toContain('href="/en/pathfinders/NPL#roadmap"');
  });

  it('shows the yearly report’s light with its words', async () => {
    const page = await get('/en/countries/NPL');
    expect(page).toContain('<span class="light light-green">');
    expect(textBetween(page, 'pathfinder', 'roadmap-summary')).toContain('On time · due on March 31, 2999');
  });

  it('shows each standard’s status, date and source, and the laws and commitments recorded', async () => {
    const page = await get('/en/countries/NPL');
    const standards = textBetween(page, 'ratifications-heading', 'partners');
    expect(standards).toContain('ILO C138, Minimum Age Convention, 1973 Ratified May 30, 1997 normlex.ilo.org');
    expect(standards).toContain('Acceded June 16, 2020 UN Treaty Collection, chapter XVIII');
    expect(standards).toContain('No sourced information');
    expect(page).toContain('href="https://normlex.ilo.org/nepal-c138"');
    expect(textBetween(page, 'instruments-heading', 'commitments-list-heading')).toContain(
      'Child Labour (Prohibition and Regulation) Act Law 2000',
    );
    expect(textBetween(page, 'commitments-list-heading', 'ratifications-heading')).toContain(
      '2017. Endorsed in Buenos Aires',
    );
    expect(page).toContain('href="/en/pathfinders/NPL#commitments-heading"');
  });

  it('is in French and Spanish', async () => {
    const french = await get('/fr/countries/NPL');
    expect(textBetween(french, 'roadmap-summary', 'instruments-heading')).toContain(
      'Revise the Labour Act — En cours Train labour inspectors — Prévue',
    );
    expect(french).toContain('Sources et détails sur la page du pays pionnier : Népal');
    const spanish = await get('/es/countries/NPL');
    expect(spanish).toContain('Fuentes y detalles en la página del país pionero: Nepal');
    expect(textBetween(spanish, 'ratifications-heading', 'partners')).toContain('Ratificada 30 de mayo de 1997');
  });

  it('gives the same in the API', async () => {
    const body = (await platform.server.app.inject({ url: '/api/v1/countries/NPL' })).json();
    expect(body.pathfinder).toMatchObject({
      stage: 'implementing',
      report_due_on: '2999-03-31',
      report_light: 'green',
      url: 'http://platform.test/en/pathfinders/NPL',
      roadmap: {
        version: 2,
        adopted_on: '2025-03-14',
        language: 'en',
        status_from_report_year: null,
        priorities: [
          {
            key: 'P1',
            title: 'Laws and policies',
            actions: [
              { key: 'A1', title: 'Revise the Labour Act', status: 'in_progress' },
              { key: 'A2', title: 'Train labour inspectors', status: 'planned' },
            ],
          },
          { key: 'P2', title: 'Children out of brick kilns', actions: [] },
        ],
      },
    });
    expect(body.pathfinder.commitments_and_standards).toEqual({
      instruments: [{ kind: 'law', title: 'Child Labour (Prohibition and Regulation) Act', year: 2000, url: null }],
      commitments: [
        {
          commitment: 'call_to_action',
          year: 2017,
          note: 'Endorsed in Buenos Aires',
          source: 'https://www.alliance87.org/call',
        },
      ],
      ratifications: expect.arrayContaining([
        { standard: 'C138', status: 'ratified', date: '1997-05-30', source: 'https://normlex.ilo.org/nepal-c138' },
        { standard: 'palermo', status: 'acceded', date: '2020-06-16', source: 'UN Treaty Collection, chapter XVIII' },
      ]),
    });
    expect(body.pathfinder.commitments_and_standards.ratifications).toHaveLength(2);
  });
});

describe('a country on the path without a roadmap or standards', () => {
  it('says so, on the page and in the API', async () => {
    const page = await get('/en/countries/KEN');
    expect(page).toContain('Kenya has no adopted roadmap yet.');
    expect(textBetween(page, 'instruments-heading', 'commitments-list-heading')).toContain('None recorded.');
    expect(textBetween(page, 'ratifications-heading', 'partners').match(/No sourced information/g)).toHaveLength(6);
    const body = (await platform.server.app.inject({ url: '/api/v1/countries/KEN' })).json();
    expect(body.pathfinder).toMatchObject({
      stage: 'mapping',
      roadmap: null,
      commitments_and_standards: { instruments: [], commitments: [], ratifications: [] },
    });
  });
});

describe('the news on a profile', () => {
  it('lists the latest published stories about the country, newest first, with their dates', async () => {
    const page = await get('/en/countries/NPL');
    const news = textBetween(page, 'news', 'never');
    expect(news).toContain(
      'La loi sur le travail révisée · September 1, 2025 ' +
        'Labour inspectors trained in two countries · February 10, 2025 ' +
        'Children leave the brick kilns · May 2, 2024',
    );
    expect(news).not.toContain('Nairobi');
    expect(news).not.toContain('Not ready');
    expect(news).not.toContain('Not yet');
    // A story without the reader's language is shown in its own, and says so.
    expect(page).toContain('<a href="/en/news/act-2025" lang="fr">La loi sur le travail révisée</a>');
    expect(page).toContain('href="/en/news?country=NPL"');
    const french = await get('/fr/countries/NPL');
    expect(french).toContain('<a href="/fr/news/kilns-2024">Des enfants quittent les briqueteries</a>');
  });

  it('says when there is none', async () => {
    expect(await get('/en/countries/AND')).toContain('No news story about Andorra has been published.');
    expect(await get('/es/countries/AND')).toContain('No se ha publicado ninguna noticia sobre este país: Andorra.');
  });

  it('is in the API', async () => {
    const body = (await platform.server.app.inject({ url: '/api/v1/countries/KEN?locale=fr' })).json();
    expect(body.news).toEqual([
      {
        slug: 'nairobi-2025',
        title: 'A meeting in Nairobi',
        language: 'en',
        published_at: '2025-10-01T09:00:00.000Z',
        url: 'http://platform.test/fr/news/nairobi-2025',
      },
      {
        slug: 'inspectors-2025',
        title: 'Labour inspectors trained in two countries',
        language: 'en',
        published_at: '2025-02-10T09:00:00.000Z',
        url: 'http://platform.test/fr/news/inspectors-2025',
      },
    ]);
  });
});

describe('the news API', () => {
  it('gives each story’s countries and filters by country', async () => {
    const kenya = (await platform.server.app.inject({ url: '/api/v1/news?country=KEN' })).json();
    expect(kenya.total).toBe(2);
    expect(kenya.items.map((item: { slug: string; countries: string[] }) => [item.slug, item.countries])).toEqual([
      ['nairobi-2025', ['KEN']],
      ['inspectors-2025', ['NPL', 'KEN']],
    ]);
    const nepal = (await platform.server.app.inject({ url: '/api/v1/news?country=npl' })).json();
    expect(nepal.items.map((item: { slug: string }) => item.slug)).toEqual([
      'act-2025',
      'inspectors-2025',
      'kilns-2024',
    ]);
    const none = await platform.server.app.inject({ url: '/api/v1/news?country=XYZ' });
    expect(none.statusCode).toBe(400);
  });
});
