import { describe, expect, it } from 'vitest';
import { diffRoadmaps, isEmptyDiff, type RoadmapContent } from './roadmaps.diff.ts';
import type { RoadmapAction } from './roadmaps.repository.ts';

function action(fields: Partial<RoadmapAction> & Pick<RoadmapAction, 'key' | 'title'>): RoadmapAction {
  return {
    id: 1,
    priorityKey: 'P1',
    position: 1,
    responsibleBody: 'Ministry of Labour',
    startOn: '2025-01-01',
    endOn: '2026-06-30',
    budgetAmount: '150000.00',
    budgetCurrency: 'USD',
    status: 'in_progress',
    indicatorCodes: ['8.7.1'],
    ...fields,
  };
}

const version1: RoadmapContent = {
  priorities: [{ id: 1, key: 'P1', position: 1, title: 'Laws and policies', description: '' }],
  actions: [
    action({ key: 'A1', title: 'Revise the Labour Act' }),
    action({ key: 'A2', title: 'Train labour inspectors', budgetAmount: null, budgetCurrency: null }),
  ],
};

const version2: RoadmapContent = {
  priorities: [
    {
      id: 11,
      key: 'P1',
      position: 1,
      title: 'Laws and policies',
      description: 'Bring the laws in line with C138 and C182.',
    },
    { id: 12, key: 'P2', position: 2, title: 'Data collection', description: '' },
  ],
  actions: [
    action({
      id: 21,
      key: 'A1',
      title: 'Revise the Labour Act',
      status: 'completed',
      budgetAmount: '175000.00',
      endOn: '2026-12-31',
      indicatorCodes: ['8.7.1', '16.2.2'],
    }),
    action({ id: 22, key: 'A3', priorityKey: 'P2', title: 'Run the child labour survey' }),
  ],
};

describe('the comparison of two roadmap versions', () => {
  it('says what was added, removed and changed, field by field, matched by key', () => {
    expect(diffRoadmaps(version1, version2)).toEqual({
      priorities: {
        added: [{ key: 'P2', title: 'Data collection' }],
        removed: [],
        changed: [
          {
            key: 'P1',
            title: 'Laws and policies',
            fields: [{ field: 'description', before: '', after: 'Bring the laws in line with C138 and C182.' }],
          },
        ],
      },
      actions: {
        added: [{ key: 'A3', title: 'Run the child labour survey' }],
        removed: [{ key: 'A2', title: 'Train labour inspectors' }],
        changed: [
          {
            key: 'A1',
            title: 'Revise the Labour Act',
            fields: [
              { field: 'endOn', before: '2026-06-30', after: '2026-12-31' },
              { field: 'budgetAmount', before: '150000.00', after: '175000.00' },
              { field: 'status', before: 'in_progress', after: 'completed' },
              { field: 'indicatorCodes', before: '8.7.1', after: '8.7.1, 16.2.2' },
            ],
          },
        ],
      },
    });
  });

  it('finds nothing between a version and its copy (row ids and places aside)', () => {
    const copy: RoadmapContent = {
      priorities: version1.priorities.map((priority) => ({ ...priority, id: priority.id + 100 })),
      actions: version1.actions.map((entry) => ({ ...entry, id: entry.id + 100, position: entry.position + 1 })),
    };
    expect(isEmptyDiff(diffRoadmaps(version1, copy))).toBe(true);
  });

  it('compares a first version with nothing: everything is added', () => {
    const diff = diffRoadmaps({ priorities: [], actions: [] }, version1);
    expect(diff.priorities.added).toEqual([{ key: 'P1', title: 'Laws and policies' }]);
    expect(diff.actions.added).toEqual([
      { key: 'A1', title: 'Revise the Labour Act' },
      { key: 'A2', title: 'Train labour inspectors' },
    ]);
  });
});
