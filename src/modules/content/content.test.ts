import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../demo.ts';
import type { Server } from '../../server.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { translator } from '../../i18n/i18n.ts';
import { parsePageFile, readPageFiles } from './content.starting.ts';
import { updatePageText } from './content.usecases.ts';
import { renderHome } from './content.views.ts';

describe('the page files shipped with the platform', () => {
  const files = readPageFiles();

  it('hold the home and about pages in the three languages', () => {
    const names = files.map((file) => `${file.slug}.${file.locale}`).sort();
    expect(names).toEqual([
      'about.en',
      'about.es',
      'about.fr',
      'accessibility.en',
      'accessibility.es',
      'accessibility.fr',
      'contact.en',
      'contact.es',
      'contact.fr',
      'home.en',
      'home.es',
      'home.fr',
      'legal.en',
      'legal.es',
      'legal.fr',
      'privacy.en',
      'privacy.es',
      'privacy.fr',
    ]);
  });

  it('have the same sections in every language, and no level-one heading in the body', () => {
    for (const slug of ['home', 'about', 'contact', 'privacy', 'legal', 'accessibility']) {
      const shapes = files
        .filter((file) => file.slug === slug)
        .map((file) => [...file.bodyMarkdown.matchAll(/^(#+) /gm)].map((match) => match[1]).join(','));
      expect(new Set(shapes).size, slug).toBe(1);
      expect(shapes[0]).not.toMatch(/(^|,)#(,|$)/);
    }
  });

  it('refuses a file without front matter or in another language', () => {
    expect(() => parsePageFile({ name: 'about.de.md', text: '---\ntitle: "x"\nsummary: ""\n---\nx' })).toThrow(
      /fr, en or es/,
    );
    expect(() => parsePageFile({ name: 'about.fr.md', text: 'no front matter' })).toThrow(/front matter/);
  });
});

describe('the home page', () => {
  it('says when the counters were counted, as each language writes a date', () => {
    const counters = {
      partners: {
        total: 3,
        by_kind: { government: 0, international_org: 0, regional_org: 0, workers_org: 0, employers_org: 0, civil_society: 1, academic: 2, other: 0 },
        demonstration: 0,
        by_year: [],
      },
      pathfinder_countries: 0,
      computed_at: '2025-03-07T23:30:00.000Z',
    };
    const note = (locale: 'fr' | 'en' | 'es') =>
      /<p class="small">([^<]+)<\/p>/.exec(renderHome({ tr: translator(locale), page: null, figures: [], counters, now: new Date('2025-03-08T00:00:00Z') }).value)?.[1];
    expect(note('fr')).toBe('Décompte établi à partir des données de la plateforme le 7 mars 2025.');
    expect(note('en')).toBe('Counted from the platform’s records on March 7, 2025.');
    expect(note('es')).toBe('Recuento hecho a partir de los registros de la plataforma el 7 de marzo de 2025.');
  });
});

describe('content pages', () => {
  let database: TestDatabase;
  let server: Server;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemonstrationContent(database.db);
    server = await createTestApp({ database });
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('shows the text in another language, with a notice, when a translation is missing', async () => {
    await database.pool.query(
      `DELETE FROM content_page_translations WHERE locale = 'es'
         AND page_id = (SELECT id FROM content_pages WHERE slug = 'about')`,
    );
    const response = await server.app.inject({ url: '/es/about', headers: { cookie: 'a87_session=fresh' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<html lang="es"');
    expect(response.body).toContain('Este texto aún no está disponible en español. Se muestra en francés.');
    expect(response.body).toContain('<h1 lang="fr">');
    expect(response.body).toContain('<div class="prose" lang="fr">');
  });

  it('keeps what editors wrote when the starting texts are loaded again', async () => {
    await updatePageText({
      db: database.db,
      actor: { id: null, label: 'test' },
      text: { slug: 'about', locale: 'fr', title: 'Notre organisation', bodyMarkdown: 'Texte du Secrétariat.' },
    });
    const result = await loadDemonstrationContent(database.db);
    expect(result.pages.written).toBe(0);
    const response = await server.app.inject({ url: '/fr/about', headers: { cookie: 'a87_session=fresh' } });
    expect(response.body).toContain('<h1>Notre organisation</h1>');
    const audit = await database.pool.query<{ entity_id: string; actor_label: string }>(
      `SELECT entity_id, actor_label FROM audit_log WHERE action = 'content.page_published'`,
    );
    expect(audit.rows).toEqual([{ entity_id: 'about/fr', actor_label: 'test' }]);
    expect(response.body).not.toContain('Contenu de démonstration');
  });

  it('refuses invalid page text before writing anything', async () => {
    await expect(
      updatePageText({ db: database.db, actor: { id: null, label: 'test' }, text: { slug: 'about', locale: 'fr', title: '', bodyMarkdown: 'x' } }),
    ).rejects.toThrow();
    await expect(
      updatePageText({ db: database.db, actor: { id: null, label: 'test' }, text: { slug: 'About Us', locale: 'fr', title: 'x' } }),
    ).rejects.toThrow();
    const pages = await database.pool.query(`SELECT slug FROM content_pages ORDER BY slug`);
    expect(pages.rows.map((row: { slug: string }) => row.slug)).toEqual(['about', 'accessibility', 'contact', 'home', 'legal', 'privacy']);
  });

  it('says so when a page has no text at all, rather than failing', async () => {
    await database.pool.query(`DELETE FROM content_page_translations`);
    const home = await server.app.inject({ url: '/en/', headers: { cookie: 'a87_session=fresh' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('This page has no text yet.');
    const about = await server.app.inject({ url: '/en/about', headers: { cookie: 'a87_session=fresh' } });
    expect(about.statusCode).toBe(404);
  });
});
