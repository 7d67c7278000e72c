import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

const platform = useTestApp({
  prepare: async (database) => {
    await database.pool.query(
      `INSERT INTO pathfinder_countries (iso3, stage) VALUES ('NPL', 'implementing'), ('GHA', 'mapping'), ('KEN', 'mapping')`,
    );
  },
});
let secretariat: TestClient;
let ghanaFocalPoint: TestClient;
const page = '/admin/pathfinders/NPL';

/** The source the tests give: a made-up address of the test, not a real record of any country. */
const SOURCE = 'https://normlex.example.test/country/NPL';

async function ratifications(): Promise<
  { iso3: string; standard: string; status: string; on: string | null; source: string }[]
> {
  const result = await platform.database.pool.query<{
    iso3: string;
    standard: string;
    status: string;
    on: string | null;
    source: string;
  }>(
    `SELECT iso3, standard, status, on_date::text AS on, source FROM pathfinder_ratifications ORDER BY iso3, standard`,
  );
  return result.rows;
}

function importFile(input: { csv: string; source?: string }) {
  return secretariat.upload({
    page: '/admin/standards',
    action: '/admin/standards/import',
    fields: { source: input.source ?? '' },
    file: { field: 'file', name: 'ratifications.csv', type: 'text/csv', content: Buffer.from(input.csv) },
  });
}

beforeAll(async () => {
  const person = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: person.email, totpSecret: person.totpSecret });
  const focal = await createTestUser({ database: platform.database, roles: [{ role: 'focal_point', country: 'GHA' }] });
  ghanaFocalPoint = new TestClient(platform.server.app);
  await ghanaFocalPoint.signIn({ email: focal.email });
});

describe('a country’s commitments and standards', () => {
  it('show nothing but “no sourced information” until a source is recorded', async () => {
    const empty = await platform.server.app.inject({ url: '/en/pathfinders/NPL' });
    expect(empty.body).toContain('<h2 id="commitments-heading">Commitments and standards</h2>');
    expect(empty.body).toContain(
      '<td data-label="Standard">ILO C029, Forced Labour Convention, 1930</td><td data-label="Status">No sourced information</td><td data-label="Date"></td><td data-label="Source"></td>',
    );
    expect(empty.body).toContain('<p class="empty">None recorded.</p>');
  });

  it('are recorded by the Secretariat, each with its source, and refused without one', async () => {
    const noSource = await secretariat.submit({
      page,
      action: `${page}/ratifications`,
      fields: { standard: 'C182', status: 'ratified', ratified_on: '2002-01-03', ratification_source: '' },
    });
    expect(noSource.statusCode).toBe(400);
    expect(noSource.body).toContain('This field is required.');
    expect(noSource.body).toContain('value="2002-01-03"');
    const dateWhenNot = await secretariat.submit({
      page,
      action: `${page}/ratifications`,
      fields: { standard: 'P029', status: 'not_ratified', ratified_on: '2020-01-01', ratification_source: SOURCE },
    });
    expect(dateWhenNot.statusCode).toBe(400);
    expect(dateWhenNot.body).toContain('A standard not ratified has no date: leave the date empty.');
    const future = await secretariat.submit({
      page,
      action: `${page}/ratifications`,
      fields: { standard: 'C182', status: 'ratified', ratified_on: '2999-01-01', ratification_source: SOURCE },
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Choose today or an earlier day.');
    expect(await ratifications()).toEqual([]);

    const recorded = await secretariat.submit({
      page,
      action: `${page}/ratifications`,
      fields: { standard: 'C182', status: 'ratified', ratified_on: '2002-01-03', ratification_source: SOURCE },
    });
    expect(recorded.statusCode).toBe(303);
    expect(recorded.headers.location).toBe('/admin/pathfinders/NPL?done=ratification#commitments-heading');
    const withoutDay = await secretariat.submit({
      page,
      action: `${page}/ratifications`,
      fields: { standard: 'P029', status: 'not_ratified', ratified_on: '', ratification_source: SOURCE },
    });
    expect(withoutDay.statusCode).toBe(303);
    expect(await ratifications()).toEqual([
      { iso3: 'NPL', standard: 'C182', status: 'ratified', on: '2002-01-03', source: SOURCE },
      { iso3: 'NPL', standard: 'P029', status: 'not_ratified', on: null, source: SOURCE },
    ]);

    const instrument = await secretariat.submit({
      page,
      action: `${page}/instruments`,
      fields: {
        instrument_kind: 'action_plan',
        instrument_title: 'National Master Plan on Child Labour',
        instrument_year: '2018',
        instrument_url: 'ftp://not.a.web.address',
      },
    });
    expect(instrument.statusCode).toBe(400);
    expect(instrument.body).toContain('Enter an address that starts with http:// or https://.');
    expect(
      (
        await secretariat.submit({
          page,
          action: `${page}/instruments`,
          fields: {
            instrument_kind: 'action_plan',
            instrument_title: 'National Master Plan on Child Labour',
            instrument_year: '2018',
            instrument_url: 'https://plans.example.test/master-plan',
          },
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await secretariat.submit({
          page,
          action: `${page}/commitments`,
          fields: {
            commitment: 'durban_2022',
            commitment_year: '2022',
            commitment_note: 'A pledge to end child labour in brick kilns',
            commitment_source: 'Statement of the government at the V Global Conference',
          },
        })
      ).statusCode,
    ).toBe(303);

    const publicPage = await platform.server.app.inject({ url: '/en/pathfinders/NPL' });
    expect(publicPage.body).toContain(
      '<td data-label="Standard">ILO C182, Worst Forms of Child Labour Convention, 1999</td><td data-label="Status">Ratified</td><td data-label="Date">January 3, 2002</td><td data-label="Source"><a href="https://normlex.example.test/country/NPL" rel="noopener nofollow">normlex.example.test</a></td>',
    );
    expect(publicPage.body).toContain(
      '<td data-label="Standard">ILO P029, Protocol of 2014 to the Forced Labour Convention</td><td data-label="Status">Not ratified</td><td data-label="Date"></td>',
    );
    expect(publicPage.body).toContain(
      '<a href="https://plans.example.test/master-plan" rel="noopener nofollow">National Master Plan on Child Labour</a>',
    );
    expect(publicPage.body).toContain('2022. A pledge to end child labour in brick kilns');
    const spanish = await platform.server.app.inject({ url: '/es/pathfinders/NPL' });
    expect(spanish.body).toContain('<td data-label="Situación">Ratificada</td>');

    const api = await platform.server.app.inject({ url: '/api/v1/pathfinders/NPL' });
    expect(api.json().commitments_and_standards).toEqual({
      instruments: [
        {
          kind: 'action_plan',
          title: 'National Master Plan on Child Labour',
          year: 2018,
          url: 'https://plans.example.test/master-plan',
        },
      ],
      commitments: [
        {
          commitment: 'durban_2022',
          year: 2022,
          note: 'A pledge to end child labour in brick kilns',
          source: 'Statement of the government at the V Global Conference',
        },
      ],
      ratifications: [
        { standard: 'C182', status: 'ratified', date: '2002-01-03', source: SOURCE },
        { standard: 'P029', status: 'not_ratified', date: null, source: SOURCE },
      ],
    });
    const audit = await platform.database.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_id = 'NPL' ORDER BY id`,
    );
    expect(audit.rows.map((row) => row.action)).toEqual([
      'pathfinders.ratification_recorded',
      'pathfinders.ratification_recorded',
      'pathfinders.instrument_added',
      'pathfinders.commitment_recorded',
    ]);
  });

  it('cannot be changed by a focal point, not even their own country’s', async () => {
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await ghanaFocalPoint.get('/admin/pathfinders/GHA')).body)![1]!;
    for (const iso3 of ['GHA', 'NPL']) {
      const refused = await ghanaFocalPoint.submit({
        page: `/admin/pathfinders/${iso3}`,
        action: `/admin/pathfinders/${iso3}/ratifications`,
        fields: { standard: 'C029', status: 'ratified', ratification_source: SOURCE },
        csrf,
      });
      expect(refused.statusCode).toBe(403);
    }
    expect((await ghanaFocalPoint.get('/admin/standards')).statusCode).toBe(403);
    expect((await ratifications()).map((row) => row.iso3)).toEqual(['NPL', 'NPL']);
  });
});

describe('the import of ratifications from a CSV file', () => {
  it('reports every bad line by its number and writes nothing', async () => {
    const before = await ratifications();
    const refused = await importFile({
      source: 'ILO NORMLEX, test extract',
      csv: [
        'country,standard,status,date,source',
        'GHA,C029,ratified,1957-05-20,',
        'ISL,C029,ratified,,',
        'GHA,C999,ratified,,',
        'GHA,C138,maybe,2011-02-31,',
        'GHA,C029,ratified,1957-05-20,',
        'KEN,C182,not_ratified,2001-05-07,',
      ].join('\n'),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('5 lines cannot be imported');
    expect(refused.body).toContain('Nothing was written: correct the file and import it again.');
    const lines = [...refused.body.matchAll(/<td data-label="Line">(\d+)<\/td>/g)].map((match) => match[1]);
    expect(lines).toEqual(['3', '4', '5', '6', '7']);
    expect(refused.body).toContain('“ISL” is not a country on the pathfinder path.');
    expect(refused.body).toContain('“C999” is not one of C029, P029, C105, C138, C182, palermo.');
    expect(refused.body).toContain('“maybe” is not one of ratified, acceded, signed, not_ratified, denounced.');
    expect(refused.body).toContain('Enter a date such as 2026-03-31.');
    expect(refused.body).toContain('The same country and standard are already on line 2.');
    expect(refused.body).toContain('A standard not ratified has no date: leave the date empty.');
    expect(await ratifications()).toEqual(before);

    const header = await importFile({ csv: 'country;standard;status\nGHA;C029;ratified\n', source: 'A test' });
    expect(header.statusCode).toBe(400);
    expect(header.body).toContain(
      'The header row is not right. Missing columns: country, standard, status. Unknown columns: country;standard;status.',
    );
    const withoutSource = await importFile({ csv: 'country,standard,status\nGHA,C029,ratified\n' });
    expect(withoutSource.statusCode).toBe(400);
    expect(withoutSource.body).toContain('Give the source of this status.');
    expect(await ratifications()).toEqual(before);
  });

  it('writes a good file in one step, each line with its own source or the file’s', async () => {
    const imported = await importFile({
      source: 'ILO NORMLEX, test extract',
      csv: [
        'country,standard,status,date,source',
        'GHA,C029,ratified,1957-05-20,',
        'gha,palermo,acceded,,https://treaties.example.test/palermo',
        'NPL,C182,ratified,2002-01-03,https://normlex.example.test/country/NPL/2',
      ].join('\n'),
    });
    expect(imported.statusCode).toBe(303);
    expect(imported.headers.location).toBe('/admin/standards?imported=3');
    expect((await secretariat.get('/admin/standards?imported=3')).body).toContain('3 statuses are imported.');
    expect(await ratifications()).toEqual([
      { iso3: 'GHA', standard: 'C029', status: 'ratified', on: '1957-05-20', source: 'ILO NORMLEX, test extract' },
      {
        iso3: 'GHA',
        standard: 'palermo',
        status: 'acceded',
        on: null,
        source: 'https://treaties.example.test/palermo',
      },
      {
        iso3: 'NPL',
        standard: 'C182',
        status: 'ratified',
        on: '2002-01-03',
        source: 'https://normlex.example.test/country/NPL/2',
      },
      { iso3: 'NPL', standard: 'P029', status: 'not_ratified', on: null, source: SOURCE },
    ]);
    const audit = await platform.database.pool.query<{ after: { rows: number; countries: string[] } }>(
      `SELECT after FROM audit_log WHERE action = 'pathfinders.ratifications_imported'`,
    );
    expect(audit.rows.map((row) => ({ rows: row.after.rows, countries: row.after.countries }))).toEqual([
      { rows: 3, countries: ['GHA', 'NPL'] },
    ]);
  });
});
