import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemonstrationContent } from '../../demo.ts';
import { useTestApp } from '../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../testing/test-users.ts';
import { pathfindersModule } from './pathfinders.module.ts';

/**
 * The demonstration content of the pathfinders module: the 11 sourced countries of
 * content/demo/pathfinders.json, and the illustrative roadmaps and reports of Peru and Tunisia in
 * content/demo/pathfinder-roadmaps.json. Every expected value is counted by hand from those files.
 */
const platform = useTestApp({ prepare: (database) => loadDemonstrationContent(database.db).then(() => undefined) });
const get = (url: string) => platform.server.app.inject({ url });
let secretariat: TestClient;

async function rows<T>(text: string): Promise<T[]> {
  return (await platform.database.pool.query(text)).rows as T[];
}

beforeAll(async () => {
  const admin = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });
});

describe('the illustrative roadmaps and reports', () => {
  it('are loaded for Peru and Tunisia, flagged as demonstration, and not written twice', async () => {
    const roadmaps = `SELECT v.iso3, v.number, v.status, v.is_demo,
        (SELECT count(*)::int FROM pathfinder_roadmap_priorities p WHERE p.version_id = v.id) AS priorities,
        (SELECT count(*)::int FROM pathfinder_roadmap_actions a WHERE a.version_id = v.id) AS actions
       FROM pathfinder_roadmap_versions v ORDER BY v.iso3`;
    const expectedRoadmaps = [
      { iso3: 'PER', number: 1, status: 'adopted', is_demo: true, priorities: 2, actions: 4 },
      { iso3: 'TUN', number: 1, status: 'adopted', is_demo: true, priorities: 2, actions: 5 },
    ];
    const reports = `SELECT r.iso3, r.year, r.status, r.is_demo, r.submitted_on, r.acknowledged_on,
        (SELECT count(*)::int FROM pathfinder_report_actions a WHERE a.report_id = r.id) AS actions
       FROM pathfinder_reports r ORDER BY r.iso3`;
    const expectedReports = [
      {
        iso3: 'PER',
        year: 2025,
        status: 'acknowledged',
        is_demo: true,
        submitted_on: null,
        acknowledged_on: null,
        actions: 4,
      },
      {
        iso3: 'TUN',
        year: 2025,
        status: 'acknowledged',
        is_demo: true,
        submitted_on: null,
        acknowledged_on: null,
        actions: 5,
      },
    ];
    expect(await rows(roadmaps)).toEqual(expectedRoadmaps);
    expect(await rows(reports)).toEqual(expectedReports);
    // Every action says it is illustrative, and every amount is round.
    const actions = await rows<{ title: string; budget_amount: string | null }>(
      'SELECT title, budget_amount FROM pathfinder_roadmap_actions',
    );
    for (const action of actions) {
      expect(action.title).toMatch(/^(Acción ilustrativa: |Action d’illustration : )/);
      expect([null, '5000.00', '10000.00', '20000.00']).toContain(action.budget_amount);
    }

    // 11 countries, 2 roadmaps, 2 reports.
    expect(await pathfindersModule.countDemo(platform.database.db)).toBe(15);
    const again = await platform.database.db.transaction((tx) => pathfindersModule.demo(tx));
    expect(again).toEqual({ countries: 11, roadmaps: 0, reports: 0 });
    expect(await rows(roadmaps)).toEqual(expectedRoadmaps);
    expect(await rows(reports)).toEqual(expectedReports);
  });

  it('say so on the country page in each language, in the API and in the back office', async () => {
    const english = (await get('/en/pathfinders/PER')).body;
    expect(english).toContain(
      '<p class="notice" role="note">Demonstration: this roadmap is illustrative. It shows how a roadmap appears on the platform and does not describe the country’s roadmap; its amounts are round illustrative figures, not a budget.</p>',
    );
    expect(english).toContain(
      '<p class="notice" role="note">Demonstration: this progress report is illustrative. It shows how a yearly report appears on the platform and does not describe what the country has done.</p>',
    );
    expect(english).toContain('<strong lang="es">Acción ilustrativa: reunir un grupo de trabajo de ejemplo</strong>');
    // The status of each action comes from the illustrative report of 2025; no adoption day is shown.
    expect(english).toContain('Completed · <span lang="es">Organismo responsable de ejemplo</span>');
    expect(english).toContain('$10,000.00');
    expect(english).not.toContain('adopted on');
    expect(english).not.toContain('acknowledged by the Secretariat on');
    const french = (await get('/fr/pathfinders/TUN')).body;
    expect(french).toContain('Démonstration : cette feuille de route est une illustration.');
    expect(french).toContain('Démonstration : ce rapport d’avancement est une illustration.');
    const spanish = (await get('/es/pathfinders/PER')).body;
    expect(spanish).toContain('Demostración: esta hoja de ruta es ilustrativa.');
    expect(spanish).toContain('Demostración: este informe de progreso es ilustrativo.');
    // A country without an illustrative roadmap has no such notice.
    expect((await get('/en/pathfinders/NPL')).body).not.toContain('Demonstration:');

    const api = (await get('/api/v1/pathfinders/PER')).json();
    expect(api.roadmap.demonstration).toBe(true);
    expect(api.roadmap.adopted_on).toBeNull();
    expect(api.roadmap.status_from_report_year).toBe(2025);
    expect(api.roadmap.priorities[0].actions[0]).toMatchObject({
      key: 'A1',
      title: 'Acción ilustrativa: reunir un grupo de trabajo de ejemplo',
      budget_amount: '10000.00',
      budget_currency: 'USD',
      status: 'completed',
    });
    expect(api.reports).toHaveLength(1);
    expect(api.reports[0]).toMatchObject({
      year: 2025,
      demonstration: true,
      submitted_on: null,
      acknowledged_on: null,
    });
    expect((await get('/api/v1/pathfinders/NPL')).json().roadmap).toBeNull();

    const roadmapPage = (await secretariat.get('/admin/pathfinders/TUN/roadmap')).body;
    expect(roadmapPage).toContain('Demonstration: this roadmap is illustrative.');
    expect(roadmapPage).toContain('<span class="badge">demonstration</span>');
    const reportList = (await secretariat.get('/admin/pathfinders/TUN/reports')).body;
    expect(reportList).toContain('Report for 2025</a> <span class="badge">demonstration</span>');
    const [report] = await rows<{ id: number }>(`SELECT id FROM pathfinder_reports WHERE iso3 = 'TUN'`);
    const reportPage = (await secretariat.get(`/admin/pathfinders/TUN/reports/${report!.id}`)).body;
    expect(reportPage).toContain('Demonstration: this progress report is illustrative.');
    const print = (await secretariat.get(`/admin/pathfinders/TUN/reports/${report!.id}/print`)).body;
    expect(print).toContain('Demonstration: this progress report is illustrative.');
  });

  it('change no counter and no report light: the sourced countries count as they did', async () => {
    // Counted by hand: MDG, NGA, MWI, PER, ARG, MEX, TUN have status granted.
    expect((await get('/api/v1/stats')).json().pathfinder_countries).toBe(7);
    const profile = (await get('/api/v1/countries/PER')).json();
    expect(profile.pathfinder).toMatchObject({ report_due_on: null, report_light: null, is_pathfinder: true });
    expect(await rows(`SELECT report_due_on FROM pathfinder_countries WHERE iso3 IN ('PER', 'TUN')`)).toEqual([
      { report_due_on: null },
      { report_due_on: null },
    ]);
  });
});

describe('removing the demonstration records of the pathfinders module', () => {
  it('removes countries, moves, roadmaps and reports, and keeps the countries real records were written on', async () => {
    // Tunisia: the Secretariat starts a new version of its roadmap (a real record).
    const started = await secretariat.submit({ page: '/admin/pathfinders/TUN/roadmap', fields: { locale: 'fr' } });
    expect(started.statusCode).toBe(303);
    // Mexico: someone records a step; Nigeria: an expression of interest is sent for it.
    await platform.database.pool.query(
      `INSERT INTO pathfinder_stage_moves (iso3, from_stage, stage, on_date, note)
       VALUES ('MEX', 'status_granted', 'implementing', '2025-05-01', 'A real step')`,
    );
    await platform.database.pool.query(`UPDATE pathfinder_countries SET stage = 'implementing' WHERE iso3 = 'MEX'`);
    await platform.database.pool.query(
      `INSERT INTO pathfinder_interests (status, iso3, locale, reasons) VALUES ('submitted', 'NGA', 'en', 'Real reasons')`,
    );

    const before = (await secretariat.get('/admin/demo')).body;
    expect(before).toContain('Pathfinder countries, illustrative roadmaps and reports: 15 demonstration records');
    const removed = await secretariat.submit({ page: '/admin/demo', fields: { confirm: 'yes' } });
    expect(removed.statusCode).toBe(303);
    const [audit] = await rows<{ after: Record<string, number> }>(
      `SELECT after FROM audit_log WHERE action = 'demo.removed'`,
    );
    // 2 reports, 2 roadmaps and 8 of the 11 countries.
    expect(audit!.after.pathfinders).toBe(12);

    const after = (await secretariat.get('/admin/demo')).body;
    expect(after).toContain('Pathfinder countries, illustrative roadmaps and reports: 3 demonstration records');
    expect(await rows('SELECT iso3, stage, is_demo FROM pathfinder_countries ORDER BY iso3')).toEqual([
      { iso3: 'MEX', stage: 'implementing', is_demo: true },
      { iso3: 'NGA', stage: 'status_granted', is_demo: true },
      { iso3: 'TUN', stage: 'status_granted', is_demo: true },
    ]);
    // Tunisia keeps its real draft (a copy of the illustrative roadmap), not the illustrative version.
    expect(await rows('SELECT iso3, number, status, is_demo FROM pathfinder_roadmap_versions')).toEqual([
      { iso3: 'TUN', number: 2, status: 'draft', is_demo: false },
    ]);
    expect(await rows('SELECT iso3 FROM pathfinder_reports')).toEqual([]);
    expect(await rows('SELECT iso3, stage, is_demo FROM pathfinder_stage_moves ORDER BY iso3, id')).toEqual([
      { iso3: 'MEX', stage: 'status_granted', is_demo: true },
      { iso3: 'MEX', stage: 'implementing', is_demo: false },
      { iso3: 'NGA', stage: 'status_granted', is_demo: true },
      { iso3: 'TUN', stage: 'status_granted', is_demo: true },
    ]);
    expect((await get('/en/pathfinders/PER')).statusCode).toBe(404);
    expect((await get('/api/v1/stats')).json().pathfinder_countries).toBe(3);
  });

  it('loads again without touching what real records hold', async () => {
    const loaded = await platform.database.db.transaction((tx) => pathfindersModule.demo(tx));
    // Every country but Mexico, whose stage someone recorded; Peru's roadmap and report; none for
    // Tunisia, which has a roadmap of its own.
    expect(loaded).toEqual({ countries: 10, roadmaps: 1, reports: 1 });
    expect(await rows(`SELECT stage FROM pathfinder_countries WHERE iso3 = 'MEX'`)).toEqual([
      { stage: 'implementing' },
    ]);
    expect(await rows('SELECT iso3, number, is_demo FROM pathfinder_roadmap_versions ORDER BY iso3')).toEqual([
      { iso3: 'PER', number: 1, is_demo: true },
      { iso3: 'TUN', number: 2, is_demo: false },
    ]);
  });
});
