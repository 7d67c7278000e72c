import { describe, expect, it } from 'vitest';
import { nextDueDay, reportLight } from './reports.light.ts';

/** Each case written by hand: the due day, today, and the light a reader should see. */
const CASES: readonly [string, string, string, 'green' | 'amber' | 'red'][] = [
  ['due today', '2026-06-30', '2026-06-30', 'amber'],
  ['one day late', '2026-06-30', '2026-07-01', 'amber'],
  ['60 days before', '2026-06-30', '2026-05-01', 'amber'],
  ['61 days before', '2026-06-30', '2026-04-30', 'green'],
  ['a year before', '2026-06-30', '2025-06-30', 'green'],
  ['one year late', '2026-06-30', '2027-06-30', 'amber'],
  ['one year and a day late', '2026-06-30', '2027-07-01', 'red'],
  ['three years late', '2023-01-15', '2026-01-16', 'red'],
  ['due on 29 February, one year late (1 March)', '2024-02-29', '2025-03-01', 'amber'],
  ['due on 29 February, one year and a day late', '2024-02-29', '2025-03-02', 'red'],
];

describe('the light of a yearly report', () => {
  it.each(CASES)('%s: due %s, on %s, is %s', (_name, dueOn, today, light) => {
    expect(reportLight({ dueOn, today })).toBe(light);
  });

  it('is not lit when no report is due', () => {
    expect(reportLight({ dueOn: null, today: '2026-06-30' })).toBeNull();
  });
});

/** The due day, the day the report is submitted, and the next due day, written by hand. */
const NEXT_DUE: readonly [string, string | null, string, string][] = [
  ['submitted before the due day', '2026-06-30', '2026-05-15', '2027-06-30'],
  ['submitted on the due day', '2026-06-30', '2026-06-30', '2027-06-30'],
  ['submitted a month late', '2026-06-30', '2026-07-30', '2027-06-30'],
  ['submitted more than a year late', '2025-06-30', '2026-08-01', '2027-06-30'],
  ['submitted exactly a year late', '2025-06-30', '2026-06-30', '2027-06-30'],
  ['no due day set', null, '2026-03-10', '2027-03-10'],
  ['due on 29 February', '2024-02-29', '2024-02-20', '2025-03-01'],
];

describe('the next due day once a report is submitted', () => {
  it.each(NEXT_DUE)('%s: due %s, submitted %s, next due %s', (_name, dueOn, submittedOn, next) => {
    expect(nextDueDay({ dueOn, submittedOn })).toBe(next);
  });
});
