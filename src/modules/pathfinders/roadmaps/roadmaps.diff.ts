import type { RoadmapAction, RoadmapPriority } from './roadmaps.repository.ts';

/** The content of one roadmap version, as the comparison reads it. */
export interface RoadmapContent {
  priorities: readonly RoadmapPriority[];
  actions: readonly RoadmapAction[];
}

export const PRIORITY_DIFF_FIELDS = ['title', 'description'] as const;
export const ACTION_DIFF_FIELDS = [
  'priorityKey',
  'title',
  'responsibleBody',
  'startOn',
  'endOn',
  'budgetAmount',
  'budgetCurrency',
  'status',
  'indicatorCodes',
] as const;
export type PriorityDiffField = (typeof PRIORITY_DIFF_FIELDS)[number];
export type ActionDiffField = (typeof ACTION_DIFF_FIELDS)[number];

/** One field that differs, its value before and after (lists joined with ", "; empty as ""). */
export interface FieldChange<Field extends string> {
  field: Field;
  before: string;
  after: string;
}

export interface ItemChanges<Field extends string> {
  /** Added or removed: the item's key and title. */
  added: { key: string; title: string }[];
  removed: { key: string; title: string }[];
  /** Present in both with at least one field that differs (the title is the newer one). */
  changed: { key: string; title: string; fields: FieldChange<Field>[] }[];
}

export interface RoadmapDiff {
  priorities: ItemChanges<PriorityDiffField>;
  actions: ItemChanges<ActionDiffField>;
}

function asText(value: string | number | readonly string[] | null): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.join(', ');
  return String(value);
}

function compare<
  Item extends { key: string; title: string } & Record<Field, string | number | readonly string[] | null>,
  Field extends string,
>(before: readonly Item[], after: readonly Item[], fields: readonly Field[]): ItemChanges<Field> {
  const earlier = new Map(before.map((item) => [item.key, item]));
  const later = new Map(after.map((item) => [item.key, item]));
  const changes: ItemChanges<Field> = { added: [], removed: [], changed: [] };
  for (const item of after) {
    const old = earlier.get(item.key);
    if (!old) {
      changes.added.push({ key: item.key, title: item.title });
      continue;
    }
    const differing = fields
      .map((field) => ({ field, before: asText(old[field]), after: asText(item[field]) }))
      .filter((change) => change.before !== change.after);
    if (differing.length > 0) changes.changed.push({ key: item.key, title: item.title, fields: differing });
  }
  for (const item of before) {
    if (!later.has(item.key)) changes.removed.push({ key: item.key, title: item.title });
  }
  return changes;
}

/**
 * What changed from one version of a roadmap to another: priorities and actions added, removed,
 * and changed field by field (matched by their keys, which stay the same across versions).
 */
export function diffRoadmaps(before: RoadmapContent, after: RoadmapContent): RoadmapDiff {
  return {
    priorities: compare(before.priorities, after.priorities, PRIORITY_DIFF_FIELDS),
    actions: compare(before.actions, after.actions, ACTION_DIFF_FIELDS),
  };
}

/** Whether two versions say the same. */
export function isEmptyDiff(diff: RoadmapDiff): boolean {
  return [diff.priorities, diff.actions].every(
    (changes) => changes.added.length + changes.removed.length + changes.changed.length === 0,
  );
}
