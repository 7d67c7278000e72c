import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import { useTestApp } from '../../../testing/test-app.ts';
import { CLI_ACTOR } from '../../audit/index.ts';
import { importObservations } from '../import/import.usecases.ts';

/**
 * Country profiles on the real files of content/data/ (UN SDG 8.7.1 and detected victims, ILOSTAT)
 * and the demonstration content (Nigeria is a pathfinder country there, with one partner based in
 * it). Every figure expected below was read by hand from those files: the `nga` and `566` rows.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const FILES: [string, 'unsdg' | 'ilostat'][] = [
  ['un_sdg/ddf--datapoints--sl_tlf_chldec--by--age--geo_area--nature--sex--units--year.csv', 'unsdg'],
  ['un_sdg/ddf--datapoints--vc_htf_detv--by--age--geo_area--nature--sex--units--year.csv', 'unsdg'],
  ['ilostat/ddf--datapoints--cld_xchl_sex_age_rt--age_5_17_extract.csv', 'ilostat'],
];

const platform = useTestApp({
  prepare: async (database) => {
    await loadDemonstrationContent(database.db);
    for (const [file, format] of FILES) {
      const report = await importObservations({
        db: database.db,
        file: fs.createReadStream(path.join(root, 'content/data', file)),
        options: { format, fileName: path.basename(file), dryRun: false, createIndicators: true },
        actor: CLI_ACTOR,
      });
      if (!report.written) throw new Error(JSON.stringify(report.problems));
    }
  },
});

async function get(url: string) {
  const response = await platform.server.app.inject({ url });
  expect(response.statusCode, url).toBe(200);
  return response.body;
}

/** The rows of the table whose caption starts with `caption`, as text cells. */
function tableRows(body: string, caption: string): string[][] {
  const start = body.indexOf(`<caption id="series-`);
  expect(start, 'a series table').toBeGreaterThan(-1);
  const tables = body.split('<table').filter((table) => table.includes(`">${caption}`));
  expect(tables, caption).toHaveLength(1);
  return [...tables[0]!.matchAll(/<tr><th scope="row">(.*?)<\/tr>/g)].map((row) =>
    `<th>${row[1]!}`
      .split(/<\/t[hd]>/)
      .filter((cell) => cell.trim() !== '')
      .map((cell) =>
        cell
          .replace(/<br>/g, ' ')
          .replace(/<[^>]+>/g, '')
          .replace(/&lt;/g, '<')
          .trim(),
      ),
  );
}

describe('a country profile with real data', () => {
  it('shows the 8.7.1 series by sex and age with their sources, and detected victims of trafficking', async () => {
    const page = await get('/en/countries/NGA');
    expect(page).toContain('<h1>Nigeria</h1>');
    expect(page).toContain('<dt>Region</dt><dd>Africa</dd>');
    // ILOSTAT, nga: sex_t, sex_f, sex_m for 2017 and 2022.
    expect(tableRows(page, 'CLD_XCHL_SEX_AGE_RT, Percent')).toEqual([
      ['2017', 'Ages 5–17', '28.02 %', '26.892 %', '29.113 %', '', expect.stringContaining('ILOSTAT')],
      ['2022', 'Ages 5–17', '29.188 %', '28.418 %', '29.928 %', '', expect.stringContaining('ILOSTAT')],
    ]);
    // UN SDG SL_TLF_CHLDEC, geo_area 566: 2021, nature c.
    expect(tableRows(page, 'SL_TLF_CHLDEC, Percent')).toEqual([
      [
        '2021',
        'Ages 5–17',
        '31.494 %',
        '29.979 %',
        '32.955 %',
        'country data',
        'UN Statistics Division, SDG Global Database (via Gapminder open-numbers, CC BY 4.0)',
      ],
    ]);
    // UN SDG VC_HTF_DETV, geo_area 566, 2017: ages 18, lt18y and allage.
    const victims = tableRows(page, 'VC_HTF_DETV, Number');
    expect(victims.filter((row) => row[0] === '2017').map((row) => row.slice(0, 5))).toEqual(
      expect.arrayContaining([
        ['2017', 'Ages 18+', '1,107', '106', '1,001'],
        ['2017', 'Ages <18', '783', '360', '423'],
        ['2017', 'All ages', '1,890', '466', '1,424'],
      ]),
    );
    expect(page).toContain('compare years within a series, not across series');
  });

  it('sums up the data available by theme and says when a theme has none', async () => {
    const page = await get('/en/countries/NGA');
    const availability = page.slice(page.indexOf('id="availability"'), page.indexOf('id="progress"'));
    const rows = [...availability.matchAll(/<tr>(<td.*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()),
    );
    expect(rows).toEqual([
      ['Child labour (SDG indicator 8.7.1)', 'CLD_XCHL_SEX_AGE_RT', '2017, 2022'],
      ['Child labour (SDG indicator 8.7.1)', 'SL_TLF_CHLDEC', '2021'],
      ['Forced labour', '—', 'no data'],
      ['Detected victims of human trafficking (SDG indicator 16.2.2)', 'VC_HTF_DETV', '2008–2020'],
    ]);
  });

  it('assesses progress to the end of child labour by 2025 for each prevalence series', async () => {
    const page = await get('/en/countries/NGA');
    // 28.02 % (2017) → 29.188 % (2022): (29.188 / 28.02)^(1/5) − 1 = +0.82 % a year.
    // Needed from 29.188 % in 2022 to 1 % in 2025: 1 − (1 / 29.188)^(1/3) = 67.52 % a year.
    expect(page).toContain('CLD_XCHL_SEX_AGE_RT, Ages 5–17: end by 2025');
    expect(page).toContain('Observed trend, 2017 to 2022: +0.8 % a year (28.02 % → 29.188 %).');
    expect(page).toContain('Yearly reduction needed from 2022 to reach 1 % by 2025: 67.5 % a year.');
    expect(page).toMatch(/verdict-off_track"><p class="progress-series">CLD_XCHL_SEX_AGE_RT/);
    // One UN SDG observation (2021).
    expect(page).toMatch(/verdict-insufficient_data"><p class="progress-series">SL_TLF_CHLDEC/);
    expect(page).toContain('SL_TLF_CHLDEC, Ages 5–17: end by 2025');
    expect(page).toContain('One observation only: a trend needs two.');
    expect(page).toContain('id="progress-method"');
    // Counts of detected victims get no verdict.
    expect(page).not.toMatch(/progress-series">VC_HTF/);
  });

  it('shows the pathfinder record and the partners based there, with links', async () => {
    const page = await get('/en/countries/NGA');
    expect(page).toContain('<dt>Stage</dt><dd>Pathfinder status granted</dd>');
    expect(page).toContain('href="/en/pathfinders/NGA"');
    expect(page).toContain('href="/en/partners/open-threshold-survivors-centre"');
    expect(page).toContain('Civil society organization');
    // And the pathfinder page and the indicator page link back to the profile.
    expect(await get('/en/pathfinders/NGA')).toContain('href="/en/countries/NGA">Country profile of Nigeria</a>');
    const indicator = await get('/en/data/CLD_XCHL_SEX_AGE_RT?geo=NGA');
    expect(indicator).toContain('href="/en/countries/NGA">Country profile of Nigeria</a>');
    expect(indicator).toMatch(/verdict-off_track/);
  });

  it('is in French and Spanish too', async () => {
    const french = await get('/fr/countries/NGA');
    expect(french).toContain('<h1>Nigéria</h1>');
    expect(french).toContain('Pas en bonne voie');
    expect(french).toContain('Comment le progrès est évalué');
    const spanish = await get('/es/countries/NGA');
    expect(spanish).toContain('Fuera de camino');
    expect(spanish).toContain('Cómo se evalúa el avance');
  });
});

describe('the world on the indicator page', () => {
  it('says insufficient data when the world has one observation (UN SDG, 2020 only)', async () => {
    const page = await get('/en/data/SL_TLF_CHLDEC');
    expect(page).toMatch(/verdict-insufficient_data/);
    expect(page).not.toContain('Country profile of');
  });
});

describe('the indicator page’s world map', () => {
  /** The map's links (name and address) and the rows of the table that follows it. */
  function mapOf(body: string) {
    const svg = /<svg class="world-map choropleth"[\s\S]*?<\/svg>/.exec(body)![0];
    const table = body.slice(body.indexOf('<div id="map-table">'));
    return {
      links: [...svg.matchAll(/<a href="([^"]+)" aria-label="([^"]+)"/g)].map((match) => [match[1], match[2]]),
      rows: [...table.matchAll(/<tr><td data-label="Country"><a href="([^"]+)">/g)].map((match) => match[1]),
    };
  }

  it('shows by default the year with most countries, both sexes, each country linking its profile', async () => {
    // UN SDG SL_TLF_CHLDEC, ages 5_17, bothsex: 18 countries in 2019, more than in any other year.
    const page = await get('/en/data/SL_TLF_CHLDEC');
    expect(page).toContain('<option value="2019" selected>2019</option>');
    expect(page).toContain('<option value="total" selected>Total</option>');
    const map = mapOf(page);
    expect(map.rows).toHaveLength(18);
    expect(map.rows).toContain('/en/countries/MEX');
    // Mexico, 2019, ca: 5.994.
    expect(map.links).toContainEqual(['/en/countries/MEX', 'Mexico: 5.994 % (country data, adjusted)']);
    expect(page).toContain('Values by country: 2019, Total');
  });

  it('draws the year and sex chosen with the form, with a legend of the classes used', async () => {
    // 2021, female: Fiji 242, Nigeria 566, Viet Nam 704.
    const page = await get('/en/data/SL_TLF_CHLDEC?year=2021&sex=female');
    const map = mapOf(page);
    expect(map.rows).toHaveLength(3);
    expect(map.links).toContainEqual(['/en/countries/NGA', 'Nigeria: 29.979 % (country data)']);
    expect(page).toContain('Values by country: 2021, Girls and women');
    expect(page).toMatch(/<span class="swatch choropleth-\d" aria-hidden="true"><\/span>/);
    expect(page).toContain('<option value="female" selected>Girls and women</option>');
  });
});

describe('a country without data', () => {
  it('says what is missing', async () => {
    const page = await get('/en/countries/AND');
    expect(page).toContain('<h1>Andorra</h1>');
    expect(page).toContain('No child labour data (SDG indicator 8.7.1) for Andorra is in the platform.');
    expect(page).toContain(
      'No data on detected victims of trafficking (SDG indicator 16.2.2) for Andorra is in the platform.',
    );
    expect(page).toContain('progress to the target cannot be assessed');
    expect(page).toContain('Andorra is not on the path of pathfinder countries.');
    expect(page).toContain('No partner of the Alliance is based in Andorra.');
  });
});

describe('addresses', () => {
  it('sends a lower-case code to the upper-case address and answers 404 for a code that is not a country', async () => {
    const lower = await platform.server.app.inject({ url: '/fr/countries/nga' });
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe('/fr/countries/NGA');
    expect((await platform.server.app.inject({ url: '/en/countries/XYZ' })).statusCode).toBe(404);
    expect((await platform.server.app.inject({ url: '/api/v1/countries/XYZ' })).statusCode).toBe(404);
  });

  it('lists the profiles of countries with data or a pathfinder record in the sitemap', async () => {
    const sitemap = await get('/sitemap.xml');
    expect(sitemap).toContain('<loc>http://platform.test/en/countries/NGA</loc>');
    // A pathfinder country (demonstration content) and a country with data only (ILOSTAT, afg).
    expect(sitemap).toContain('<loc>http://platform.test/es/countries/FJI</loc>');
    expect(sitemap).toContain('<loc>http://platform.test/fr/countries/AFG</loc>');
    expect(sitemap).not.toContain('/countries/AND');
  });
});

describe('the API', () => {
  it('gives the same profile as JSON', async () => {
    const response = await platform.server.app.inject({ url: '/api/v1/countries/nga?locale=fr' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ iso3: 'NGA', name: 'Nigéria', region: '002' });
    const victims = body.series.find((entry: { indicator: string }) => entry.indicator === 'VC_HTF_DETV');
    expect(victims).toMatchObject({ theme: 'trafficking', unit: 'number' });
    expect(victims.observations).toContainEqual({
      year: 2017,
      sex: 'total',
      age: '18+',
      value: 1107,
      lower: null,
      upper: null,
      nature: 'C',
      source: 'UN Statistics Division, SDG Global Database (via Gapminder open-numbers, CC BY 4.0)',
      footnote: '',
      disaggregations: {},
    });
    const progress = body.progress.find((entry: { indicator: string }) => entry.indicator === 'CLD_XCHL_SEX_AGE_RT');
    expect(progress).toMatchObject({
      theme: 'child_labour',
      age: '5-17',
      target_year: 2025,
      threshold: 1,
      verdict: 'off_track',
      reason: 'trend',
      first: { year: 2017, value: 28.02 },
      last: { year: 2022, value: 29.188 },
    });
    expect(progress.observed_annual_reduction).toBeCloseTo(-0.0082013, 6);
    expect(progress.required_annual_reduction).toBeCloseTo(0.6752131, 6);
    expect(body.pathfinder).toMatchObject({ stage: 'status_granted', is_pathfinder: true });
    expect(body.partners).toEqual([
      {
        slug: 'open-threshold-survivors-centre',
        name: 'Centre Seuil ouvert pour les survivants',
        kind: 'civil_society',
      },
    ]);
    const openapi = (await platform.server.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toContain('/api/v1/countries/{iso3}');
  });
});
