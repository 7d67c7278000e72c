import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../testing/test-app.ts';
import { createTestUser, TestClient } from '../../../testing/test-users.ts';
import { waitUntil } from '../../../testing/wait.ts';

const platform = useTestApp({
  prepare: async (database) => {
    await database.pool.query(`INSERT INTO pathfinder_countries (iso3, stage) VALUES ('SEN', 'implementing')`);
  },
});
let secretariat: TestClient;
const page = '/admin/pathfinders/SEN';

/** A day counted from today (the light is about today, whatever day the test runs). */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  const person = await createTestUser({ database: platform.database, roles: [{ role: 'secretariat' }], totp: true });
  secretariat = new TestClient(platform.server.app);
  await secretariat.signIn({ email: person.email, totpSecret: person.totpSecret });
});

describe('the due date of a yearly report', () => {
  it('is set by the Secretariat and lights the country’s pages', async () => {
    expect((await platform.server.app.inject({ url: '/en/pathfinders/SEN' })).body).toContain('No report is due yet.');
    const bad = await secretariat.submit({ page, action: `${page}/report-due`, fields: { due_on: '2026-13-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a date such as 2026-03-31.');

    const set = await secretariat.submit({ page, action: `${page}/report-due`, fields: { due_on: daysFromToday(90) } });
    expect(set.statusCode).toBe(303);
    expect((await secretariat.get(`${page}?done=reportDue`)).body).toContain('The due date of the next report is set.');
    await waitUntil(async () =>
      (await platform.server.app.inject({ url: '/en/pathfinders/SEN' })).body.includes('light-green'),
    );

    await secretariat.submit({ page, action: `${page}/report-due`, fields: { due_on: daysFromToday(-400) } });
    await waitUntil(async () => {
      const body = (await platform.server.app.inject({ url: '/fr/pathfinders/SEN' })).body;
      return body.includes('light-red') && body.includes('Plus d’un an de retard');
    });
    const audit = await platform.database.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'pathfinders.report_due_set' AND entity_id = 'SEN'`,
    );
    expect(audit.rows[0]).toEqual({ n: 2 });
  });
});
