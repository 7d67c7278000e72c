import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

/** A data editor completes a draft indicator made by an import, and brings an earlier version of its data back. */
const platform = useTestApp();
let editor: TestClient;
const screen = '/admin/data/indicators/TEST.EDIT';

function importFile(rows: string) {
  return editor.upload({
    page: '/admin/data',
    action: '/admin/data/import',
    fields: { format: 'tidy', create_indicators: 'on' },
    file: {
      field: 'file',
      type: 'text/csv',
      name: 'edit.csv',
      content: Buffer.from(`indicator,geo,year,value\n${rows}`),
    },
  });
}

beforeAll(async () => {
  const person = await createTestUser({ database: platform.database, roles: [{ role: 'data_editor' }] });
  editor = new TestClient(platform.server.app);
  await editor.signIn({ email: person.email });
  expect((await importFile('TEST.EDIT,NPL,2019,12.5\nTEST.EDIT,NPL,2020,11\n')).statusCode).toBe(200);
  expect((await importFile('TEST.EDIT,NPL,2019,12.5\nTEST.EDIT,NPL,2020,9.75\n')).statusCode).toBe(200);
});

const publicPage = (locale: string) => platform.server.app.inject({ url: `/${locale}/data/TEST.EDIT` });

describe('an indicator’s description', () => {
  it('refuses to publish without a name in every language, keeping what was typed by each field', async () => {
    const page = await editor.get(screen);
    expect(page.statusCode).toBe(200);
    const refused = await editor.submit({
      page: screen,
      fields: {
        status: 'published',
        unit: 'Per cent',
        name_fr: '',
        name_en: 'Edited share',
        name_es: '',
        definition_es: 'Definición',
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="field-name_fr-error"');
    expect(refused.body).toContain('id="field-name_es-error"');
    expect(refused.body).not.toContain('id="field-name_en-error"');
    expect(refused.body).toContain('Give a name in this language to publish the indicator.');
    expect(refused.body).toContain('value="Per cent"');
    expect(refused.body).toContain('>Definición</textarea>');
    const audit = await platform.database.pool.query(`SELECT 1 FROM audit_log WHERE action = 'data.indicator_updated'`);
    expect(audit.rows).toEqual([]);
  });

  it('publishes the indicator with its names and definition, audited, and visitors read it in their language', async () => {
    const saved = await editor.submit({
      page: screen,
      fields: {
        status: 'published',
        sdg_indicator: '8.7.1',
        unit: 'Per cent',
        custodian: 'ILO',
        source: 'Test survey',
        name_fr: 'Part éditée',
        name_en: 'Edited share',
        name_es: 'Proporción editada',
        definition_en: 'The share of children, edited.',
      },
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${screen}?done=saved`);
    expect((await editor.get(`${screen}?done=saved`)).body).toContain('The indicator was saved.');
    expect((await publicPage('fr')).body).toContain('Part éditée');
    const english = await publicPage('en');
    expect(english.body).toContain('Edited share');
    expect(english.body).toContain('The share of children, edited.');
    const audit = await platform.database.pool.query<{
      before: { status: string };
      after: { status: string; names: object };
    }>(`SELECT before, after FROM audit_log WHERE action = 'data.indicator_updated' AND entity_id = 'TEST.EDIT'`);
    expect(audit.rows.map((row) => [row.before.status, row.after.status, row.after.names])).toEqual([
      ['draft', 'published', { fr: 'Part éditée', en: 'Edited share', es: 'Proporción editada' }],
    ]);
  });
});

describe('an indicator’s versions', () => {
  it('asks before bringing an earlier version back, then makes it the newest version', async () => {
    const page = await editor.get(screen);
    expect(page.body).toContain('<input type="hidden" name="version" value="1">');
    expect(page.body).not.toContain('<input type="hidden" name="version" value="2">');

    const asked = await editor.submit({ page: screen, action: `${screen}/restore`, fields: { version: '1' } });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Bring back version 1 of TEST.EDIT?');
    const versions = () =>
      platform.database.pool.query(
        `SELECT v.number, v.kind, v.restored_from_number FROM data_versions v JOIN indicators i ON i.id = v.indicator_id
          WHERE i.code = 'TEST.EDIT' ORDER BY v.number`,
      );
    expect((await versions()).rows).toHaveLength(2);

    const done = await editor.submit({
      page: screen,
      action: `${screen}/restore`,
      fields: { version: '1', confirm: 'yes' },
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${screen}?done=restored`);
    expect((await versions()).rows).toEqual([
      { number: 1, kind: 'import', restored_from_number: null },
      { number: 2, kind: 'import', restored_from_number: null },
      { number: 3, kind: 'restore', restored_from_number: 1 },
    ]);
    const api = await platform.server.app.inject({
      url: '/api/v1/indicators/TEST.EDIT/observations?geo=NPL&year=2020',
    });
    expect(api.json().items.map((item: { value: number }) => item.value)).toEqual([11]);
    const after = await editor.get(`${screen}?done=restored`);
    expect(after.body).toContain('restore of version 1');
    expect(after.body).toContain('The earlier version was brought back as the newest one.');
  });

  it('refuses to bring back the current version or one that does not exist', async () => {
    const current = await editor.submit({ page: screen, action: `${screen}/restore`, fields: { version: '3' } });
    expect(current.statusCode).toBe(409);
    const missing = await editor.submit({ page: screen, action: `${screen}/restore`, fields: { version: '9' } });
    expect(missing.statusCode).toBe(404);
  });
});
