import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { CLI_ACTOR } from '../../audit/index.ts';
import { importObservations } from '../import/import.usecases.ts';

/**
 * The order of the indicator page's tables and its embeddable chart, on observations written here:
 * six countries in 2020 (names that start with an accented capital in French), and Afghanistan's
 * series over three years. Every order expected below is written by hand.
 */
const TIDY = [
  'indicator,geo,year,value,sex,age,nature,unit,source',
  'SORT.1,AFG,2010,25.0,total,5-17,C,percent,Survey 2010',
  'SORT.1,AFG,2015,29.1,total,5-17,C,percent,Survey 2015',
  'SORT.1,AFG,2020,20.5,total,5-17,C,percent,Survey 2020',
  'SORT.1,AFG,2020,18.0,female,5-17,C,percent,Survey 2020',
  'SORT.1,ARE,2020,1.2,total,5-17,C,percent,Survey 2020',
  'SORT.1,EGY,2020,4.9,total,5-17,C,percent,Survey 2020',
  'SORT.1,ECU,2020,4.9,total,5-17,C,percent,Survey 2020',
  'SORT.1,ESP,2020,0.5,total,5-17,C,percent,Survey 2020',
  'SORT.1,USA,2020,0.8,total,5-17,C,percent,Survey 2020',
].join('\n');

const platform = useTestApp({
  prepare: async (database) => {
    const report = await importObservations({
      db: database.db,
      file: Readable.from([TIDY]),
      options: { format: 'tidy', fileName: 'sort.csv', dryRun: false, createIndicators: true },
      actor: CLI_ACTOR,
    });
    if (!report.written) throw new Error(JSON.stringify(report.problems));
  },
});

async function get(url: string) {
  const response = await platform.server.app.inject({ url });
  expect(response.statusCode, url).toBe(200);
  return response;
}

/** The map table's countries, in the order shown. */
function mapCountries(body: string): string[] {
  const table = /<div id="map-table">[\s\S]*?<\/table>/.exec(body)![0];
  return [...table.matchAll(/<td data-label="[^"]*"><a href="[^"]+">([^<]+)<\/a><\/td>/g)].map((match) =>
    match[1]!.replace(/&#39;|&#x27;/g, "'"),
  );
}

/** The observations table's rows as year, sex and value. */
function observationRows(body: string): string[] {
  const table = /<table class="observations">[\s\S]*?<\/table>/.exec(body)![0];
  return [...table.matchAll(/<tr><th scope="row">(\d{4})<\/th><td>([^<]*)<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/g)].map(
    (match) => `${match[1]} ${match[2]} ${match[3]}`,
  );
}

describe('the order of the indicator page’s tables', () => {
  it('lists the map’s countries by name as the reader’s language sorts accents, and says so', async () => {
    const french = (await get('/fr/data/SORT.1')).body;
    expect(mapCountries(french)).toEqual([
      'Afghanistan',
      'Égypte',
      'Émirats Arabes Unis',
      'Équateur',
      'Espagne',
      "États-Unis d'Amérique",
    ]);
    expect(french).toMatch(
      /<th scope="col" aria-sort="ascending"><a class="sort" href="\?sort=geo&amp;dir=desc#map-table">Pays/,
    );

    const reversed = (await get('/fr/data/SORT.1?sort=geo&dir=desc')).body;
    expect(mapCountries(reversed)).toEqual([
      "États-Unis d'Amérique",
      'Espagne',
      'Équateur',
      'Émirats Arabes Unis',
      'Égypte',
      'Afghanistan',
    ]);
    expect(mapCountries((await get('/es/data/SORT.1?sort=geo')).body)).toEqual([
      'Afganistán',
      'Ecuador',
      'Egipto',
      'Emiratos Árabes Unidos',
      'España',
      'Estados Unidos',
    ]);
  });

  it('sorts by value, equal values by name', async () => {
    const english = (await get('/en/data/SORT.1?sort=value&dir=desc')).body;
    expect(mapCountries(english)).toEqual([
      'Afghanistan',
      'Ecuador',
      'Egypt',
      'United Arab Emirates',
      'United States of America',
      'Spain',
    ]);
  });

  it('sorts a country’s observations by year or by value, with links that keep the page’s choice', async () => {
    expect(observationRows((await get('/en/data/SORT.1?geo=AFG')).body)).toEqual([
      '2010 Total 25 %',
      '2015 Total 29.1 %',
      '2020 Girls and women 18 %',
      '2020 Total 20.5 %',
    ]);
    expect(observationRows((await get('/en/data/SORT.1?geo=AFG&sort=year&dir=desc')).body)).toEqual([
      '2020 Girls and women 18 %',
      '2020 Total 20.5 %',
      '2015 Total 29.1 %',
      '2010 Total 25 %',
    ]);
    const byValue = (await get('/en/data/SORT.1?geo=AFG&year=2020&sex=total&sort=value&dir=asc')).body;
    expect(observationRows(byValue)).toEqual([
      '2020 Girls and women 18 %',
      '2020 Total 20.5 %',
      '2010 Total 25 %',
      '2015 Total 29.1 %',
    ]);
    // The sorted column says it is; its link turns the order round; the other column's link goes
    // back to the default order; both keep the country, the map's year and sex.
    expect(byValue).toContain(
      '<th scope="col" aria-sort="ascending"><a class="sort" href="?geo=AFG&amp;year=2020&amp;sex=total&amp;sort=value&amp;dir=desc#observations">Value',
    );
    expect(byValue).toContain(
      '<th scope="col"><a class="sort" href="?geo=AFG&amp;year=2020&amp;sex=total#observations">Year',
    );
    // The forms keep the order too.
    expect(byValue).toContain(
      '<input type="hidden" name="sort" value="value"><input type="hidden" name="dir" value="asc">',
    );
  });

  it('gives the CSV and JSON of the table in the table’s order', async () => {
    const page = (await get('/en/data/SORT.1?geo=AFG&sort=value&dir=asc')).body;
    const json = /href="(\/api\/v1\/indicators\/SORT\.1\/observations\?[^"]+&amp;per_page=1000)"/.exec(page)![1]!;
    expect(json).toBe(
      '/api/v1/indicators/SORT.1/observations?geo=AFG&amp;age=5-17&amp;unit=percent&amp;sort=value&amp;dir=asc&amp;per_page=1000',
    );
    const items = (await get(json.replaceAll('&amp;', '&'))).json<{
      items: { year: number; sex: string; value: number }[];
    }>().items;
    expect(items.map((item) => `${item.year} ${item.sex} ${item.value}`)).toEqual([
      '2020 female 18',
      '2020 total 20.5',
      '2010 total 25',
      '2015 total 29.1',
    ]);
    const csv = (await get(`${json.replaceAll('&amp;', '&')}&format=csv`)).body.trim().split(/\r?\n/).slice(1);
    expect(csv.map((line) => line.split(',').slice(3, 6).join(' '))).toEqual([
      '2020 18 female',
      '2020 20.5 total',
      '2010 25 total',
      '2015 29.1 total',
    ]);
  });

  it('takes an order it does not know for the default one, never an error', async () => {
    for (const query of ['sort=bogus&dir=up', 'sort=value&sort=year', 'dir[]=desc', 'sort=' + 'x'.repeat(5000)]) {
      expect(observationRows((await get(`/en/data/SORT.1?geo=AFG&${query}`)).body), query).toEqual([
        '2010 Total 25 %',
        '2015 Total 29.1 %',
        '2020 Girls and women 18 %',
        '2020 Total 20.5 %',
      ]);
    }
  });
});

describe('the embeddable chart', () => {
  it('is the chart alone, with its title, its sources and a link to the full page', async () => {
    const response = await get('/en/data/SORT.1/embed?geo=AFG');
    const body = response.body;
    expect(body).toContain('<svg class="chart chart-series"');
    expect(body).toContain('<figcaption>SORT.1: Afghanistan, Ages 5–17, Percent</figcaption>');
    expect(body).toContain('Source: Survey 2010; Survey 2015; Survey 2020');
    expect(body).toContain('href="http://platform.test/en/data/SORT.1?geo=AFG&amp;age=5-17&amp;unit=percent"');
    // No menu, no header, no footer, no table, no map.
    expect(body).not.toContain('<nav');
    expect(body).not.toContain('<header');
    expect(body).not.toContain('<table');
    expect(body).not.toContain('indicator-map');
  });

  it('may be framed by any site, while every other page may be framed by none', async () => {
    for (let time = 0; time < 2; time += 1) {
      // The second time, from the page cache.
      const embed = await get('/fr/data/SORT.1/embed');
      expect(embed.headers['content-security-policy']).toContain('frame-ancestors *');
      expect(embed.headers['content-security-policy']).toContain("script-src 'self'");
      expect(embed.headers['x-frame-options']).toBeUndefined();
    }
    for (const url of ['/fr/data/SORT.1', '/fr/data', '/fr/', '/api/v1/indicators']) {
      const other = await get(url);
      expect(other.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(other.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
    expect((await platform.server.app.inject({ url: '/fr/data/NOPE.1/embed' })).statusCode).toBe(404);
  });

  it('is offered on the indicator page as code to copy', async () => {
    const page = (await get('/en/data/SORT.1?geo=AFG')).body;
    expect(page).toContain('<h2 id="embed">Embed this chart</h2>');
    expect(page).toContain(
      '<textarea id="embed-code" class="embed-code" rows="3" readonly spellcheck="false">&lt;iframe src=&quot;http://platform.test/en/data/SORT.1/embed?geo=AFG&amp;amp;age=5-17&amp;amp;unit=percent&quot; title=&quot;SORT.1: Afghanistan, Ages 5–17, Percent&quot;',
    );
  });
});
