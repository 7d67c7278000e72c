import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../../demo.ts';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { diffLines } from './editor.diff.ts';

const platform = useTestApp({ prepare: async (database) => {
    await loadDemonstrationContent(database.db);
  }, });
let secretariat: TestClient;

async function pageId(slug: string): Promise<number> {
  const result = await platform.database.pool.query<{ id: number }>(`SELECT id FROM content_pages WHERE slug = $1`, [slug]);
  return result.rows[0]!.id;
}

/** What an anonymous visitor gets (through the page cache). */
const visit = (url: string) => platform.server.app.inject({ url });

beforeAll(async () => {
  const admin = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });
});

describe('differences between two texts', () => {
  it('lists the lines removed and added, in order, and keeps the others', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(diffLines('same', 'same')).toEqual([{ kind: 'same', text: 'same' }]);
  });
});

describe('editing a page', () => {
  it('previews without saving, keeps a draft from visitors, publishes at once to cached pages', async () => {
    const about = await pageId('about');
    const before = await visit('/en/about');
    expect(before.body).toContain('<h1>How the Alliance is organised</h1>');
    const editor = `/admin/pages/${about}/en`;
    const fields = { title: 'Who we are', summary: 'A partnership.', body: '## Members\n\nCountries and organisations.' };

    const preview = await secretariat.submit({ page: editor, fields: { ...fields, intent: 'preview' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<h2 id="members">Members</h2>');
    expect(preview.body).toContain('value="Who we are"');
    expect((await visit('/en/about')).body).toContain('How the Alliance is organised');

    const draft = await secretariat.submit({ page: editor, fields: { ...fields, intent: 'draft' } });
    expect(draft.statusCode).toBe(303);
    expect((await visit('/en/about')).body).toContain('How the Alliance is organised');

    const published = await secretariat.submit({ page: editor, fields: { ...fields, intent: 'publish' } });
    expect(published.statusCode).toBe(303);
    const after = await visit('/en/about');
    expect(after.body).toContain('<h1>Who we are</h1>');
    expect(after.body).toContain('<h2 id="members">Members</h2>');
    // The French text did not change.
    expect((await visit('/fr/about')).body).toContain('est organisée</h1>');

    const audit = await platform.database.pool.query<{ action: string; entity_id: string }>(
      `SELECT action, entity_id FROM audit_log WHERE entity_type = 'content_page' ORDER BY id`,
    );
    expect(audit.rows).toEqual([
      { action: 'content.page_draft_saved', entity_id: 'about/en' },
      { action: 'content.page_published', entity_id: 'about/en' },
    ]);
  });

  it('shows the history with the differences, and publishes an earlier version again', async () => {
    const about = await pageId('about');
    const history = await secretariat.get(`/admin/pages/${about}/en/history`);
    expect(history.statusCode).toBe(200);
    // The starting text became version 1, the draft (published as it was) version 2.
    expect(history.body).toContain('Version 2');
    expect(history.body).toContain('Version 1');
    expect(history.body).toContain('<ins><span class="visually-hidden">added: </span>+ ## Members\n</ins>');
    expect(history.body).toContain('Title: “How the Alliance is organised” became “Who we are”');
    const first = await platform.database.pool.query<{ id: number }>(
      `SELECT min(id) AS id FROM content_page_revisions WHERE page_id = $1 AND locale = 'en'`,
      [about],
    );
    const restored = await secretariat.submit({
      page: `/admin/pages/${about}/en/history`,
      action: `/admin/pages/${about}/en/restore`,
      fields: { revision: String(first.rows[0]!.id) },
    });
    expect(restored.statusCode).toBe(303);
    expect((await visit('/en/about')).body).toContain('<h1>How the Alliance is organised</h1>');
    const revisions = await platform.database.pool.query(
      `SELECT restored_from, published_at IS NOT NULL AS published FROM content_page_revisions WHERE page_id = $1 AND locale = 'en' ORDER BY id`,
      [about],
    );
    expect(revisions.rows).toEqual([
      { restored_from: null, published: true },
      { restored_from: null, published: true },
      { restored_from: first.rows[0]!.id, published: true },
    ]);
  });

  it('refuses an empty title with the message next to the field, keeping what was typed', async () => {
    const about = await pageId('about');
    const refused = await secretariat.submit({
      page: `/admin/pages/${about}/fr`,
      fields: { title: ' ', summary: '', body: 'Texte gardé', intent: 'publish' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="field-title-error"');
    expect(refused.body).toContain('>Texte gardé</textarea>');
  });
});

describe('pages and their addresses', () => {
  it('creates a page, publishes it at its slug, and redirects its old slug after a change', async () => {
    const created = await secretariat.submit({ page: '/admin/pages', fields: { slug: 'funding' } });
    expect(created.statusCode).toBe(303);
    const id = await pageId('funding');
    expect((await visit('/en/funding')).statusCode).toBe(404);
    await secretariat.submit({
      page: `/admin/pages/${id}/en`,
      fields: { title: 'Funding', summary: '', body: 'How the work is funded.', intent: 'publish' },
    });
    expect((await visit('/en/funding')).statusCode).toBe(200);
    // In Spanish, the English text with a notice.
    expect((await visit('/es/funding')).body).toContain('Se muestra en inglés');

    const renamed = await secretariat.submit({
      page: `/admin/pages/${id}`,
      action: `/admin/pages/${id}/slug`,
      fields: { slug: 'resources' },
    });
    expect(renamed.statusCode).toBe(303);
    const old = await visit('/fr/funding');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/fr/resources');
    expect((await visit('/en/resources')).body).toContain('<h1>Funding</h1>');
  });

  it('refuses an address the platform uses or another page had', async () => {
    const reserved = await secretariat.submit({ page: '/admin/pages', fields: { slug: 'partners' } });
    expect(reserved.statusCode).toBe(400);
    expect(reserved.body).toContain('The platform uses this address itself');
    const taken = await secretariat.submit({ page: '/admin/pages', fields: { slug: 'funding' } });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Another page has or had this address');
    const malformed = await secretariat.submit({ page: '/admin/pages', fields: { slug: 'Über uns' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('serves the home page at the root only', async () => {
    const home = await visit('/en/home');
    expect(home.statusCode).toBe(301);
    expect(home.headers.location).toBe('/en/');
  });
});

describe('the main menu', () => {
  it('is the default until saved, then shows the entries in their order and labels on every page', async () => {
    const form = await secretariat.get('/admin/menu');
    expect(form.statusCode).toBe(200);
    const saved = await secretariat.submit({
      page: '/admin/menu',
      fields: {
        position_0: '2',
        path_0: '/partners',
        label_fr_0: 'Membres',
        label_en_0: 'Members',
        label_es_0: 'Miembros',
        position_1: '1',
        path_1: '/resources',
        label_fr_1: 'Ressources',
        label_en_1: 'Resources',
        label_es_1: 'Recursos',
      },
    });
    expect(saved.statusCode).toBe(303);
    const page = await visit('/es/partners');
    const menu = /<nav class="main-nav[^>]*><ul>(.*?)<\/ul><\/nav>/s.exec(page.body)?.[1];
    expect(menu).toBe('<li><a href="/es/resources">Recursos</a></li><li><a href="/es/partners" aria-current="page">Miembros</a></li>');
  });

  it('refuses an entry that leads to no page, or without a label in a language', async () => {
    const refused = await secretariat.submit({
      page: '/admin/menu',
      fields: { position_0: '1', path_0: '/nowhere', label_fr_0: 'x', label_en_0: 'x', label_es_0: 'x', position_1: '2', path_1: '/', label_fr_1: 'Accueil', label_en_1: '', label_es_1: 'Inicio' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="field-path_0-error"');
    expect(refused.body).toContain('id="field-label_en_1-error"');
    expect(refused.body).toContain('value="Inicio"');
    const audit = await platform.database.pool.query(`SELECT count(*)::int AS count FROM audit_log WHERE action = 'content.menu_updated'`);
    expect(audit.rows[0]).toEqual({ count: 1 });
  });
});

describe('translation status', () => {
  /** The part of the status page about one language. */
  const section = (body: string, locale: string) =>
    new RegExp(`<section aria-labelledby="translations-${locale}">(.*?)</section>`, 's').exec(body)?.[1] ?? '';

  it('lists per language the pages without a text and those older than their source, and tells visitors the languages', async () => {
    await secretariat.submit({ page: '/admin/pages', fields: { slug: 'grants' } });
    const id = await pageId('grants');
    const write = (locale: string, title: string) =>
      secretariat.submit({ page: `/admin/pages/${id}/${locale}`, fields: { title, summary: '', body: title, intent: 'publish' } });
    await write('fr', 'Subventions');
    await write('en', 'Grants');

    let status = await secretariat.get('/admin/translations');
    expect(status.statusCode).toBe(200);
    expect(section(status.body, 'es')).toContain(`<a href="/admin/pages/${id}/es">Grants</a>`);
    expect(section(status.body, 'en')).not.toContain(`/admin/pages/${id}/en"`);
    expect(section(status.body, 'fr')).not.toContain(`/admin/pages/${id}/fr"`);

    // The French text, written first, is the source: changing it leaves the English one behind.
    await write('fr', 'Subventions et bourses');
    status = await secretariat.get('/admin/translations');
    const english = section(status.body, 'en');
    expect(english).toContain('1 page whose text is older than its source');
    expect(english).toContain(`<a href="/admin/pages/${id}/en">Grants</a> <span class="small">(<code>/grants</code>; source: Français)</span>`);
    expect(section(status.body, 'fr')).not.toContain(`/admin/pages/${id}/fr"`);
    const overview = await secretariat.get(`/admin/pages/${id}`);
    expect(overview.body).toContain('Older than the Français text: to be brought up to date.');

    // Bringing the English text up to date takes it off the list.
    await write('en', 'Grants and fellowships');
    expect(section((await secretariat.get('/admin/translations')).body, 'en')).not.toContain(`/admin/pages/${id}/en"`);

    const page = await visit('/en/grants');
    expect(page.body).toContain(
      'This page exists in: <a href="/fr/grants" hreflang="fr" lang="fr">Français</a>, <span lang="en">English</span></p>',
    );
  });
});
