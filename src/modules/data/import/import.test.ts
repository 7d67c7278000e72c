import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { CLI_ACTOR } from '../../audit/index.ts';
import { restoreVersion } from '../versions/versions.usecases.ts';
import type { ImportOptions } from './import.schemas.ts';
import { importObservations } from './import.usecases.ts';

/**
 * Imports of the shipped files (content/data/, see its PROVENANCE.md) and of files written here.
 * Every expected figure was read from the files by hand or counted with awk and wc, never with
 * the import's code: the numbers of rows below are `tail -n +2 FILE | wc -l`.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const dataDir = path.join(root, 'content/data');
const platform = useTestApp();

function options(input: Partial<ImportOptions> & Pick<ImportOptions, 'format' | 'fileName'>): ImportOptions {
  return { dryRun: false, createIndicators: true, ...input };
}

async function importFile(file: string, input: Partial<ImportOptions> & Pick<ImportOptions, 'format'>) {
  return importObservations({
    db: platform.database.db,
    file: fs.createReadStream(path.join(dataDir, file)),
    options: options({ fileName: path.basename(file), ...input }),
    actor: CLI_ACTOR,
  });
}

async function importText(text: string, input: Partial<ImportOptions> & Pick<ImportOptions, 'format' | 'fileName'>) {
  return importObservations({
    db: platform.database.db,
    file: Readable.from([Buffer.from(text, 'utf8')]),
    options: options(input),
    actor: CLI_ACTOR,
  });
}

interface ApiObservation {
  geo: string;
  geo_kind: string;
  year: number;
  value: number;
  sex: string;
  age: string;
  nature: string | null;
  unit: string;
  source: string;
  footnote: string;
  disaggregations: Record<string, string>;
}

async function observations(
  code: string,
  query = '',
): Promise<{ version: number; items: ApiObservation[]; total: number }> {
  const response = await platform.server.app.inject({
    url: `/api/v1/indicators/${code}/observations?per_page=1000${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function allObservations(code: string): Promise<ApiObservation[]> {
  const items: ApiObservation[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await observations(code, `&page=${page}`);
    items.push(...answer.items);
    if (items.length >= answer.total) return items;
  }
}

async function count(table: string): Promise<number> {
  const result = await platform.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return result.rows[0]!.n;
}

// The UN SDG files' codes, written out by hand from ddf--entities--*.csv.
const UNSDG_SEX: Record<string, string> = {
  bothsex: 'total',
  female: 'female',
  male: 'male',
  o: 'other',
  u: 'unknown',
};
const UNSDG_AGE: Record<string, string> = {
  '5_14': '5-14',
  '5_17': '5-17',
  '6_17': '6-17',
  '7_17': '7-17',
  '10_17': '10-17',
  '18': '18+',
  lt18y: '<18',
  allage: 'all',
  u: 'unknown',
};
/** The world, the SDG regions, and "other non-specified areas in Eastern Asia": not countries. */
const UNSDG_AREAS: Record<string, string> = {
  '1': '001',
  '62': '062',
  '202': '202',
  '419': '419',
  '513': '513',
  '747': '747',
  '753': '753',
  '158': '158',
};

/** The rows `tail -n +2 FILE | wc -l` counts in each UN SDG file. */
const UNSDG_FILES: Record<string, number> = {
  sl_tlf_chldea: 310,
  sl_tlf_chldec: 312,
  vc_htf_detv: 7200,
  vc_htf_detvr: 7139,
  vc_htf_detvfl: 1367,
  vc_htf_detvflr: 1363,
  vc_htf_detvsx: 1819,
  vc_htf_detvsxr: 1798,
  vc_htf_detvop: 876,
  vc_htf_detvopr: 869,
  vc_htf_detvog: 47,
  vc_htf_detvogr: 47,
};

function keyOf(row: { geo: string; year: number; sex: string; age: string; unit: string }): string {
  return `${row.geo}|${row.year}|${row.sex}|${row.age}|${row.unit}`;
}

describe('importing the shipped files', () => {
  it('gives back every value of every UN SDG file through the API, row by row', async () => {
    for (const [series, rows] of Object.entries(UNSDG_FILES)) {
      const file = `un_sdg/ddf--datapoints--${series}--by--age--geo_area--nature--sex--units--year.csv`;
      const report = await importFile(file, { format: 'unsdg' });
      const code = series.toUpperCase();
      expect(report.problems).toEqual([]);
      expect(report.rows).toBe(rows);
      expect(report.indicators).toEqual([{ code, created: true, version: 1, added: rows, changed: 0, unchanged: 0 }]);
      // The file read line by line (no field in these files is quoted).
      const lines = fs.readFileSync(path.join(dataDir, file), 'utf8').trim().split('\n').slice(1);
      const expected = new Map(
        lines.map((line) => {
          const [age, area, nature, sex, units, year, value] = line.split(',');
          const geo = UNSDG_AREAS[area!] ?? countries.numericToAlpha3(area!.padStart(3, '0'))!;
          const row = { geo, year: Number(year), sex: UNSDG_SEX[sex!]!, age: UNSDG_AGE[age!]!, unit: units! };
          return [keyOf(row), { value: Number(value), nature: nature!.toUpperCase() }];
        }),
      );
      expect(expected.size).toBe(rows);
      const answered = await allObservations(code);
      expect(answered).toHaveLength(rows);
      for (const observation of answered) {
        expect(expected.get(keyOf(observation)), keyOf(observation)).toEqual({
          value: observation.value,
          nature: observation.nature,
        });
      }
    }
  }, 120_000);

  it('gives the 2020 world estimate of child labour by sex as the file has it', async () => {
    const world = await observations('SL_TLF_CHLDEC', '&geo=001&year=2020&age=5-17');
    expect(world.items.map((item) => [item.sex, item.value, item.nature, item.geo_kind])).toEqual([
      ['female', 7.8, 'N', 'world'],
      ['male', 11.2, 'N', 'world'],
      ['total', 9.6, 'N', 'world'],
    ]);
    // Armenia (M49 51), 2015, ages 5-17: 4.1 %, girls 3 %, boys 5 %.
    const armenia = await observations('SL_TLF_CHLDEC', '&geo=ARM');
    expect(armenia.items.map((item) => [item.year, item.age, item.sex, item.value])).toEqual([
      [2015, '5-17', 'female', 3],
      [2015, '5-17', 'male', 5],
      [2015, '5-17', 'total', 4.1],
    ]);
  });

  it('gives back every value of the ILOSTAT extract', async () => {
    const file = 'ilostat/ddf--datapoints--cld_xchl_sex_age_rt--age_5_17_extract.csv';
    const report = await importFile(file, { format: 'ilostat' });
    expect(report.problems).toEqual([]);
    expect(report.indicators).toEqual([
      { code: 'CLD_XCHL_SEX_AGE_RT', created: true, version: 1, added: 466, changed: 0, unchanged: 0 },
    ]);
    const sexes: Record<string, string> = { sex_t: 'total', sex_f: 'female', sex_m: 'male' };
    const lines = fs.readFileSync(path.join(dataDir, file), 'utf8').trim().split('\n').slice(1);
    const expected = new Map(
      lines.map((line) => {
        const [area, sex, , year, value] = line.split(',');
        return [`${area!.toUpperCase()}|${year}|${sexes[sex!]}`, Number(value)];
      }),
    );
    const answered = await allObservations('CLD_XCHL_SEX_AGE_RT');
    expect(answered).toHaveLength(466);
    for (const observation of answered) {
      expect(observation.age).toBe('5-17');
      expect(observation.unit).toBe('percent');
      expect(expected.get(`${observation.geo}|${observation.year}|${observation.sex}`)).toBe(observation.value);
    }
    // The first rows of the file: Afghanistan 2014, girls 13.935 %, boys 24.048 %, all 19.266 %.
    const afghanistan = await observations('CLD_XCHL_SEX_AGE_RT', '&geo=AFG&year=2014');
    expect(afghanistan.items.map((item) => [item.sex, item.value])).toEqual([
      ['female', 13.935],
      ['male', 24.048],
      ['total', 19.266],
    ]);
  });

  it('reads Armenia’s Open SDG file: code from its name, byte-order mark, sex, age and location', async () => {
    const report = await importFile('open_sdg_armenia/indicator_8-7-1.csv', {
      format: 'opensdg',
      geo: 'ARM',
      source: 'Armstat, Armenia National Child Labour Survey 2015',
    });
    expect(report.problems).toEqual([]);
    expect(report.indicators).toEqual([
      { code: '8.7.1', created: true, version: 1, added: 16, changed: 0, unchanged: 0 },
    ]);
    const answer = await observations('8.7.1', '&geo=ARM&year=2015');
    const summary = answer.items.map((item) => [item.unit, item.sex, item.age, item.disaggregations, item.value]);
    expect(summary).toHaveLength(16);
    expect(summary).toEqual(
      expect.arrayContaining([
        ['number', 'total', 'all', {}, 39300],
        ['percent', 'total', 'all', {}, 8.7],
        ['number', 'male', 'all', {}, 27300],
        ['number', 'female', 'all', {}, 12000],
        ['number', 'total', '5-11', {}, 11200],
        ['percent', 'total', '16-17', {}, 19.4],
        ['percent', 'total', 'all', { Location: 'urban' }, 1.9],
        ['number', 'total', 'all', { Location: 'rural' }, 34500],
      ]),
    );
    expect(new Set(answer.items.map((item) => item.source))).toEqual(
      new Set(['Armstat, Armenia National Child Labour Survey 2015']),
    );

    const cases = await importFile('open_sdg_armenia/indicator_16-2-2-a.csv', { format: 'opensdg', geo: 'ARM' });
    expect(cases.indicators).toEqual([
      { code: '16.2.2.a', created: true, version: 1, added: 4, changed: 0, unchanged: 0 },
    ]);
    const answered = await observations('16.2.2.a');
    expect(answered.items.map((item) => [item.year, item.value, item.unit])).toEqual([
      [2019, 8, 'case'],
      [2020, 6, 'case'],
      [2021, 10, 'case'],
      [2022, 8, 'case'],
    ]);
  });
});

describe('importing files of other shapes', () => {
  it('imports an Open SDG file of another country in Spanish without a code change', async () => {
    const text =
      '\uFEFFYear,Sexo,Grupo de edad,Área,GeoCode,Units,Value\n' +
      '2019,,,,,%,12.5\n' +
      '2019,Hombres,,,,%,14.1\n' +
      '2019,Mujeres,,,,%,10.8\n' +
      '2019,,De 5 a 14 años,,,%,9.3\n' +
      '2019,,De 15 a 17 años,,,%,21.0\n' +
      '2019,,,Urbana,,%,6.2\n' +
      '2019,,,Rural,,%,20.4\n' +
      '2019,,,,PE-CUS,%,30.1\n' +
      '2020,,,,,%,\n';
    const report = await importText(text, {
      format: 'opensdg',
      fileName: 'datos.csv',
      indicator: 'PE-8.7.1',
      geo: 'per',
    });
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(9);
    expect(report.skippedEmpty).toBe(1);
    const answer = await observations('PE-8.7.1');
    expect(answer.items.map((item) => [item.geo, item.sex, item.age, item.disaggregations, item.value])).toEqual(
      expect.arrayContaining([
        ['PER', 'total', 'all', {}, 12.5],
        ['PER', 'male', 'all', {}, 14.1],
        ['PER', 'female', 'all', {}, 10.8],
        ['PER', 'total', '5-14', {}, 9.3],
        ['PER', 'total', '15-17', {}, 21],
        ['PER', 'total', 'all', { Área: 'Urbana' }, 6.2],
        ['PER', 'total', 'all', { Área: 'Rural' }, 20.4],
        ['PER', 'total', 'all', { GeoCode: 'PE-CUS' }, 30.1],
      ]),
    );
    expect(answer.total).toBe(8);
  });

  it('imports an Open SDG file in French with gender, age and a series column', async () => {
    const text =
      'Year,Series,Sexe,Âge,Value\n' +
      '2018,Travail des enfants,Filles,5 à 17 ans,3.2\n' +
      '2018,Travail des enfants,Garçons,5 à 17 ans,4.4\n' +
      '2018,Travail des enfants,,5 à 17 ans,3.8\n';
    const report = await importText(text, { format: 'opensdg', fileName: 'indicator_8-7-1.csv', geo: 'SEN' });
    expect(report.problems).toEqual([]);
    const answer = await observations('8.7.1', '&geo=SEN');
    expect(answer.items.map((item) => [item.sex, item.age, item.disaggregations, item.value])).toEqual([
      ['female', '5-17', { Series: 'Travail des enfants' }, 3.2],
      ['male', '5-17', { Series: 'Travail des enfants' }, 4.4],
      ['total', '5-17', { Series: 'Travail des enfants' }, 3.8],
    ]);
  });
});

describe('rejected files and dry runs', () => {
  it('rejects a file with bad rows, naming each, and writes nothing', async () => {
    const before = { observations: await count('observations'), versions: await count('data_versions') };
    const audits = await count('audit_log');
    const text =
      'indicator,geo,year,value,sex,age,nature,lower,upper\n' +
      'BAD.1,FRA,2020,1.5,total,5-17,C,,\n' +
      'BAD.1,XYZ,2020,2,total,5-17,C,,\n' +
      'BAD.1,FRA,20x1,3,total,5-17,C,,\n' +
      'BAD.1,FRA,2021,three,total,5-17,C,,\n' +
      'BAD.1,FRA,2022,4,somebody,5-17,C,,\n' +
      'BAD.1,FRA,2023,5,total,5-17,Q,,\n' +
      'BAD.1,FRA,2024,6,total,5-17,C,7,\n' +
      'BAD.1,FRA,2020,1.6,total,5-17,C,,\n';
    const report = await importText(text, { format: 'tidy', fileName: 'bad.csv' });
    expect(report.written).toBe(false);
    expect(report.problems.map((problem) => [problem.row, problem.column, problem.problem, problem.value])).toEqual([
      [3, 'geo', 'data.import.problem.geo', 'XYZ'],
      [4, 'year', 'data.import.problem.year', '20x1'],
      [5, 'value', 'data.import.problem.notNumber', 'three'],
      [6, 'sex', 'data.import.problem.sex', 'somebody'],
      [7, 'nature', 'data.import.problem.nature', 'Q'],
      [8, 'lower', 'data.import.problem.lower', '7'],
      [9, null, 'data.import.problem.conflict', undefined],
    ]);
    expect(report.problems.at(-1)!.otherRow).toBe(2);
    expect(report.problemCount).toBe(7);
    expect(await count('observations')).toBe(before.observations);
    expect(await count('data_versions')).toBe(before.versions);
    expect(await count('audit_log')).toBe(audits);
    expect(await count(`indicators WHERE code = 'BAD.1'`)).toBe(0);
  });

  it('rejects unknown indicator codes without --create-indicators, listing them', async () => {
    const text = 'indicator,geo,year,value\nNEW.A,FRA,2020,1\nNEW.B,FRA,2020,2\nNEW.A,ESP,2020,3\n';
    const report = await importText(text, { format: 'tidy', fileName: 'new.csv', createIndicators: false });
    expect(report.written).toBe(false);
    expect(report.unknownIndicators).toEqual(['NEW.A', 'NEW.B']);
    expect(report.problems.map((problem) => [problem.problem, problem.value])).toEqual([
      ['data.import.problem.unknownIndicator', 'NEW.A'],
      ['data.import.problem.unknownIndicator', 'NEW.B'],
    ]);
    expect(await count(`indicators WHERE code LIKE 'NEW.%'`)).toBe(0);
  });

  it('rejects a file without the required columns', async () => {
    const report = await importText('indicator,country,year,value\nX,FRA,2020,1\n', {
      format: 'tidy',
      fileName: 'x.csv',
    });
    expect(report.problems).toEqual([{ row: 1, column: 'geo', problem: 'data.import.problem.missingColumn' }]);
  });

  it('reports what a dry run would change and writes nothing', async () => {
    const before = await count('observations');
    const text = 'indicator,geo,year,value\nDRY.1,FRA,2020,1\nDRY.1,FRA,2021,2\nDRY.1,FRA,2021,2\nDRY.1,FRA,2022,\n';
    const report = await importText(text, { format: 'tidy', fileName: 'dry.csv', dryRun: true });
    expect(report).toMatchObject({ rows: 4, skippedEmpty: 1, repeated: 1, written: false, problemCount: 0 });
    expect(report.indicators).toEqual([
      { code: 'DRY.1', created: true, version: 1, added: 2, changed: 0, unchanged: 0 },
    ]);
    expect(await count('observations')).toBe(before);
    expect(await count(`indicators WHERE code = 'DRY.1'`)).toBe(0);
  });
});

describe('dataset versions', () => {
  it('keeps every version readable and brings an earlier one back as a new version, audited', async () => {
    const first =
      'indicator,geo,year,value,sex,age,unit,lower,upper,source,footnote\n' +
      'VER.1,NPL,2014,37.4,total,5-17,percent,35,40,Survey A,first\n' +
      'VER.1,NPL,2019,23.6,total,5-17,percent,,,Survey B,\n' +
      'VER.1,001,2020,9.6,total,5-17,percent,,,Global estimate,\n';
    const one = await importText(first, { format: 'tidy', fileName: 'v1.csv' });
    expect(one.indicators).toEqual([{ code: 'VER.1', created: true, version: 1, added: 3, changed: 0, unchanged: 0 }]);

    const again = await importText(first, { format: 'tidy', fileName: 'v1.csv' });
    expect(again.indicators).toEqual([
      { code: 'VER.1', created: false, version: null, added: 0, changed: 0, unchanged: 3 },
    ]);

    const second =
      'indicator,geo,year,value,sex,age,unit,source\n' +
      'VER.1,NPL,2019,22.1,total,5-17,percent,Survey B (revised)\n' +
      'VER.1,NPL,2022,15.0,total,5-17,percent,Survey C\n';
    const two = await importText(second, { format: 'tidy', fileName: 'v2.csv' });
    expect(two.indicators).toEqual([{ code: 'VER.1', created: false, version: 2, added: 1, changed: 1, unchanged: 0 }]);

    const current = await observations('VER.1');
    expect(current.version).toBe(2);
    expect(current.items.map((item) => [item.geo, item.year, item.value, item.source])).toEqual([
      ['001', 2020, 9.6, 'Global estimate'],
      ['NPL', 2014, 37.4, 'Survey A'],
      ['NPL', 2019, 22.1, 'Survey B (revised)'],
      ['NPL', 2022, 15, 'Survey C'],
    ]);
    const old = await observations('VER.1', '&version=1');
    expect(old.version).toBe(1);
    expect(old.items.map((item) => [item.geo, item.year, item.value])).toEqual([
      ['001', 2020, 9.6],
      ['NPL', 2014, 37.4],
      ['NPL', 2019, 23.6],
    ]);
    const withBounds = await observations('VER.1', '&version=1&year=2014');
    expect(withBounds.items[0]).toMatchObject({ lower: 35, upper: 40, footnote: 'first', unit: 'percent' });

    const restored = await restoreVersion({ db: platform.database.db, code: 'VER.1', number: 1, actor: CLI_ACTOR });
    expect(restored).toEqual({ version: 3, added: 1, removed: 2, observations: 3 });
    const back = await observations('VER.1');
    expect(back.version).toBe(3);
    expect(back.items.map((item) => [item.geo, item.year, item.value])).toEqual([
      ['001', 2020, 9.6],
      ['NPL', 2014, 37.4],
      ['NPL', 2019, 23.6],
    ]);
    expect((await observations('VER.1', '&version=2')).items.map((item) => item.value)).toEqual([9.6, 37.4, 22.1, 15]);

    const detail = await platform.server.app.inject({ url: '/api/v1/indicators/VER.1' });
    expect(detail.json().versions.map((v: { number: number; kind: string }) => [v.number, v.kind])).toEqual([
      [3, 'restore'],
      [2, 'import'],
      [1, 'import'],
    ]);
    const audit = await platform.database.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'indicator' AND entity_id = 'VER.1' ORDER BY id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'data.indicator_created',
      'data.imported',
      'data.imported',
      'data.version_restored',
    ]);
  });

  it('answers 404 for an unknown indicator or version', async () => {
    expect((await platform.server.app.inject({ url: '/api/v1/indicators/NOPE.9' })).statusCode).toBe(404);
    expect((await platform.server.app.inject({ url: '/api/v1/indicators/NOPE.9/observations' })).statusCode).toBe(404);
    expect(
      (await platform.server.app.inject({ url: '/api/v1/indicators/VER.1/observations?version=99' })).statusCode,
    ).toBe(404);
  });

  it('describes the three routes in the OpenAPI document, with each observation’s dimensions', async () => {
    const document = (await platform.server.app.inject({ url: '/api/v1/openapi.json' })).json<{
      paths: Record<string, { get: { parameters?: { name: string }[]; responses: Record<string, unknown> } }>;
    }>();
    const observationsRoute = document.paths['/api/v1/indicators/{code}/observations']!.get;
    expect(observationsRoute.parameters!.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining([
        'code',
        'geo',
        'year',
        'sex',
        'age',
        'unit',
        'version',
        'sort',
        'dir',
        'page',
        'per_page',
        'format',
      ]),
    );
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/indicators', '/api/v1/indicators/{code}']),
    );
    const item = JSON.stringify(observationsRoute.responses['200']);
    for (const field of ['geo_kind', 'nature', 'lower', 'upper', 'footnote', 'disaggregations']) {
      expect(item).toContain(`"${field}"`);
    }
  });
});
