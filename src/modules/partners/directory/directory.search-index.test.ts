import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../../server.ts';
import { createTestApp } from '../../../testing/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../testing/test-database.ts';
import { createDirectoryIndex, foldForSearch, querySnapshot, type DirectoryEntry } from './directory.search-index.ts';
import { directoryQuerySchema } from './directory.schemas.ts';

function entry(input: Partial<DirectoryEntry> & { id: number; name: string }): DirectoryEntry {
  return {
    slug: `org-${input.id}`,
    kind: 'civil_society',
    country: null,
    region: null,
    website: null,
    isDemo: false,
    joinedOn: '2024-01-01',
    texts: {},
    actionGroups: [],
    searchKeys: [foldForSearch(input.name)],
    ...input,
  };
}

const query = (raw: Record<string, unknown>) => directoryQuerySchema.parse(raw);

describe('folding names for search', () => {
  it('ignores case, accents, ligatures and typographic apostrophes', () => {
    expect(foldForSearch('Organisation Internationale du TRAVAIL')).toBe('organisation internationale du travail');
    expect(foldForSearch('Réseau d’Éducation')).toBe("reseau d'education");
    expect(foldForSearch('Œuvre  Straße')).toBe('oeuvre strasse');
    expect(foldForSearch('Łódź Ørsted Ñandú')).toBe('lodz orsted nandu');
  });
});

describe('one query over the records in memory', () => {
  const ordered = [
    entry({ id: 1, name: 'Confédération syndicale', kind: 'workers_org', country: 'FRA', region: '150' }),
    entry({
      id: 2,
      name: 'Red de Mujeres',
      kind: 'civil_society',
      country: 'PER',
      region: '019',
      actionGroups: ['migration'],
    }),
    entry({
      id: 3,
      name: 'Workers Union of Ghana',
      kind: 'workers_org',
      country: 'GHA',
      region: '002',
      actionGroups: ['migration', 'supply-chains'],
    }),
    entry({ id: 4, name: 'Sans pays', kind: 'other', country: null, region: null, actionGroups: ['supply-chains'] }),
  ];

  it('narrows across filters, widens within one, and counts each value without its own filter', () => {
    const result = querySnapshot({
      ordered,
      query: query({ kind: ['workers_org', 'civil_society'], region: ['002', '019'], action_group: 'migration' }),
    });
    expect(result.entries.map((item) => item.id)).toEqual([2, 3]);
    expect(result.total).toBe(2);
    // Kind counts apply the region and action-group filters, not the kind filter.
    expect(Object.fromEntries(result.facets.kind)).toEqual({ civil_society: 1, workers_org: 1 });
    // Region counts apply the kind and action-group filters: France has no migration group.
    expect(Object.fromEntries(result.facets.region)).toEqual({ '002': 1, '019': 1 });
    // Action-group counts apply kind and region: id 4 (other, no country) is out.
    expect(Object.fromEntries(result.facets.actionGroup)).toEqual({ migration: 2, 'supply-chains': 1 });
    expect(Object.fromEntries(result.facets.country)).toEqual({ PER: 1, GHA: 1 });
  });

  it('matches every word of a search inside one name, whatever the accents', () => {
    expect(querySnapshot({ ordered, query: query({ q: 'confederation SYNDICALE' }) }).total).toBe(1);
    expect(querySnapshot({ ordered, query: query({ q: 'union ghana' }) }).total).toBe(1);
    expect(querySnapshot({ ordered, query: query({ q: 'union mujeres' }) }).total).toBe(0);
    expect(querySnapshot({ ordered, query: query({ q: '   ' }) }).total).toBe(4);
  });

  it('pages in the given order and keeps the total', () => {
    const second = querySnapshot({ ordered, query: query({ per_page: 3, page: 2 }) });
    expect(second.total).toBe(4);
    expect(second.entries.map((item) => item.id)).toEqual([4]);
    expect(querySnapshot({ ordered, query: query({ per_page: 3, page: 9 }) }).entries).toEqual([]);
  });
});

describe('the directory index on the database', () => {
  let database: TestDatabase;
  let server: Server;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await createTestApp({ database });
    await database.pool.query(`
      INSERT INTO organizations (slug, name, kind, country, status) VALUES
        ('alpha', 'Alpha Coalition', 'civil_society', 'BRA', 'active'),
        ('beta', 'Beta Institute', 'academic', 'NOR', 'active'),
        ('gamma', 'Gamma Applicant', 'other', 'KEN', 'applicant');
      INSERT INTO organization_translations (organization_id, locale, name, description)
        SELECT id, 'fr', 'Coalition Alpha', 'Texte' FROM organizations WHERE slug = 'alpha';
      INSERT INTO organization_status_history (organization_id, status, valid_from)
        SELECT id, status, DATE '2023-05-01' FROM organizations WHERE status = 'active';`);
  });

  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('reads the records once for many searches, however many arrive together', async () => {
    const index = createDirectoryIndex({ db: database.db, defaultLocale: 'en', refreshDelayMs: null });
    const results = await Promise.all(
      ['fr', 'en', 'es', 'fr'].map((locale) => index.search({ query: query({}), locale: locale as 'fr' })),
    );
    expect(results.map((result) => result.total)).toEqual([2, 2, 2, 2]);
    expect(index.stats().loads).toBe(1);
    // Names are sorted in the reader's language: "Beta…" before "Coalition Alpha" in French.
    expect(results[0]!.entries.map((item) => item.slug)).toEqual(['beta', 'alpha']);
    expect(results[1]!.entries.map((item) => item.slug)).toEqual(['alpha', 'beta']);
    await index.search({ query: query({ q: 'coalition' }), locale: 'es' });
    expect(index.stats().loads).toBe(1);
  });

  it('reads them again after a change, and never keeps records read before it', async () => {
    const index = createDirectoryIndex({ db: database.db, defaultLocale: 'en', refreshDelayMs: null });
    await index.search({ query: query({}), locale: 'en' });
    await database.pool.query(`UPDATE organizations SET name = 'Beta Research Institute' WHERE slug = 'beta'`);
    // Without being told, the index still answers from what it read.
    expect((await index.search({ query: query({ q: 'research' }), locale: 'en' })).total).toBe(0);
    index.invalidate();
    expect((await index.search({ query: query({ q: 'research' }), locale: 'en' })).total).toBe(1);
    expect(index.stats().loads).toBe(2);
    // A change reported while the records are being read: that read is not kept, the next search
    // reads them again (and the one after it does not).
    index.invalidate('organizations');
    const pending = index.search({ query: query({}), locale: 'en' });
    index.invalidate('organization_translations');
    await pending;
    expect(index.stats().loads).toBe(3);
    await index.search({ query: query({}), locale: 'en' });
    expect(index.stats().loads).toBe(4);
    await index.search({ query: query({}), locale: 'en' });
    expect(index.stats().loads).toBe(4);
    // A change to a table the directory does not read changes nothing.
    index.invalidate('audit_log');
    await index.search({ query: query({}), locale: 'en' });
    expect(index.stats().loads).toBe(4);
  });

  it('reads the records again in the background soon after a change', async () => {
    const index = createDirectoryIndex({ db: database.db, defaultLocale: 'en', refreshDelayMs: 10 });
    await index.search({ query: query({}), locale: 'en' });
    index.invalidate();
    index.invalidate();
    const deadline = Date.now() + 5000;
    while (index.stats().loads < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(index.stats()).toMatchObject({ loads: 2, entries: 2 });
    await index.search({ query: query({}), locale: 'fr' });
    expect(index.stats().loads).toBe(2);
    await index.close();
  });

  it('is told of changes by the database, whoever makes them', async () => {
    const search = async () => (await server.app.inject({ url: '/api/v1/partners?q=gamma' })).json<{ total: number }>();
    expect((await search()).total).toBe(0);
    await database.pool.query(`
      UPDATE organizations SET status = 'active' WHERE slug = 'gamma';
      INSERT INTO organization_status_history (organization_id, status, valid_from)
        SELECT id, 'active', CURRENT_DATE FROM organizations WHERE slug = 'gamma';`);
    const deadline = Date.now() + 5000;
    let total = 0;
    while (Date.now() < deadline && total === 0) {
      total = (await search()).total;
      if (total === 0) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(total).toBe(1);
  });
});
