import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { waitUntil } from '../../../testing/wait.ts';

const platform = useTestApp({
  prepare: async (database) => {
    await database.pool.query(
      `INSERT INTO pathfinder_countries (iso3, stage) VALUES ('NPL', 'implementing'), ('KEN', 'implementing')`,
    );
  },
});
let secretariat: TestClient;
let focalPoint: TestClient;
let otherFocalPoint: TestClient;
const page = '/admin/pathfinders/NPL/roadmap';

beforeAll(async () => {
  const admin = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: admin.email, totpSecret: admin.totpSecret });
  const focal = await createTestUser({ database: platform.database, roles: [{ role: 'focal_point', country: 'NPL' }] });
  focalPoint = new TestClient(platform.server.app);
  await focalPoint.signIn({ email: focal.email });
  const other = await createTestUser({ database: platform.database, roles: [{ role: 'focal_point', country: 'KEN' }] });
  otherFocalPoint = new TestClient(platform.server.app);
  await otherFocalPoint.signIn({ email: other.email });
});

async function rows<T>(sql: string): Promise<T[]> {
  return (await platform.database.pool.query(sql)).rows as T[];
}

/** The id of an action of NPL's draft, by its key. */
async function draftActionId(key: string): Promise<number> {
  const [row] = await rows<{ id: number }>(
    `SELECT a.id FROM pathfinder_roadmap_actions a JOIN pathfinder_roadmap_versions v ON v.id = a.version_id
      WHERE v.iso3 = 'NPL' AND v.status = 'draft' AND a.key = '${key}'`,
  );
  return row!.id;
}

const labourAct = {
  priority: 'P1',
  title: 'Revise the Labour Act',
  responsible_body: 'Ministry of Labour, Employment and Social Security',
  start_on: '2025-01-01',
  end_on: '2026-06-30',
  budget_amount: '150000',
  budget_currency: 'usd',
  status: 'in_progress',
  indicator_codes: '8.7.1',
};

describe('a country’s roadmap', () => {
  it('is drafted by the focal point, adopted by the Secretariat after asking, and shown publicly', async () => {
    expect((await focalPoint.get(page)).body).toContain('No roadmap has been started yet.');
    const started = await focalPoint.submit({ page, fields: { locale: 'en' } });
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe(`${page}?done=draft#shown-heading`);
    expect(
      (await focalPoint.submit({ page, action: `${page}/priorities`, fields: { priority_title: 'Laws and policies' } }))
        .statusCode,
    ).toBe(303);

    // A refused action comes back with what was typed and a message by each wrong field.
    const refused = await focalPoint.submit({
      page,
      action: `${page}/actions`,
      fields: { ...labourAct, end_on: '2024-12-31', budget_currency: 'XYZ', indicator_codes: '8.7.1, <b>' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The end date cannot come before the start date.');
    expect(refused.body).toContain('Enter an ISO 4217 currency code, such as USD or EUR.');
    expect(refused.body).toContain('Indicator codes are letters, digits, dots, dashes or underscores, such as 8.7.1.');
    expect(refused.body).toContain('value="Revise the Labour Act"');
    const unpaired = await focalPoint.submit({
      page,
      action: `${page}/actions`,
      fields: { ...labourAct, budget_currency: '' },
    });
    expect(unpaired.statusCode).toBe(400);
    expect(unpaired.body).toContain('Give both the amount and its currency, or neither.');

    for (const fields of [
      labourAct,
      {
        ...labourAct,
        title: 'Train labour inspectors',
        responsible_body: 'Department of Labour and Occupational Safety',
        budget_amount: '',
        budget_currency: '',
        status: 'planned',
        indicator_codes: '',
      },
    ]) {
      expect((await focalPoint.submit({ page, action: `${page}/actions`, fields })).statusCode).toBe(303);
    }
    expect(
      await rows(
        `SELECT a.key, a.priority_key, a.budget_amount, a.budget_currency, a.status, a.indicator_codes
           FROM pathfinder_roadmap_actions a JOIN pathfinder_roadmap_versions v ON v.id = a.version_id
          WHERE v.iso3 = 'NPL' ORDER BY a.key`,
      ),
    ).toEqual([
      {
        key: 'A1',
        priority_key: 'P1',
        budget_amount: '150000.00',
        budget_currency: 'USD',
        status: 'in_progress',
        indicator_codes: ['8.7.1'],
      },
      {
        key: 'A2',
        priority_key: 'P1',
        budget_amount: null,
        budget_currency: null,
        status: 'planned',
        indicator_codes: [],
      },
    ]);

    // Only the Secretariat adopts, and it is asked first.
    expect((await focalPoint.get(`${page}/adopt`)).statusCode).toBe(403);
    const asked = await secretariat.get(`${page}/adopt`);
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Once adopted, this version is the country’s public roadmap.');
    const future = await secretariat.submit({
      page: `${page}/adopt`,
      fields: { confirm: 'yes', adopted_on: '2999-01-01' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Choose today or an earlier day.');
    const adopted = await secretariat.submit({
      page: `${page}/adopt`,
      fields: { confirm: 'yes', adopted_on: '2025-06-12' },
    });
    expect(adopted.statusCode).toBe(303);
    expect(adopted.headers.location).toBe(`${page}?done=adopted#versions-heading`);
    expect(
      await rows(
        `SELECT number, status, adopted_on::text AS adopted_on FROM pathfinder_roadmap_versions ORDER BY number`,
      ),
    ).toEqual([{ number: 1, status: 'adopted', adopted_on: '2025-06-12' }]);

    await waitUntil(async () =>
      (await platform.server.app.inject({ url: '/en/pathfinders/NPL' })).body.includes('Revise the Labour Act'),
    );
    const english = (await platform.server.app.inject({ url: '/en/pathfinders/NPL' })).body;
    expect(english).toContain('Version 1, adopted on June 12, 2025.');
    expect(english).toContain('<a href="/en/data/8.7.1">8.7.1</a>');
    expect(english).toContain(
      'In progress · <span lang="en">Ministry of Labour, Employment and Social Security</span>',
    );
    expect(english).toContain('$150,000.00');
    const spanish = (await platform.server.app.inject({ url: '/es/pathfinders/NPL' })).body;
    expect(spanish).toContain('<a href="/es/data/8.7.1">8.7.1</a>');
    expect(spanish).toContain('En curso');
    expect(spanish).toContain('Versión 1, adoptada el 12 de junio de 2025.');

    const api = (await platform.server.app.inject({ url: '/api/v1/pathfinders/NPL' })).json();
    expect(api.roadmap).toEqual({
      version: 1,
      demonstration: false,
      adopted_on: '2025-06-12',
      language: 'en',
      status_from_report_year: null,
      priorities: [
        {
          key: 'P1',
          title: 'Laws and policies',
          description: '',
          actions: [
            {
              key: 'A1',
              priority: 'P1',
              title: 'Revise the Labour Act',
              responsible_body: 'Ministry of Labour, Employment and Social Security',
              start_date: '2025-01-01',
              end_date: '2026-06-30',
              budget_amount: '150000.00',
              budget_currency: 'USD',
              status: 'in_progress',
              indicator_codes: ['8.7.1'],
            },
            {
              key: 'A2',
              priority: 'P1',
              title: 'Train labour inspectors',
              responsible_body: 'Department of Labour and Occupational Safety',
              start_date: '2025-01-01',
              end_date: '2026-06-30',
              budget_amount: null,
              budget_currency: null,
              status: 'planned',
              indicator_codes: [],
            },
          ],
        },
      ],
    });
    expect(api.reports).toEqual([]);
  });

  it('keeps each version; the Secretariat sees what a new one changes, field by field', async () => {
    // With an adopted version and no draft, nothing can be edited.
    const closed = await focalPoint.submit({
      page,
      action: `${page}/priorities`,
      fields: { priority_title: 'Too early' },
    });
    expect(closed.statusCode).toBe(409);

    expect((await focalPoint.submit({ page, fields: { locale: 'en' } })).statusCode).toBe(303);
    const again = await focalPoint.submit({ page, fields: { locale: 'en' } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('A draft is already open: finish it or have it adopted first.');

    const a1 = await draftActionId('A1');
    const changed = await focalPoint.submit({
      page: `${page}/actions/${a1}`,
      fields: {
        ...labourAct,
        end_on: '2026-12-31',
        budget_amount: '175000',
        status: 'completed',
        indicator_codes: '8.7.1, 16.2.2',
      },
    });
    expect(changed.statusCode).toBe(303);
    const a2 = await draftActionId('A2');
    expect(
      (
        await focalPoint.submit({
          page: `${page}/actions/${a2}`,
          action: `${page}/actions/${a2}/remove`,
          fields: { confirm: 'yes' },
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await focalPoint.submit({ page, action: `${page}/priorities`, fields: { priority_title: 'Data collection' } }))
        .statusCode,
    ).toBe(303);
    expect(
      (
        await focalPoint.submit({
          page,
          action: `${page}/actions`,
          fields: {
            ...labourAct,
            priority: 'P2',
            title: 'Run the child labour survey',
            responsible_body: 'National Statistics Office',
            budget_amount: '90000.50',
            budget_currency: 'NPR',
            status: 'planned',
          },
        })
      ).statusCode,
    ).toBe(303);

    expect((await focalPoint.get(`${page}/diff`)).statusCode).toBe(403);
    const diff = await secretariat.get(`${page}/diff`);
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toContain('From Version 1 (adopted) to Version 2 (draft):');
    expect(diff.body).toContain('<ul class="diff-added"><li>P2 · Data collection</li></ul>');
    expect(diff.body).toContain('<ul class="diff-added"><li>A3 · Run the child labour survey</li></ul>');
    expect(diff.body).toContain('<ul class="diff-removed"><li>A2 · Train labour inspectors</li></ul>');
    const changes = [
      ...diff.body.matchAll(
        /<tr><td data-label="Reference">([^<]*)<\/td><td data-label="Field">([^<]*)<\/td><td data-label="Before">([^<]*)<\/td><td data-label="After">([^<]*)<\/td><\/tr>/g,
      ),
    ].map((match) => match.slice(1));
    expect(changes).toEqual([
      ['A1 · Revise the Labour Act', 'End date', 'June 30, 2026', 'December 31, 2026'],
      ['A1 · Revise the Labour Act', 'Budget amount', '150000.00', '175000.00'],
      ['A1 · Revise the Labour Act', 'Status', 'In progress', 'Completed'],
      ['A1 · Revise the Labour Act', 'Indicators', '8.7.1', '8.7.1, 16.2.2'],
    ]);

    // Until the Secretariat adopts it, the public sees version 1.
    expect((await platform.server.app.inject({ url: '/en/pathfinders/NPL' })).body).not.toContain(
      'Run the child labour survey',
    );
    expect(
      (await secretariat.submit({ page: `${page}/adopt`, fields: { confirm: 'yes', adopted_on: '2025-11-03' } }))
        .statusCode,
    ).toBe(303);
    expect(await rows(`SELECT number, status FROM pathfinder_roadmap_versions ORDER BY number`)).toEqual([
      { number: 1, status: 'superseded' },
      { number: 2, status: 'adopted' },
    ]);
    await waitUntil(async () =>
      (await platform.server.app.inject({ url: '/en/pathfinders/NPL' })).body.includes('Run the child labour survey'),
    );
    const publicPage = (await platform.server.app.inject({ url: '/en/pathfinders/NPL' })).body;
    expect(publicPage).not.toContain('Train labour inspectors');
    expect(publicPage).toContain('NPR');

    // Version 1 is still there to read, and any two versions can be compared.
    expect((await secretariat.get(`${page}?version=1`)).body).toContain('Train labour inspectors');
    expect((await secretariat.get(`${page}/diff?from=2&to=1`)).body).toContain(
      '<ul class="diff-added"><li>A2 · Train labour inspectors</li></ul>',
    );

    const audit = await rows<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'pathfinder_country' AND entity_id = 'NPL' ORDER BY id`,
    );
    expect(audit.map((row) => row.action)).toEqual([
      'pathfinders.roadmap_draft_started',
      'pathfinders.roadmap_priority_added',
      'pathfinders.roadmap_action_added',
      'pathfinders.roadmap_action_added',
      'pathfinders.roadmap_adopted',
      'pathfinders.roadmap_draft_started',
      'pathfinders.roadmap_action_changed',
      'pathfinders.roadmap_action_removed',
      'pathfinders.roadmap_priority_added',
      'pathfinders.roadmap_action_added',
      'pathfinders.roadmap_adopted',
    ]);
    expect((await secretariat.get('/admin/audit')).body).toContain('adopted a version of the roadmap of Nepal');
  });

  it('is kept from the focal point of another country', async () => {
    expect((await otherFocalPoint.get(page)).statusCode).toBe(403);
    const taken = await otherFocalPoint.submit({
      page: '/admin/pathfinders/KEN/roadmap',
      action: page,
      fields: { locale: 'en' },
    });
    expect(taken.statusCode).toBe(403);
    expect(await rows(`SELECT count(*)::int AS n FROM pathfinder_roadmap_versions WHERE status = 'draft'`)).toEqual([
      { n: 0 },
    ]);
  });
});
