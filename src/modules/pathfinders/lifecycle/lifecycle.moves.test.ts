import { describe, expect, it } from 'vitest';
import { PATHFINDER_STAGES, type PathfinderStage } from '../pathfinders.table.ts';
import { isAllowedMove } from './lifecycle.moves.ts';

/**
 * Every pair of stages, written out by hand: `Y` where the Secretariat may record the move from
 * the row's stage to the column's, `.` where it may not.
 */
// prettier-ignore
const TABLE: Record<PathfinderStage, string> = {
  //                   int rev map wsh rdm grt imp dec wdr
  interest_expressed: ' .   Y   .   .   .   .   .   Y   Y ',
  under_review:       ' .   .   Y   .   .   .   .   Y   Y ',
  mapping:            ' .   .   .   Y   .   .   .   .   Y ',
  strategic_workshop: ' .   .   .   .   Y   .   .   .   Y ',
  roadmap_adopted:    ' .   .   .   .   .   Y   .   Y   Y ',
  status_granted:     ' .   .   .   .   .   .   Y   .   Y ',
  implementing:       ' .   .   .   .   .   .   .   .   Y ',
  declined:           ' Y   .   .   .   .   .   .   .   . ',
  withdrawn:          ' Y   .   .   .   .   .   .   .   . ',
};

describe('the allowed moves between stages', () => {
  it.each(PATHFINDER_STAGES)('from %s are exactly those of the table', (from) => {
    const marks = TABLE[from].trim().split(/\s+/);
    expect(marks).toHaveLength(PATHFINDER_STAGES.length);
    PATHFINDER_STAGES.forEach((to, column) => {
      expect(isAllowedMove(from, to), `${from} → ${to}`).toBe(marks[column] === 'Y');
    });
  });

  it('never lead from a stage to itself, and skip no step of the path', () => {
    expect(isAllowedMove('mapping', 'mapping')).toBe(false);
    expect(isAllowedMove('interest_expressed', 'status_granted')).toBe(false);
    expect(isAllowedMove('strategic_workshop', 'status_granted')).toBe(false);
    expect(isAllowedMove('implementing', 'status_granted')).toBe(false);
  });
});
