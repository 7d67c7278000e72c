import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { waitUntil } from '../../../testing/wait.ts';

const platform = useTestApp();
let secretariat: TestClient;

beforeAll(async () => {
  const person = await createTestUser({
    database: platform.database,
    roles: [{ role: 'secretariat' }],
    totp: true,
    name: 'Sam Secretariat',
  });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: person.email, totpSecret: person.totpSecret });
});

async function counter(): Promise<number> {
  const response = await platform.server.app.inject({ url: '/api/v1/stats' });
  return response.json<{ pathfinder_countries: number }>().pathfinder_countries;
}

describe('the Secretariat moves a country along the path', () => {
  it('records the expression of interest, then each allowed step, dated and audited', async () => {
    const list = await secretariat.get('/admin/pathfinders');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('No country is on the path yet.');

    const missing = await secretariat.submit({
      page: '/admin/pathfinders',
      fields: { country: 'XYZ', on_date: '2025-02-30', note: '' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose a country from the list.');
    expect(missing.body).toContain('Enter a date such as 2026-03-31.');
    expect(missing.body).toContain('This field is required.');

    const added = await secretariat.submit({
      page: '/admin/pathfinders',
      fields: { country: 'ken', on_date: '2025-01-15', note: 'Letter of the Minister of Labour received' },
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/pathfinders?added=KEN');
    expect((await secretariat.get('/admin/pathfinders?added=KEN')).body).toContain('Kenya is on the path.');

    const again = await secretariat.submit({
      page: '/admin/pathfinders',
      fields: { country: 'KEN', on_date: '2025-01-16', note: 'A second letter' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This country is already on the path');

    const page = '/admin/pathfinders/KEN';
    const action = `${page}/moves`;
    const move = (fields: Record<string, string>) => secretariat.submit({ page, action, fields });
    // Lower case addresses go to the upper-case one.
    const lower = await secretariat.get('/admin/pathfinders/ken');
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe(page);

    // A step that skips the path is refused, with what was typed kept.
    const skipping = await move({
      stage: 'status_granted',
      on_date: '2025-02-01',
      note: 'Straight to the status',
      decision_reference: 'GCG/1',
      decision_date: '2025-02-01',
    });
    expect(skipping.statusCode).toBe(409);
    expect(skipping.body).toContain('The country cannot go to this stage from its current one.');
    expect(skipping.body).toContain('Straight to the status</textarea>');

    const tooEarly = await move({ stage: 'under_review', on_date: '2025-01-14', note: 'Reviewed before it came' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.body).toContain('Choose 2025-01-15 or a later day');

    const future = await move({ stage: 'under_review', on_date: '2999-01-01', note: 'Reviewed in the future' });
    expect(future.body).toContain('Choose today or an earlier day.');

    const steps = [
      ['under_review', '2025-02-01', 'Presented to the GCG'],
      ['mapping', '2025-03-10', 'Situational mapping started'],
      ['strategic_workshop', '2025-06-05', 'Workshop in Nairobi'],
      ['roadmap_adopted', '2025-09-01', 'Roadmap 2025–2030 adopted'],
    ] as const;
    for (const [stage, onDate, note] of steps) {
      const moved = await move({ stage, on_date: onDate, note });
      expect(moved.statusCode, stage).toBe(303);
    }
    const before = await counter();

    // A grant names the decision it rests on.
    const noDecision = await move({ stage: 'status_granted', on_date: '2025-11-20', note: 'Status granted' });
    expect(noDecision.statusCode).toBe(400);
    expect(noDecision.body).toContain('Give the reference of the GCG decision that grants the status.');
    const decisionAfter = await move({
      stage: 'status_granted',
      on_date: '2025-11-20',
      note: 'Status granted',
      decision_reference: 'GCG-14/3',
      decision_date: '2025-11-21',
    });
    expect(decisionAfter.body).toContain('The decision cannot come after the day of the step.');
    const granted = await move({
      stage: 'status_granted',
      on_date: '2025-11-20',
      note: 'Status granted',
      decision_reference: 'GCG-14/3',
      decision_date: '2025-11-18',
    });
    expect(granted.statusCode).toBe(303);
    expect(granted.headers.location).toBe('/admin/pathfinders/KEN?done=moved#lifecycle-heading');

    const shown = await secretariat.get('/admin/pathfinders/KEN?done=moved');
    expect(shown.body).toContain('The step is recorded');
    expect(shown.body).toContain('Current stage: Pathfinder status granted.');
    expect(shown.body).toContain('GCG-14/3 (November 18, 2025)');
    expect(shown.body).toContain('Sam Secretariat');

    const row = await platform.database.pool.query(
      `SELECT stage, status_granted_on::text AS granted FROM pathfinder_countries WHERE iso3 = 'KEN'`,
    );
    expect(row.rows[0]).toEqual({ stage: 'status_granted', granted: '2025-11-18' });
    const moves = await platform.database.pool.query(
      `SELECT from_stage, stage, on_date::text AS on_date, decision_reference, gcg_decision_id FROM pathfinder_stage_moves WHERE iso3 = 'KEN' ORDER BY id`,
    );
    expect(moves.rows.map((move: Record<string, unknown>) => [move.from_stage, move.stage, move.on_date])).toEqual([
      [null, 'interest_expressed', '2025-01-15'],
      ['interest_expressed', 'under_review', '2025-02-01'],
      ['under_review', 'mapping', '2025-03-10'],
      ['mapping', 'strategic_workshop', '2025-06-05'],
      ['strategic_workshop', 'roadmap_adopted', '2025-09-01'],
      ['roadmap_adopted', 'status_granted', '2025-11-20'],
    ]);
    expect(moves.rows[5]).toMatchObject({ decision_reference: 'GCG-14/3', gcg_decision_id: null });

    const audit = await platform.database.pool.query<{ action: string; after: { stage: string } }>(
      `SELECT action, after FROM audit_log WHERE entity_type = 'pathfinder_country' AND entity_id = 'KEN' ORDER BY id`,
    );
    expect(audit.rows.map((entry) => [entry.action, entry.after.stage])).toEqual([
      ['pathfinders.country_added', 'interest_expressed'],
      ['pathfinders.stage_moved', 'under_review'],
      ['pathfinders.stage_moved', 'mapping'],
      ['pathfinders.stage_moved', 'strategic_workshop'],
      ['pathfinders.stage_moved', 'roadmap_adopted'],
      ['pathfinders.stage_moved', 'status_granted'],
    ]);
    const log = await secretariat.get('/admin/audit');
    expect(log.body).toContain('Sam Secretariat moved Kenya to the stage “Pathfinder status granted”');

    // The home page's counter comes from these records.
    await waitUntil(async () => (await counter()) === before + 1);
  });
});
