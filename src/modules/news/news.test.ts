import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../testing/test-users.ts';

const platform = useTestApp();
let secretariat: TestClient;

/** What an anonymous visitor gets (through the page cache). */
const visit = (url: string) => platform.server.app.inject({ url });

/** A story written through the back office: its texts, topics and countries, published now unless told. */
async function writeStory(input: {
  slug: string;
  texts: Record<string, { title: string; lead: string; body: string }>;
  tags?: string;
  countries?: string;
  publish?: { date: string; time: string } | false;
}): Promise<number> {
  const created = await secretariat.submit({ page: '/admin/news', fields: { slug: input.slug } });
  expect(created.statusCode).toBe(303);
  const id = Number(/\/admin\/news\/(\d+)/.exec(String(created.headers.location))![1]);
  for (const [locale, text] of Object.entries(input.texts)) {
    const saved = await secretariat.submit({
      page: `/admin/news/${id}/${locale}`,
      fields: { ...text, intent: 'save' },
    });
    expect(saved.statusCode).toBe(303);
  }
  if (input.tags || input.countries) {
    const details = await secretariat.submit({
      page: `/admin/news/${id}`,
      action: `/admin/news/${id}/details`,
      fields: { tags: input.tags ?? '', countries: input.countries ?? '' },
    });
    expect(details.statusCode).toBe(303);
  }
  if (input.publish !== false) {
    const when = input.publish ? { when: 'later', ...input.publish } : { when: 'now' };
    const published = await secretariat.submit({
      page: `/admin/news/${id}`,
      action: `/admin/news/${id}/publish`,
      fields: { ...when, confirm: 'yes' },
    });
    expect(published.statusCode).toBe(303);
  }
  return id;
}

beforeAll(async () => {
  const admin = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });
});

describe('the news before any story', () => {
  it('says there is none, on the list and on the home page, and the feed is empty but valid', async () => {
    const list = await visit('/en/news');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('No news has been published yet.');
    expect((await visit('/es/')).body).toContain('Todavía no se ha publicado ninguna noticia.');
    const feed = new XMLParser({ ignoreAttributes: false }).parse((await visit('/fr/news/feed.xml')).body);
    expect(feed.feed.id).toBe('http://platform.test/fr/news/feed.xml');
    expect(feed.feed.entry).toBeUndefined();
  });
});

describe('a story published in French', () => {
  beforeAll(async () => {
    await writeStory({
      slug: 'brick-kilns',
      texts: {
        fr: {
          title: 'Fours à briques : un accord',
          lead: 'Les employeurs s’engagent.',
          body: '## Ce qui change\n\nLes enfants quittent les fours.',
        },
      },
      tags: 'child-labour, Brick-Kilns',
      countries: 'npl',
    });
  });

  it('is listed in every language, with the language it is written in', async () => {
    const french = await visit('/fr/news');
    expect(french.body).toContain('<a href="/fr/news/brick-kilns">Fours à briques : un accord</a>');
    const english = await visit('/en/news');
    expect(english.body).toContain('<h2 lang="fr"><a href="/en/news/brick-kilns">Fours à briques : un accord</a></h2>');
    expect(english.body).toContain('in Français');
  });

  it('reads in French, and in English with a notice that it is shown in French', async () => {
    const french = await visit('/fr/news/brick-kilns');
    expect(french.statusCode).toBe(200);
    expect(french.body).toContain('<h1>Fours à briques : un accord</h1>');
    expect(french.body).toContain('<h2 id="ce-qui-change">Ce qui change</h2>');
    expect(french.body).not.toContain('role="note"');
    const english = await visit('/en/news/brick-kilns');
    expect(english.body).toContain('<h1 lang="fr">Fours à briques : un accord</h1>');
    expect(english.body).toContain('This text is not yet available in English.');
    expect(english.body).toContain('This story exists in: <span lang="fr">Français</span>');
    expect(english.body).toContain('href="/en/news?tag=child-labour">#child-labour</a>');
    expect(english.body).toContain('href="/en/news?country=NPL">Nepal</a>');
  });

  it('takes only countries the platform knows, keeping what the editor typed', async () => {
    const [row] = (await platform.database.pool.query(`SELECT id FROM news_stories WHERE slug = 'brick-kilns'`))
      .rows as { id: number }[];
    const refused = await secretariat.submit({
      page: `/admin/news/${row!.id}`,
      action: `/admin/news/${row!.id}/details`,
      fields: { tags: 'child-labour', countries: 'NPL, XKX' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Each country is the three-letter ISO code of a country, for example NPL for Nepal.',
    );
    expect(refused.body).toContain('value="NPL, XKX"');
    const [after] = (await platform.database.pool.query(`SELECT countries FROM news_stories WHERE id = ${row!.id}`))
      .rows as { countries: string[] }[];
    expect(after!.countries).toEqual(['NPL']);
    // The story is on Nepal's profile.
    expect((await visit('/fr/countries/NPL')).body).toContain(
      '<a href="/fr/news/brick-kilns">Fours à briques : un accord</a>',
    );
  });

  it('is filtered by topic and country, and says when nothing matches', async () => {
    expect((await visit('/es/news?tag=brick-kilns')).body).toContain('/es/news/brick-kilns');
    expect((await visit('/es/news?country=NPL')).body).toContain('/es/news/brick-kilns');
    const none = await visit('/es/news?country=KEN');
    expect(none.body).toContain('Ninguna noticia corresponde a estos filtros.');
    expect(none.body).not.toContain('/es/news/brick-kilns');
  });

  it('shows on the home page in the latest news', async () => {
    const home = await visit('/en/');
    expect(home.body).toContain('<h3 lang="fr"><a href="/en/news/brick-kilns">Fours à briques : un accord</a></h3>');
  });

  it('is in the Atom feed of each language, with absolute links', async () => {
    const response = await visit('/en/news/feed.xml');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(response.body);
    const feed = parsed.feed;
    expect(feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe('http://platform.test/en/news/feed.xml');
    expect(feed.title).toBe('News · Alliance 8.7');
    expect(feed.link).toEqual([
      { rel: 'alternate', href: 'http://platform.test/en/news' },
      { rel: 'self', href: 'http://platform.test/en/news/feed.xml' },
    ]);
    expect(feed.author.name).toBe('Alliance 8.7');
    const entry = feed.entry;
    expect(entry.title).toEqual({ type: 'html', '#text': 'Fours à briques : un accord' });
    expect(entry.id).toBe('http://platform.test/en/news/brick-kilns');
    expect(entry.link).toEqual({ href: 'http://platform.test/en/news/brick-kilns' });
    expect(entry.summary).toEqual({ type: 'html', '#text': 'Les employeurs s’engagent.' });
    expect(entry.content.type).toBe('html');
    expect(entry.content['#text']).toContain('<h2 id="ce-qui-change">Ce qui change</h2>');
    expect(entry.category).toEqual([
      { label: 'child-labour', term: 'child-labour' },
      { label: 'brick-kilns', term: 'brick-kilns' },
    ]);
    expect(new Date(entry.published).getTime()).toBe(new Date(entry.updated).getTime());
    expect(feed.updated).toBe(entry.updated);
  });

  it('is in the API, paginated like the other lists', async () => {
    const response = await visit('/api/v1/news?locale=en');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.page).toBe(1);
    expect(body.per_page).toBe(20);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      slug: 'brick-kilns',
      url: 'http://platform.test/en/news/brick-kilns',
      locale: 'fr',
      title: 'Fours à briques : un accord',
      lead: 'Les employeurs s’engagent.',
      body_markdown: '## Ce qui change\n\nLes enfants quittent les fours.',
      titles: { fr: 'Fours à briques : un accord' },
      tags: ['child-labour', 'brick-kilns'],
      countries: ['NPL'],
      image: null,
    });
    expect((await visit('/api/v1/news?per_page=500')).statusCode).toBe(400);
    const described = (await visit('/api/v1/openapi.json')).json();
    expect(Object.keys(described.paths)).toContain('/api/v1/news');
  });

  it('is in the sitemap in each language; the feed is not a page there', async () => {
    const sitemap = (await visit('/sitemap.xml')).body;
    expect(sitemap).toContain('<loc>http://platform.test/es/news/brick-kilns</loc>');
    expect(sitemap).toContain('<loc>http://platform.test/fr/news</loc>');
    expect(sitemap).not.toContain('feed.xml');
  });

  it('is unknown under another address', async () => {
    expect((await visit('/en/news/no-such-story')).statusCode).toBe(404);
  });
});

describe('a story scheduled for later', () => {
  it('stays out of the list, the page and the feed until its time, then appears by itself', async () => {
    const id = await writeStory({
      slug: 'scheduled-story',
      texts: { en: { title: 'A story for later', lead: 'Soon.', body: 'Later.' } },
      publish: false,
    });
    // A few seconds ahead, to the second (the form's time field takes seconds).
    const at = new Date(Math.ceil((Date.now() + 4000) / 1000) * 1000);
    const iso = at.toISOString();
    const scheduled = await secretariat.submit({
      page: `/admin/news/${id}`,
      action: `/admin/news/${id}/publish`,
      fields: { when: 'later', date: iso.slice(0, 10), time: iso.slice(11, 19), confirm: 'yes' },
    });
    expect(scheduled.headers.location).toBe(`/admin/news/${id}?done=scheduled`);
    const admin = await secretariat.get('/admin/news');
    expect(admin.body).toContain(`Scheduled for ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`);
    // Read now, the list is kept by the page cache.
    expect((await visit('/en/news')).body).not.toContain('A story for later');
    expect((await visit('/en/news/scheduled-story')).statusCode).toBe(404);
    expect((await visit('/en/news/feed.xml')).body).not.toContain('A story for later');
    await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 300));
    expect((await visit('/en/news')).body).toContain('A story for later');
    expect((await visit('/en/news/scheduled-story')).statusCode).toBe(200);
    expect((await visit('/en/news/feed.xml')).body).toContain('A story for later');
    expect((await visit('/en/')).body).toContain('A story for later');
  });
});
