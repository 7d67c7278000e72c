import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../testing/test-app.ts';
import { newsModule } from './index.ts';

/** The demonstration stories, as a visitor, the API and a second load find them. */
const platform = useTestApp({
  prepare: async (database) => {
    // A real story took one of the demonstration stories' addresses first.
    await database.pool.query(
      `INSERT INTO news_stories (slug, status, publish_at, source_locale) VALUES ('alliance-8-7-launched', 'published', '2024-05-01T08:00:00Z', 'en')`,
    );
    await database.pool.query(
      `INSERT INTO news_story_translations (story_id, locale, title) SELECT id, 'en', 'A real story' FROM news_stories`,
    );
    const loaded = await newsModule.demo(database.db);
    expect(loaded).toEqual({ stories: 2 });
  },
});

const visit = (url: string) => platform.server.app.inject({ url });

describe('the demonstration news stories', () => {
  it('are listed with their date, picture and a demonstration mark, and a real story is left alone', async () => {
    const list = (await visit('/en/news')).body;
    const titles = [...list.matchAll(/<h2><a href="\/en\/news\/([a-z0-9-]+)">([^<]+)<\/a><\/h2>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(titles).toEqual([
      ['alliance-8-7-launched', 'A real story'],
      ['global-coordinating-group-9th-meeting', 'The Global Coordinating Group holds its 9th meeting online'],
      ['supply-chains-meeting-abidjan', 'The Supply Chains action group meets in Abidjan'],
    ]);
    expect(list.match(/<span class="badge">demonstration<\/span>/g)).toHaveLength(2);
    expect(list).toContain('<time datetime="2020-10-28T12:00:00.000Z">');
  });

  it('say on their page, in each language, that they are demonstration told from a named source', async () => {
    const french = (await visit('/fr/news/supply-chains-meeting-abidjan')).body;
    expect(french).toContain('<h1>Le groupe d’action sur les chaînes d’approvisionnement se réunit à Abidjan</h1>');
    expect(french).toContain('Article de démonstration : écrit d’après la source publique qu’il cite');
    expect(french).toContain('<a href="https://www.alliance87.org/action-groups/">Alliance 8.7, groupes d’action</a>');
    expect(french).toMatch(
      /<img src="\/media\/news\/\d+\/480\?v=[0-9a-f]{16}" srcset="[^"]+ 480w, [^"]+ 800w, [^"]+ 1200w"/,
    );
    expect(french).toContain('alt="Illustration : cercles et bandes aux couleurs de la plateforme"');
    const spanish = (await visit('/es/news/global-coordinating-group-9th-meeting')).body;
    expect(spanish).toContain('Noticia de demostración');
    expect(spanish).toContain('República Democrática del Congo');
  });

  it('are marked in the API, the real story is not', async () => {
    const body = (await visit('/api/v1/news?locale=en')).json<{ items: { slug: string; is_demo: boolean }[] }>();
    expect(body.items.map((item) => [item.slug, item.is_demo])).toEqual([
      ['alliance-8-7-launched', false],
      ['global-coordinating-group-9th-meeting', true],
      ['supply-chains-meeting-abidjan', true],
    ]);
  });

  it('are loaded once: a second load writes nothing, and removal takes only them', async () => {
    expect(await newsModule.demo(platform.database.db)).toEqual({ stories: 0 });
    expect(await newsModule.countDemo(platform.database.db)).toBe(2);
    expect(await newsModule.removeDemo(platform.database.db)).toBe(2);
    const left = await platform.database.pool.query(`SELECT slug FROM news_stories`);
    expect(left.rows).toEqual([{ slug: 'alliance-8-7-launched' }]);
  });
});
