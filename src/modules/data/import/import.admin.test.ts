import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';

/** A data editor imports files from the back office; the figures are those of the files (16 rows for Armenia's). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const armenia = fs.readFileSync(path.join(root, 'content/data/open_sdg_armenia/indicator_8-7-1.csv'));
const platform = useTestApp();
let editor: TestClient;

async function count(sql: string): Promise<number> {
  return (await platform.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n;
}

function send(client: TestClient, fields: Record<string, string>, file: { name: string; content: Buffer }) {
  return client.upload({
    page: '/admin/data',
    action: '/admin/data/import',
    fields,
    file: { field: 'file', type: 'text/csv', ...file },
  });
}

beforeAll(async () => {
  const person = await createTestUser({ database: platform.database, roles: [{ role: 'data_editor' }] });
  editor = new TestClient(platform.server.app);
  await editor.signIn({ email: person.email });
});

describe('the back office import', () => {
  it('checks a file in a dry run, writing nothing, then imports it, with the code from the file’s name', async () => {
    const page = await editor.get('/admin/data');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="dry_run" checked');

    const dry = await send(
      editor,
      { format: 'opensdg', geo: 'ARM', dry_run: 'on', create_indicators: 'on' },
      { name: 'indicator_8-7-1.csv', content: armenia },
    );
    expect(dry.statusCode).toBe(200);
    expect(dry.body).toContain('Dry run: nothing was written.');
    expect(dry.body).toContain('8.7.1 (new draft indicator): version 1; 16 added, 0 changed, 0 unchanged.');
    expect(await count('observations')).toBe(0);

    const real = await send(
      editor,
      { format: 'opensdg', geo: 'ARM', create_indicators: 'on' },
      { name: 'indicator_8-7-1.csv', content: armenia },
    );
    expect(real.statusCode).toBe(200);
    expect(real.body).toContain('Imported.');
    expect(await count(`observations WHERE geo = 'ARM'`)).toBe(16);
    const audit = await platform.database.pool.query<{ actor_label: string }>(
      `SELECT actor_label FROM audit_log WHERE action = 'data.imported' AND entity_id = '8.7.1'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.actor_label).not.toBe('cli');
  });

  it('rejects a bad file with each problem in the editor’s language, keeping the choices made', async () => {
    const french = await createTestUser({
      database: platform.database,
      roles: [{ role: 'data_editor' }],
      locale: 'fr',
    });
    const client = new TestClient(platform.server.app);
    await client.signIn({ email: french.email, locale: 'fr' });
    const before = await count('observations');
    const response = await send(
      client,
      { format: 'tidy', create_indicators: 'on' },
      { name: 'bad.csv', content: Buffer.from('indicator,geo,year,value\nX.1,FRA,2020,1\nX.1,FRA,2021,abc\n') },
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Le fichier est refusé et rien n’a été écrit : 1 problème');
    expect(response.body).toMatch(/<td data-label="Ligne">3<\/td><td data-label="Colonne">value<\/td>/);
    expect(response.body).toContain('name="create_indicators" checked');
    expect(await count('observations')).toBe(before);
  });

  it('asks for a file when none is sent', async () => {
    const response = await send(editor, { format: 'tidy' }, { name: '', content: Buffer.alloc(0) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose a file.');
  });
});

describe('the upload’s progress', () => {
  it('is a hidden panel whose texts, in the editor’s language, a script served from the platform shows', async () => {
    const texts = {
      fr: ['Envoi en cours… {percent} %', 'Vérification du fichier…'],
      en: ['Uploading… {percent} %', 'Checking the file…'],
      es: ['Enviando… {percent} %', 'Comprobando el archivo…'],
    } as const;
    for (const locale of ['fr', 'en', 'es'] as const) {
      const person = await createTestUser({ database: platform.database, roles: [{ role: 'data_editor' }], locale });
      const client = new TestClient(platform.server.app);
      await client.signIn({ email: person.email, locale });
      const body = (await client.get('/admin/data')).body;
      expect(body).toContain(
        'enctype="multipart/form-data" aria-labelledby="import-heading" data-upload-progress="import-progress">',
      );
      expect(body).toContain(
        `<div class="upload-progress" id="import-progress" hidden data-uploading="${texts[locale][0]}" data-checking="${texts[locale][1]}"`,
      );
      expect(body).toContain('<progress id="import-progress-bar" max="100" value="0"></progress>');
      const script = /<script src="(\/assets\/upload-progress\.[0-9a-f]{12}\.js)" type="module"><\/script>/.exec(body);
      expect(script, locale).not.toBeNull();
      const served = await platform.server.app.inject({ url: script![1]! });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(served.body).toContain('XMLHttpRequest');
      // Only scripts from the platform, never inline ones.
      expect((await client.get('/admin/data')).headers['content-security-policy']).toContain("script-src 'self';");
      expect(body).not.toMatch(/<script(?![^>]*\ssrc=)/);
    }
  });
});
