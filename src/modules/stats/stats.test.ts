import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../testing/test-app.ts';
import { computeCounters } from './stats.usecases.ts';

/**
 * Five organizations with a known history; every expected figure below is counted by hand from it:
 * - Alpha (academic): active from 2023-05-10;
 * - Beta (civil society): active from 2024-02-01, suspended from 2024-09-01, active again from 2025-01-15;
 * - Gamma (academic, demonstration): active from 2025-03-01;
 * - Delta (government): active from 2024-06-30, withdrawn from 2025-12-31 (the last day of the year);
 * - Epsilon (other): an applicant, never active.
 */
const HISTORY = [
  { name: 'Alpha', kind: 'academic', demo: false, status: 'active', steps: [['active', '2023-05-10']] },
  {
    name: 'Beta',
    kind: 'civil_society',
    demo: false,
    status: 'active',
    steps: [
      ['active', '2024-02-01'],
      ['suspended', '2024-09-01'],
      ['active', '2025-01-15'],
    ],
  },
  { name: 'Gamma', kind: 'academic', demo: true, status: 'active', steps: [['active', '2025-03-01']] },
  {
    name: 'Delta',
    kind: 'government',
    demo: false,
    status: 'withdrawn',
    steps: [
      ['active', '2024-06-30'],
      ['withdrawn', '2025-12-31'],
    ],
  },
  { name: 'Epsilon', kind: 'other', demo: false, status: 'applicant', steps: [['applicant', '2025-06-01']] },
] as const;

const platform = useTestApp({
  prepare: async (database) => {
    for (const organization of HISTORY) {
      const created = await database.pool.query<{ id: number }>(
        `INSERT INTO organizations (slug, name, kind, status, is_demo) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [organization.name.toLowerCase(), organization.name, organization.kind, organization.status, organization.demo],
      );
      for (const [status, validFrom] of organization.steps) {
        await database.pool.query(
          `INSERT INTO organization_status_history (organization_id, status, valid_from) VALUES ($1, $2, $3)`,
          [created.rows[0]!.id, status, validFrom],
        );
      }
    }
  },
});

const BY_KIND = {
  government: 0,
  international_org: 0,
  regional_org: 0,
  workers_org: 0,
  employers_org: 0,
  civil_society: 1,
  academic: 2,
  other: 0,
};

describe('the counters', () => {
  it('count the active partners by kind, and the demonstration ones', async () => {
    const counters = await computeCounters(platform.database.db, new Date('2026-03-15T12:00:00Z'));
    expect(counters.partners.total).toBe(3);
    expect(counters.partners.by_kind).toEqual(BY_KIND);
    expect(counters.partners.demonstration).toBe(1);
    expect(counters.pathfinder_countries).toBe(0);
    expect(counters.computed_at).toBe('2026-03-15T12:00:00.000Z');
  });

  it('give the partners at the end of each year since the first joined, and today for this year', async () => {
    const counters = await computeCounters(platform.database.db, new Date('2026-03-15T12:00:00Z'));
    expect(counters.partners.by_year).toEqual([
      { year: 2023, date: '2023-12-31', total: 1 },
      // Beta is suspended at the end of 2024.
      { year: 2024, date: '2024-12-31', total: 2 },
      // Delta left on the last day of 2025: that day counts without it.
      { year: 2025, date: '2025-12-31', total: 3 },
      { year: 2026, date: '2026-03-15', total: 3 },
    ]);
  });

  it('are served by the API as the records say, whatever the day of the run', async () => {
    const response = await platform.server.app.inject({ url: '/api/v1/stats' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      partners: {
        total: number;
        by_kind: object;
        demonstration: number;
        by_year: { year: number; date: string; total: number }[];
      };
    }>();
    expect(body.partners.total).toBe(3);
    expect(body.partners.by_kind).toEqual(BY_KIND);
    expect(body.partners.demonstration).toBe(1);
    expect(body.partners.by_year.slice(0, 3)).toEqual([
      { year: 2023, date: '2023-12-31', total: 1 },
      { year: 2024, date: '2024-12-31', total: 2 },
      { year: 2025, date: '2025-12-31', total: 3 },
    ]);
    // Nothing changed after 2025: every later year, and today, count the same three.
    for (const later of body.partners.by_year.slice(3)) expect(later.total).toBe(3);
  });
});
