import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { CLI_ACTOR } from '../../audit/index.ts';
import { importObservations } from '../import/import.usecases.ts';

/**
 * The catalogue and the indicator page, on observations written here: Nepal, ages 5-17, percent,
 * 2008 / 2014 / 2019 for both sexes and in total, one value with bounds, one urban row; and the
 * world in 2020. Every figure expected below is one of those rows.
 */
const TIDY = [
  'indicator,geo,year,value,sex,age,nature,unit,lower,upper,source,footnote,area',
  'PAGE.1,NPL,2008,33.9,total,5-17,C,percent,,,Survey 2008,,',
  'PAGE.1,NPL,2014,37.4,total,5-17,C,percent,35.1,39.8,Survey 2014,revised,',
  'PAGE.1,NPL,2019,23.6,total,5-17,CA,percent,,,Survey 2019,,',
  'PAGE.1,NPL,2008,31.1,female,5-17,C,percent,,,Survey 2008,,',
  'PAGE.1,NPL,2019,21.2,female,5-17,CA,percent,,,Survey 2019,,',
  'PAGE.1,NPL,2008,36.6,male,5-17,C,percent,,,Survey 2008,,',
  'PAGE.1,NPL,2019,25.9,male,5-17,CA,percent,,,Survey 2019,,',
  'PAGE.1,NPL,2019,12.5,total,5-17,CA,percent,,,Survey 2019,,urban',
  'PAGE.1,001,2020,9.6,total,5-17,N,percent,,,Global estimate,,',
].join('\n');

const platform = useTestApp({
  prepare: async (database) => {
    const report = await importObservations({
      db: database.db,
      file: Readable.from([TIDY]),
      options: { format: 'tidy', fileName: 'page.csv', dryRun: false, createIndicators: true },
      actor: CLI_ACTOR,
    });
    if (!report.written) throw new Error(JSON.stringify(report.problems));
  },
});

async function get(url: string) {
  const response = await platform.server.app.inject({ url });
  expect(response.statusCode, url).toBe(200);
  return response.body;
}

/** The accessible names of the chart's points, in the order drawn. */
function pointLabels(body: string): string[] {
  return [...body.matchAll(/<g class="point" tabindex="0" role="img" aria-label="([^"]+)">/g)].map((m) => m[1]!);
}

describe('the catalogue', () => {
  it('lists each indicator with its coverage, and how many countries have data each year, in three languages', async () => {
    const english = await get('/en/data');
    expect(english).toContain('<h1>Data</h1>');
    expect(english).toContain('href="/en/data/PAGE.1"');
    expect(english).toContain('Code PAGE.1 · 9 observations · 2 countries or regions · 2008–2020');
    expect(english).toContain('<span class="badge">draft</span>');
    // Years with data for a country (the world is not one): 2008, 2014, 2019 (Nepal only).
    expect(english).toMatch(/<th scope="col">2008<\/th><th scope="col">2014<\/th><th scope="col">2019<\/th><\/tr>/);
    expect(english).toMatch(/PAGE\.1<\/a><\/th><td>1<\/td><td>1<\/td><td>1<\/td><\/tr>/);
    expect(await get('/fr/data')).toContain('<h1>Données</h1>');
    expect(await get('/es/data')).toContain('<h1>Datos</h1>');
  });
});

describe('the indicator page', () => {
  it('shows the world by default, and a country’s series by sex as points one can reach and hear', async () => {
    const world = await get('/en/data/PAGE.1');
    expect(pointLabels(world)).toEqual(['Total, 2020: 9.6 % (source: Global estimate; regional or world aggregate)']);

    const nepal = await get('/en/data/PAGE.1?geo=NPL');
    expect(pointLabels(nepal)).toEqual([
      'Total, 2008: 33.9 % (source: Survey 2008; country data)',
      'Total, 2014: 37.4 % (source: Survey 2014; country data)',
      'Total, 2019: 23.6 % (source: Survey 2019; country data, adjusted)',
      'Girls and women, 2008: 31.1 % (source: Survey 2008; country data)',
      'Girls and women, 2019: 21.2 % (source: Survey 2019; country data, adjusted)',
      'Boys and men, 2008: 36.6 % (source: Survey 2008; country data)',
      'Boys and men, 2019: 25.9 % (source: Survey 2019; country data, adjusted)',
    ]);
    // The table holds every observation shown, the urban one and the bounds included.
    const rows = [...nepal.matchAll(/<tr><th scope="row">(\d{4})<\/th>(.*?)<\/tr>/g)].map((match) => [
      match[1],
      ...[...match[2]!.matchAll(/<td>(.*?)<\/td>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, ' ').trim()),
    ]);
    expect(rows).toEqual([
      ['2008', 'Girls and women', '', '31.1 %', '', 'country data', 'Survey 2008'],
      ['2008', 'Boys and men', '', '36.6 %', '', 'country data', 'Survey 2008'],
      ['2008', 'Total', '', '33.9 %', '', 'country data', 'Survey 2008'],
      ['2014', 'Total', '', '37.4 %', '35.1 % – 39.8 %', 'country data', 'Survey 2014  revised'],
      ['2019', 'Girls and women', '', '21.2 %', '', 'country data, adjusted', 'Survey 2019'],
      ['2019', 'Boys and men', '', '25.9 %', '', 'country data, adjusted', 'Survey 2019'],
      ['2019', 'Total', 'area: urban', '12.5 %', '', 'country data, adjusted', 'Survey 2019'],
      ['2019', 'Total', '', '23.6 %', '', 'country data, adjusted', 'Survey 2019'],
    ]);
    expect(nepal).toContain('area: urban');
    expect(nepal).toContain(
      'href="/api/v1/indicators/PAGE.1/observations?geo=NPL&amp;age=5-17&amp;unit=percent&amp;sort=year&amp;dir=asc&amp;format=csv"',
    );
    expect(nepal).toContain(
      'Survey 2008; Survey 2014; Survey 2019. PAGE.1 (PAGE.1), data version 1. Alliance 8.7, http://platform.test/en/data/PAGE.1?geo=NPL&amp;age=5-17&amp;unit=percent',
    );
  });

  it('is in French and Spanish too', async () => {
    expect(pointLabels(await get('/fr/data/PAGE.1?geo=NPL'))[3]).toBe(
      'Filles et femmes, 2008 : 31,1 % (source : Survey 2008 ; données nationales)',
    );
    expect(pointLabels(await get('/es/data/PAGE.1?geo=NPL'))[5]).toBe(
      'Niños y hombres, 2008: 36,6 % (fuente: Survey 2008; datos del país)',
    );
  });

  it('draws the same SVG for the same data (a change to the chart shows here)', async () => {
    const page = await get('/en/data/PAGE.1?geo=NPL');
    const svg = /<svg class="chart chart-series"[\s\S]*?<\/svg>/.exec(page)![0];
    expect(svg).toMatchSnapshot();
  });

  it('answers 404 for an unknown code and falls back to the default view for values it does not have', async () => {
    expect((await platform.server.app.inject({ url: '/en/data/NOPE.1' })).statusCode).toBe(404);
    const fallback = await get('/en/data/PAGE.1?geo=PER&age=99-100');
    expect(pointLabels(fallback)).toHaveLength(1);
  });
});
