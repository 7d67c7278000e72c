import { describe, expect, it } from 'vitest';
import { reportLight } from './reports.light.ts';

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
