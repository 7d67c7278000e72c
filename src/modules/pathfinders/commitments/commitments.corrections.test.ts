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
let nepalFocalPoint: TestClient;

/** Made-up sources of the test, not real records of any country. */
const FILE_SOURCE = 'Government gazette, test extract';

async function rows<Row>(sql: string, values: unknown[] = []): Promise<Row[]> {
  return (await platform.database.pool.query<Row & Record<string, unknown>>(sql, values)).rows;
}

async function instruments() {
  return rows<{ iso3: string; kind: string; title: string; year: number; url: string | null }>(
    `SELECT iso3, kind, title, year, url FROM pathfinder_instruments ORDER BY iso3, year, title`,
  );
}

async function commitments() {
  return rows<{ iso3: string; commitment: string; year: number | null; note: string; source: string }>(
    `SELECT iso3, commitment, year, note, source FROM pathfinder_commitments ORDER BY iso3, commitment`,
  );
}

async function auditActions(action: string) {
  return rows<{ actor_id: number | null; entity_id: string | null; before: unknown; after: unknown }>(
    `SELECT actor_id, entity_id, before, after FROM audit_log WHERE action = $1 ORDER BY id`,
    [action],
  );
}

function importFile(input: { dataset: string; csv: string; source?: string }) {
  return secretariat.upload({
    page: '/admin/standards',
    action: '/admin/standards/import',
    fields: { dataset: input.dataset, source: input.source ?? '' },
    file: { field: 'file', name: `${input.dataset}.csv`, type: 'text/csv', content: Buffer.from(input.csv) },
  });
}

let secretariatId: number;

beforeAll(async () => {
  const person = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariatId = person.id;
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: person.email, totpSecret: person.totpSecret });
  const focal = await createTestUser({ database: platform.database, roles: [{ role: 'focal_point', country: 'NPL' }] });
  nepalFocalPoint = new TestClient(platform.server.app);
  await nepalFocalPoint.signIn({ email: focal.email });
});

describe('the import of laws, plans and policies', () => {
  const GOOD = [
    'country,type,title,year,url',
    'NPL,action_plan,National Master Plan on Child Labour,2018,https://gazette.example.test/npl/master-plan',
    'gha,law,Human Trafficking Act,2005,',
  ].join('\n');

  it('refuses a file with a bad line, names each line, column and problem, and writes nothing', async () => {
    const refused = await importFile({
      dataset: 'instruments',
      source: FILE_SOURCE,
      csv: [
        'country,type,title,year,url',
        'NPL,law,Labour Act,2017,',
        'ISL,law,Some Act,2010,',
        'NPL,decree,Decree on work,2019,',
        'NPL,policy,Child policy,19,ftp://not.web',
        'npl,LAW,labour  act,2017,',
      ].join('\n'),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('4 lines cannot be imported');
    expect(refused.body).toContain('Nothing was written: correct the file and import it again.');
    const lines = [...refused.body.matchAll(/<td data-label="Line">(\d+)<\/td>/g)].map((match) => match[1]);
    expect(lines).toEqual(['3', '4', '5', '6']);
    expect(refused.body).toContain('Column “country”: “ISL” is not a country on the pathfinder path.');
    expect(refused.body).toContain('Column “type”: “decree” is not one of action_plan, law, policy.');
    expect(refused.body).toContain('Column “year”: Enter a year such as 2022.');
    expect(refused.body).toContain('Column “url”: Enter an address that starts with http:// or https://.');
    expect(refused.body).toContain('Column “title”: The same country, type, year and title are already on line 2.');
    expect(await instruments()).toEqual([]);
    expect(await auditActions('pathfinders.instruments_imported')).toEqual([]);
  });

  it('writes a good file in one transaction, audited with its source and row count', async () => {
    const imported = await importFile({ dataset: 'instruments', source: FILE_SOURCE, csv: GOOD });
    expect(imported.statusCode).toBe(303);
    expect(imported.headers.location).toBe('/admin/standards?imported=2&dataset=instruments');
    expect((await secretariat.get('/admin/standards?imported=2&dataset=instruments')).body).toContain(
      '2 lines are imported; laws, plans and policies already recorded are not added twice.',
    );
    expect(await instruments()).toEqual([
      { iso3: 'GHA', kind: 'law', title: 'Human Trafficking Act', year: 2005, url: null },
      {
        iso3: 'NPL',
        kind: 'action_plan',
        title: 'National Master Plan on Child Labour',
        year: 2018,
        url: 'https://gazette.example.test/npl/master-plan',
      },
    ]);
    const audit = await auditActions('pathfinders.instruments_imported');
    expect(audit).toEqual([
      {
        actor_id: secretariatId,
        entity_id: null,
        before: null,
        after: {
          fileName: 'instruments.csv',
          source: FILE_SOURCE,
          rows: 2,
          added: 2,
          alreadyRecorded: 0,
          countries: ['GHA', 'NPL'],
        },
      },
    ]);
  });

  it('adds nothing when the same file is imported again, whatever the case of the titles', async () => {
    const again = await importFile({
      dataset: 'instruments',
      source: FILE_SOURCE,
      csv: GOOD.replace('Human Trafficking Act', 'HUMAN trafficking  act'),
    });
    expect(again.statusCode).toBe(303);
    expect(await instruments()).toHaveLength(2);
    const audit = await auditActions('pathfinders.instruments_imported');
    expect((audit[1]?.after as { added: number; alreadyRecorded: number }).added).toBe(0);
    expect((audit[1]?.after as { added: number; alreadyRecorded: number }).alreadyRecorded).toBe(2);
  });
});

describe('the import of commitments', () => {
  it('refuses a bad file by line and column, then writes a good one, and a second import replaces', async () => {
    const refused = await importFile({
      dataset: 'commitments',
      csv: [
        'country,commitment,year,note,source',
        'NPL,call_to_action,2017,Endorsed the Call to Action,https://alliance.example.test/npl',
        'NPL,bogota_2030,,,https://alliance.example.test/npl',
        'GHA,durban_2022,22,,',
        'NPL,call_to_action,2018,Again,https://alliance.example.test/npl',
      ].join('\n'),
    });
    expect(refused.statusCode).toBe(400);
    const lines = [...refused.body.matchAll(/<td data-label="Line">(\d+)<\/td>/g)].map((match) => match[1]);
    expect(lines).toEqual(['3', '4', '5']);
    expect(refused.body).toContain(
      'Column “commitment”: “bogota_2030” is not one of call_to_action, buenos_aires_2017, durban_2022.',
    );
    expect(refused.body).toContain('Column “year”: Enter a year such as 2022.');
    expect(refused.body).toContain('Column “source”: Give the source of this status.');
    expect(refused.body).toContain('Column “commitment”: The same country and commitment are already on line 2.');
    expect(await commitments()).toEqual([]);

    const good = [
      'country,commitment,year,note,source',
      'NPL,call_to_action,2017,Endorsed the Call to Action,',
      'GHA,durban_2022,2022,,https://alliance.example.test/gha',
    ].join('\n');
    const imported = await importFile({ dataset: 'commitments', source: FILE_SOURCE, csv: good });
    expect(imported.statusCode).toBe(303);
    expect(imported.headers.location).toBe('/admin/standards?imported=2&dataset=commitments');
    const expected = [
      { iso3: 'GHA', commitment: 'durban_2022', year: 2022, note: '', source: 'https://alliance.example.test/gha' },
      {
        iso3: 'NPL',
        commitment: 'call_to_action',
        year: 2017,
        note: 'Endorsed the Call to Action',
        source: FILE_SOURCE,
      },
    ];
    expect(await commitments()).toEqual(expected);
    expect((await importFile({ dataset: 'commitments', source: FILE_SOURCE, csv: good })).statusCode).toBe(303);
    expect(await commitments()).toEqual(expected);
    expect((await auditActions('pathfinders.commitments_imported')).map((row) => row.after)).toEqual([
      { fileName: 'commitments.csv', source: FILE_SOURCE, rows: 2, countries: ['GHA', 'NPL'] },
      { fileName: 'commitments.csv', source: FILE_SOURCE, rows: 2, countries: ['GHA', 'NPL'] },
    ]);
  });
});

describe('correcting and removing a country’s records', () => {
  async function instrumentId(title: string): Promise<number> {
    const [row] = await rows<{ id: number }>(`SELECT id FROM pathfinder_instruments WHERE title = $1`, [title]);
    return row!.id;
  }

  it('keeps what was typed, with the message by the field, when a correction is wrong', async () => {
    const id = await instrumentId('National Master Plan on Child Labour');
    const page = `/admin/pathfinders/NPL/instruments/${id}`;
    const shown = await secretariat.get(page);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('value="National Master Plan on Child Labour"');
    const refused = await secretariat.submit({
      page,
      fields: {
        instrument_kind: 'action_plan',
        instrument_title: 'Second National Master Plan',
        instrument_year: '18',
        instrument_url: '',
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="Second National Master Plan"');
    expect(refused.body).toMatch(/id="field-instrument_year-error">Enter a year such as 2022\.<\/p>/);
    expect(await instrumentId('National Master Plan on Child Labour')).toBe(id);

    const saved = await secretariat.submit({
      page,
      fields: {
        instrument_kind: 'action_plan',
        instrument_title: 'Second National Master Plan',
        instrument_year: '2018',
        instrument_url: '',
      },
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/pathfinders/NPL?done=instrumentChanged#instruments-heading');
    expect((await instruments()).filter((row) => row.iso3 === 'NPL')).toEqual([
      { iso3: 'NPL', kind: 'action_plan', title: 'Second National Master Plan', year: 2018, url: null },
    ]);
    const audit = await auditActions('pathfinders.instrument_changed');
    expect(audit.map((row) => [row.entity_id, row.before, row.after])).toEqual([
      [
        'NPL',
        {
          instrument: id,
          kind: 'action_plan',
          title: 'National Master Plan on Child Labour',
          year: 2018,
          url: 'https://gazette.example.test/npl/master-plan',
        },
        { instrument: id, kind: 'action_plan', title: 'Second National Master Plan', year: 2018, url: null },
      ],
    ]);
  });

  it('asks before removing, and removes only once confirmed (audited)', async () => {
    const id = await instrumentId('Second National Master Plan');
    const confirm = await secretariat.get(`/admin/pathfinders/NPL/instruments/${id}/remove`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Remove “Second National Master Plan (National action plan, 2018)”?');
    expect(confirm.body).toContain('<input type="hidden" name="confirm" value="yes">');

    const unconfirmed = await secretariat.submit({
      page: `/admin/pathfinders/NPL/instruments/${id}/remove`,
      fields: {},
    });
    expect(unconfirmed.statusCode).toBe(200);
    expect(unconfirmed.body).toContain('Remove “Second National Master Plan (National action plan, 2018)”?');
    expect(await instruments()).toHaveLength(2);

    const removed = await secretariat.submit({
      page: `/admin/pathfinders/NPL/instruments/${id}/remove`,
      fields: { confirm: 'yes' },
    });
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/admin/pathfinders/NPL?done=removed#instruments-heading');
    expect((await instruments()).map((row) => row.title)).toEqual(['Human Trafficking Act']);
    expect((await auditActions('pathfinders.instrument_removed')).map((row) => [row.actor_id, row.before])).toEqual([
      [
        secretariatId,
        { instrument: id, kind: 'action_plan', title: 'Second National Master Plan', year: 2018, url: null },
      ],
    ]);
  });

  it('corrects and removes a commitment and a status with a standard', async () => {
    const [commitment] = await rows<{ id: number }>(
      `SELECT id FROM pathfinder_commitments WHERE iso3 = 'NPL' AND commitment = 'call_to_action'`,
    );
    const page = `/admin/pathfinders/NPL/commitments/${commitment!.id}`;
    const refused = await secretariat.submit({
      page,
      fields: { commitment_year: '2017', commitment_note: 'Kept note', commitment_source: '' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="Kept note"');
    expect(refused.body).toContain('This field is required.');
    const corrected = await secretariat.submit({
      page,
      fields: { commitment_year: '2016', commitment_note: 'Endorsed', commitment_source: 'https://a.example.test/1' },
    });
    expect(corrected.statusCode).toBe(303);
    expect((await commitments()).find((row) => row.iso3 === 'NPL')).toEqual({
      iso3: 'NPL',
      commitment: 'call_to_action',
      year: 2016,
      note: 'Endorsed',
      source: 'https://a.example.test/1',
    });
    expect((await secretariat.submit({ page: `${page}/remove`, fields: { confirm: 'yes' } })).headers.location).toBe(
      '/admin/pathfinders/NPL?done=removed#commitments-list-heading',
    );
    expect((await commitments()).map((row) => row.iso3)).toEqual(['GHA']);
    expect((await auditActions('pathfinders.commitment_removed')).map((row) => row.before)).toEqual([
      { commitment: 'call_to_action', year: 2016, note: 'Endorsed', source: 'https://a.example.test/1' },
    ]);

    await platform.database.pool.query(
      `INSERT INTO pathfinder_ratifications (iso3, standard, status, on_date, source) VALUES ('NPL', 'C138', 'ratified', '1997-05-30', 'https://n.example.test/1')`,
    );
    const standardPage = '/admin/pathfinders/NPL/ratifications/C138';
    const notRatifiedWithDate = await secretariat.submit({
      page: standardPage,
      fields: { status: 'not_ratified', ratified_on: '1997-05-30', ratification_source: 'https://n.example.test/2' },
    });
    expect(notRatifiedWithDate.statusCode).toBe(400);
    expect(notRatifiedWithDate.body).toContain('A standard not ratified has no date: leave the date empty.');
    expect(notRatifiedWithDate.body).toContain('value="https://n.example.test/2"');
    expect((await secretariat.get('/admin/pathfinders/NPL/ratifications/C999')).statusCode).toBe(404);
    expect((await secretariat.get('/admin/pathfinders/NPL/ratifications/C029')).statusCode).toBe(404);
    expect((await secretariat.submit({ page: `${standardPage}/remove`, fields: { confirm: 'yes' } })).statusCode).toBe(
      303,
    );
    expect(await rows(`SELECT standard FROM pathfinder_ratifications WHERE iso3 = 'NPL'`)).toEqual([]);
    expect((await auditActions('pathfinders.ratification_removed')).map((row) => row.before)).toEqual([
      { standard: 'C138', status: 'ratified', date: '1997-05-30', source: 'https://n.example.test/1' },
    ]);
  });

  it('refuses another country’s record through this country’s address', async () => {
    const ghana = await instrumentId('Human Trafficking Act');
    expect((await secretariat.get(`/admin/pathfinders/NPL/instruments/${ghana}`)).statusCode).toBe(404);
    const removed = await secretariat.submit({
      page: `/admin/pathfinders/GHA/instruments/${ghana}/remove`,
      action: `/admin/pathfinders/NPL/instruments/${ghana}/remove`,
      fields: { confirm: 'yes' },
    });
    expect(removed.statusCode).toBe(404);
    expect((await instruments()).map((row) => row.title)).toEqual(['Human Trafficking Act']);
    // A focal point corrects no law, commitment or status, not even their own country's.
    expect((await nepalFocalPoint.get(`/admin/pathfinders/GHA/instruments/${ghana}`)).statusCode).toBe(403);
  });
});

describe('correcting and removing a workshop', () => {
  /** A small PDF document (header, one empty page, end-of-file mark). */
  const PDF = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );

  async function workshop(iso3: string, place: string): Promise<number> {
    const [row] = await rows<{ id: number }>(
      `INSERT INTO pathfinder_workshops (iso3, held_on, place, participants) VALUES ($1, '2025-03-10', $2, 40) RETURNING id`,
      [iso3, place],
    );
    await platform.database.pool.query(
      `INSERT INTO pathfinder_workshop_documents (workshop_id, file_name, content, bytes, sha256) VALUES ($1, 'agenda.pdf', $2, $3, 'not checked here')`,
      [row!.id, PDF, PDF.length],
    );
    return row!.id;
  }

  it('lets the country’s focal point correct and remove their own, never another country’s', async () => {
    const nepal = await workshop('NPL', 'Kathmandu');
    const kenya = await workshop('KEN', 'Nairobi');

    // Kenya's workshop through Nepal's address: not found, and nothing of it changes.
    expect((await nepalFocalPoint.get(`/admin/pathfinders/NPL/workshops/${kenya}`)).statusCode).toBe(404);
    const crossRemove = await nepalFocalPoint.submit({
      page: `/admin/pathfinders/NPL/workshops/${nepal}/remove`,
      action: `/admin/pathfinders/NPL/workshops/${kenya}/remove`,
      fields: { confirm: 'yes' },
    });
    expect(crossRemove.statusCode).toBe(404);
    expect((await nepalFocalPoint.get(`/admin/pathfinders/KEN/workshops/${kenya}/remove`)).statusCode).toBe(403);
    const secretariatCross = await secretariat.submit({
      page: `/admin/pathfinders/KEN/workshops/${kenya}/remove`,
      action: `/admin/pathfinders/GHA/workshops/${kenya}/remove`,
      fields: { confirm: 'yes' },
    });
    expect(secretariatCross.statusCode).toBe(404);
    expect(await rows(`SELECT place FROM pathfinder_workshops WHERE id = $1`, [kenya])).toEqual([{ place: 'Nairobi' }]);

    const page = `/admin/pathfinders/NPL/workshops/${nepal}`;
    const refused = await nepalFocalPoint.submit({
      page,
      fields: { held_on: '2025-02-30', place: 'Pokhara', participants: '45', outcomes_en: 'Kept outcomes' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('value="Pokhara"');
    expect(refused.body).toContain('Kept outcomes</textarea>');
    expect(refused.body).toMatch(/id="field-held_on-error">Enter a date such as 2026-03-31\.<\/p>/);
    const saved = await nepalFocalPoint.submit({
      page,
      fields: { held_on: '2025-03-11', place: 'Pokhara', participants: '45', outcomes_en: 'A plan' },
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/pathfinders/NPL?done=workshopChanged#workshops-heading');
    expect(
      await rows(
        `SELECT held_on::text AS held_on, place, participants, outcomes_en FROM pathfinder_workshops WHERE id = $1`,
        [nepal],
      ),
    ).toEqual([{ held_on: '2025-03-11', place: 'Pokhara', participants: 45, outcomes_en: 'A plan' }]);

    const confirm = await nepalFocalPoint.get(`${page}/remove`);
    expect(confirm.body).toContain(
      'The workshop is removed with its document, its organisers and requests for support.',
    );
    expect((await nepalFocalPoint.submit({ page: `${page}/remove`, fields: {} })).statusCode).toBe(200);
    expect(await rows(`SELECT id FROM pathfinder_workshops WHERE id = $1`, [nepal])).toHaveLength(1);
    const removed = await nepalFocalPoint.submit({ page: `${page}/remove`, fields: { confirm: 'yes' } });
    expect(removed.statusCode).toBe(303);
    expect(await rows(`SELECT id FROM pathfinder_workshops WHERE iso3 = 'NPL'`)).toEqual([]);
    expect(await rows(`SELECT file_name FROM pathfinder_workshop_documents WHERE workshop_id = $1`, [nepal])).toEqual(
      [],
    );
    expect(await rows(`SELECT file_name FROM pathfinder_workshop_documents`)).toEqual([{ file_name: 'agenda.pdf' }]);
    expect((await auditActions('pathfinders.workshop_removed')).map((row) => [row.entity_id, row.before])).toEqual([
      [
        'NPL',
        {
          workshop: nepal,
          heldOn: '2025-03-11',
          place: 'Pokhara',
          documents: ['agenda.pdf'],
          supportRequests: 0,
        },
      ],
    ]);
  });
});
