import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import {
  pathfinderRoadmapActions,
  pathfinderRoadmapPriorities,
  pathfinderRoadmapVersions,
  type RoadmapActionStatus,
  type RoadmapVersionStatus,
} from './roadmaps.table.ts';

export interface RoadmapVersion {
  id: number;
  iso3: string;
  number: number;
  status: RoadmapVersionStatus;
  locale: string;
  adoptedOn: string | null;
  updatedAt: Date;
  /** An illustrative roadmap of the demonstration content. */
  isDemo: boolean;
}

export interface RoadmapPriority {
  id: number;
  key: string;
  position: number;
  title: string;
  description: string;
}

export interface RoadmapAction {
  id: number;
  priorityKey: string;
  key: string;
  position: number;
  title: string;
  responsibleBody: string;
  startOn: string;
  endOn: string;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  status: RoadmapActionStatus;
  indicatorCodes: string[];
}

/** What a priority or an action holds, without its row id, its key and its place. */
export type PriorityFields = Pick<RoadmapPriority, 'title' | 'description'>;
export type ActionFields = Omit<RoadmapAction, 'id' | 'key' | 'position'>;

const versionColumns = {
  id: pathfinderRoadmapVersions.id,
  iso3: pathfinderRoadmapVersions.iso3,
  number: pathfinderRoadmapVersions.number,
  status: pathfinderRoadmapVersions.status,
  locale: pathfinderRoadmapVersions.locale,
  adoptedOn: pathfinderRoadmapVersions.adoptedOn,
  updatedAt: pathfinderRoadmapVersions.updatedAt,
  isDemo: pathfinderRoadmapVersions.isDemo,
};

const priorityColumns = {
  id: pathfinderRoadmapPriorities.id,
  key: pathfinderRoadmapPriorities.key,
  position: pathfinderRoadmapPriorities.position,
  title: pathfinderRoadmapPriorities.title,
  description: pathfinderRoadmapPriorities.description,
};

const actionColumns = {
  id: pathfinderRoadmapActions.id,
  priorityKey: pathfinderRoadmapActions.priorityKey,
  key: pathfinderRoadmapActions.key,
  position: pathfinderRoadmapActions.position,
  title: pathfinderRoadmapActions.title,
  responsibleBody: pathfinderRoadmapActions.responsibleBody,
  startOn: pathfinderRoadmapActions.startOn,
  endOn: pathfinderRoadmapActions.endOn,
  budgetAmount: pathfinderRoadmapActions.budgetAmount,
  budgetCurrency: pathfinderRoadmapActions.budgetCurrency,
  status: pathfinderRoadmapActions.status,
  indicatorCodes: pathfinderRoadmapActions.indicatorCodes,
};

/** Every version of the country's roadmap, newest first. */
export function listVersions(db: DbExecutor, iso3: string): Promise<RoadmapVersion[]> {
  return db
    .select(versionColumns)
    .from(pathfinderRoadmapVersions)
    .where(eq(pathfinderRoadmapVersions.iso3, iso3))
    .orderBy(desc(pathfinderRoadmapVersions.number));
}

export async function findVersionByStatus(
  db: DbExecutor,
  input: { iso3: string; status: 'draft' | 'adopted' },
): Promise<RoadmapVersion | null> {
  const [row] = await db
    .select(versionColumns)
    .from(pathfinderRoadmapVersions)
    .where(and(eq(pathfinderRoadmapVersions.iso3, input.iso3), eq(pathfinderRoadmapVersions.status, input.status)));
  return row ?? null;
}

export async function findVersionById(db: DbExecutor, id: number): Promise<RoadmapVersion | null> {
  const [row] = await db
    .select(versionColumns)
    .from(pathfinderRoadmapVersions)
    .where(eq(pathfinderRoadmapVersions.id, id));
  return row ?? null;
}

export async function findVersionByNumber(
  db: DbExecutor,
  input: { iso3: string; number: number },
): Promise<RoadmapVersion | null> {
  const [row] = await db
    .select(versionColumns)
    .from(pathfinderRoadmapVersions)
    .where(and(eq(pathfinderRoadmapVersions.iso3, input.iso3), eq(pathfinderRoadmapVersions.number, input.number)));
  return row ?? null;
}

export async function insertVersion(
  db: DbExecutor,
  input: { iso3: string; number: number; locale: string; createdBy: number | null },
): Promise<number> {
  const [row] = await db
    .insert(pathfinderRoadmapVersions)
    .values({ ...input, status: 'draft' })
    .returning({ id: pathfinderRoadmapVersions.id });
  return row!.id;
}

/** Marks the version changed (its list shows when it was last edited). */
export async function touchVersion(db: DbExecutor, id: number): Promise<void> {
  await db
    .update(pathfinderRoadmapVersions)
    .set({ updatedAt: sql`now()` })
    .where(eq(pathfinderRoadmapVersions.id, id));
}

/** The draft becomes the adopted version; the version adopted before it is superseded. */
export async function adoptVersion(
  db: DbExecutor,
  input: { iso3: string; draftId: number; adoptedOn: string; adoptedBy: number | null },
): Promise<void> {
  await db
    .update(pathfinderRoadmapVersions)
    .set({ status: 'superseded', updatedAt: sql`now()` })
    .where(and(eq(pathfinderRoadmapVersions.iso3, input.iso3), eq(pathfinderRoadmapVersions.status, 'adopted')));
  await db
    .update(pathfinderRoadmapVersions)
    .set({ status: 'adopted', adoptedOn: input.adoptedOn, adoptedBy: input.adoptedBy, updatedAt: sql`now()` })
    .where(eq(pathfinderRoadmapVersions.id, input.draftId));
}

export function listPriorities(db: DbExecutor, versionId: number): Promise<RoadmapPriority[]> {
  return db
    .select(priorityColumns)
    .from(pathfinderRoadmapPriorities)
    .where(eq(pathfinderRoadmapPriorities.versionId, versionId))
    .orderBy(asc(pathfinderRoadmapPriorities.position), asc(pathfinderRoadmapPriorities.id));
}

export function listActions(db: DbExecutor, versionId: number): Promise<RoadmapAction[]> {
  return db
    .select(actionColumns)
    .from(pathfinderRoadmapActions)
    .where(eq(pathfinderRoadmapActions.versionId, versionId))
    .orderBy(asc(pathfinderRoadmapActions.position), asc(pathfinderRoadmapActions.id));
}

export async function findPriority(
  db: DbExecutor,
  input: { versionId: number; id: number },
): Promise<RoadmapPriority | null> {
  const [row] = await db
    .select(priorityColumns)
    .from(pathfinderRoadmapPriorities)
    .where(
      and(eq(pathfinderRoadmapPriorities.versionId, input.versionId), eq(pathfinderRoadmapPriorities.id, input.id)),
    );
  return row ?? null;
}

export async function findAction(
  db: DbExecutor,
  input: { versionId: number; id: number },
): Promise<RoadmapAction | null> {
  const [row] = await db
    .select(actionColumns)
    .from(pathfinderRoadmapActions)
    .where(and(eq(pathfinderRoadmapActions.versionId, input.versionId), eq(pathfinderRoadmapActions.id, input.id)));
  return row ?? null;
}

/**
 * The next free key with the prefix (P or A) among every version of the country: a key removed in a
 * draft is not given again, so two versions never call different things by one key.
 */
export async function nextKey(db: DbExecutor, input: { iso3: string; prefix: 'P' | 'A' }): Promise<string> {
  const table = input.prefix === 'P' ? pathfinderRoadmapPriorities : pathfinderRoadmapActions;
  const [row] = await db
    .select({ highest: sql<number | null>`max(substring(${table.key} from 2)::int)` })
    .from(table)
    .innerJoin(pathfinderRoadmapVersions, eq(pathfinderRoadmapVersions.id, table.versionId))
    .where(eq(pathfinderRoadmapVersions.iso3, input.iso3));
  return `${input.prefix}${(row?.highest ?? 0) + 1}`;
}

async function nextPosition(db: DbExecutor, input: { versionId: number; prefix: 'P' | 'A' }): Promise<number> {
  const table = input.prefix === 'P' ? pathfinderRoadmapPriorities : pathfinderRoadmapActions;
  const [row] = await db
    .select({ highest: sql<number | null>`max(${table.position})` })
    .from(table)
    .where(eq(table.versionId, input.versionId));
  return (row?.highest ?? 0) + 1;
}

export async function insertPriority(
  db: DbExecutor,
  input: { versionId: number; key: string; fields: PriorityFields },
): Promise<number> {
  const position = await nextPosition(db, { versionId: input.versionId, prefix: 'P' });
  const [row] = await db
    .insert(pathfinderRoadmapPriorities)
    .values({ versionId: input.versionId, key: input.key, position, ...input.fields })
    .returning({ id: pathfinderRoadmapPriorities.id });
  return row!.id;
}

export async function updatePriority(db: DbExecutor, input: { id: number; fields: PriorityFields }): Promise<void> {
  await db.update(pathfinderRoadmapPriorities).set(input.fields).where(eq(pathfinderRoadmapPriorities.id, input.id));
}

/** Removes a priority of a draft, with its actions. */
export async function deletePriority(
  db: DbExecutor,
  input: { versionId: number; priority: RoadmapPriority },
): Promise<void> {
  await db
    .delete(pathfinderRoadmapActions)
    .where(
      and(
        eq(pathfinderRoadmapActions.versionId, input.versionId),
        eq(pathfinderRoadmapActions.priorityKey, input.priority.key),
      ),
    );
  await db.delete(pathfinderRoadmapPriorities).where(eq(pathfinderRoadmapPriorities.id, input.priority.id));
}

export async function insertAction(
  db: DbExecutor,
  input: { versionId: number; key: string; fields: ActionFields },
): Promise<number> {
  const position = await nextPosition(db, { versionId: input.versionId, prefix: 'A' });
  const [row] = await db
    .insert(pathfinderRoadmapActions)
    .values({ versionId: input.versionId, key: input.key, position, ...input.fields })
    .returning({ id: pathfinderRoadmapActions.id });
  return row!.id;
}

export async function updateAction(db: DbExecutor, input: { id: number; fields: ActionFields }): Promise<void> {
  await db.update(pathfinderRoadmapActions).set(input.fields).where(eq(pathfinderRoadmapActions.id, input.id));
}

export async function deleteAction(db: DbExecutor, id: number): Promise<void> {
  await db.delete(pathfinderRoadmapActions).where(eq(pathfinderRoadmapActions.id, id));
}

/** Copies the priorities and actions of one version into another (a new draft starts from the adopted one). */
export async function copyVersionContent(db: DbExecutor, input: { fromId: number; toId: number }): Promise<void> {
  const priorities = await listPriorities(db, input.fromId);
  if (priorities.length > 0) {
    await db.insert(pathfinderRoadmapPriorities).values(
      priorities.map((priority) => ({
        key: priority.key,
        position: priority.position,
        title: priority.title,
        description: priority.description,
        versionId: input.toId,
      })),
    );
  }
  const actions = await listActions(db, input.fromId);
  if (actions.length > 0) {
    await db.insert(pathfinderRoadmapActions).values(
      actions.map((action) => {
        const copy: Partial<RoadmapAction> = { ...action };
        delete copy.id;
        return { ...(copy as Omit<RoadmapAction, 'id'>), versionId: input.toId };
      }),
    );
  }
}
