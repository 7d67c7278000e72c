import { describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from './demo.ts';
import { useTestApp } from './testing/test-app.ts';
import { createTestUser, TestClient } from './testing/test-users.ts';

const platform = useTestApp({
  prepare: async (database) => {
    await loadDemonstrationContent(database.db);
    // A text loaded as demonstration content by an earlier version of the platform.
    await database.pool.query(
      `UPDATE content_page_translations SET is_demo = true, title = 'Demo about'
        WHERE locale = 'en' AND page_id = (SELECT id FROM content_pages WHERE key = 'about')`,
    );
  },
});

describe('removing the demonstration records', () => {
  it('asks for a confirmation, then removes them in one audited step and keeps every page readable', async () => {
    const admin = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
    const secretariat = new TestClient(platform.server.app);
    await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });

    // A representative was named for one demonstration organization while the platform was tried.
    const tried = await platform.database.pool.query<{ id: number }>(
      `SELECT id FROM organizations WHERE slug = 'demo-government-per'`,
    );
    await createTestUser({
      database: platform.database,
      roles: [{ role: 'partner_rep', organizationId: tried.rows[0]!.id }],
    });

    const page = await secretariat.get('/admin/demo');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Site pages: 1 demonstration record');
    expect(page.body).toContain('Partner organizations: 48 demonstration records');
    // Counted by hand in content/demo/news.json.
    expect(page.body).toContain('News stories: 3 demonstration records');
    // 11 sourced countries, the illustrative roadmaps and reports of Peru and Tunisia.
    expect(page.body).toContain('Pathfinder countries, illustrative roadmaps and reports: 15 demonstration records');

    const unconfirmed = await secretariat.submit({ page: '/admin/demo', fields: {} });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Tick the box to confirm.');

    const removed = await secretariat.submit({ page: '/admin/demo', fields: { confirm: 'yes' } });
    expect(removed.statusCode).toBe(303);
    // The page's text, 47 organizations (the one with a representative stays), the 15 pathfinder
    // records and 3 stories.
    expect(removed.headers.location).toBe('/admin/demo?removed=66');

    const about = await platform.server.app.inject({ url: '/en/about' });
    expect(about.body).toContain('<h1>How the Alliance is organised</h1>');
    const audit = await platform.database.pool.query(`SELECT after FROM audit_log WHERE action = 'demo.removed'`);
    expect(audit.rows).toEqual([{ after: { content: 1, partners: 47, pathfinders: 15, news: 3 } }]);
    expect((await secretariat.get('/admin/demo')).body).toContain('Partner organizations: 1 demonstration record');
    const left = await platform.database.pool.query(`SELECT slug FROM organizations ORDER BY slug`);
    expect(left.rows).toEqual([{ slug: 'demo-government-per' }]);
    const directory = await platform.server.app.inject({ url: '/api/v1/partners' });
    expect(directory.json().total).toBe(1);
    // The stories went with their texts and pictures.
    const news = await platform.server.app.inject({ url: '/api/v1/news' });
    expect(news.json().total).toBe(0);
    const orphans = await platform.database.pool.query(
      `SELECT (SELECT count(*)::int FROM news_story_translations) AS texts, (SELECT count(*)::int FROM news_images) AS images`,
    );
    expect(orphans.rows).toEqual([{ texts: 0, images: 0 }]);
  });
});
