import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { lockCountry } from '../lifecycle/lifecycle.repository.ts';
import { diffRoadmaps, type RoadmapContent, type RoadmapDiff } from './roadmaps.diff.ts';
import {
  adoptVersion,
  copyVersionContent,
  deleteAction,
  deletePriority,
  findAction,
  findPriority,
  findVersionByNumber,
  findVersionByStatus,
  insertAction,
  insertPriority,
  insertVersion,
  listActions,
  listPriorities,
  listVersions,
  nextKey,
  touchVersion,
  updateAction,
  updatePriority,
  type ActionFields,
  type RoadmapAction,
  type RoadmapPriority,
  type RoadmapVersion,
} from './roadmaps.repository.ts';
import type { ActionForm, PriorityForm } from './roadmaps.schemas.ts';

export type { RoadmapAction, RoadmapPriority, RoadmapVersion } from './roadmaps.repository.ts';

/** One version with its priorities and actions. */
export interface RoadmapView extends RoadmapContent {
  version: RoadmapVersion;
}

interface Change {
  db: Db;
  iso3: string;
  actor: Actor;
  ip: string | null;
}

/** Records a change of the country's roadmap, in the change's transaction. */
function auditRoadmap(
  tx: DbExecutor,
  input: Change,
  action: string,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  return recordAudit(tx, {
    actor: input.actor,
    action: `pathfinders.${action}`,
    entityType: 'pathfinder_country',
    entityId: input.iso3,
    ...change,
    ip: input.ip,
  });
}

async function contentOf(db: DbExecutor, version: RoadmapVersion): Promise<RoadmapView> {
  return { version, priorities: await listPriorities(db, version.id), actions: await listActions(db, version.id) };
}

/** The country's adopted roadmap, as the public sees it (null while none is adopted). */
export async function getAdoptedRoadmap(input: { db: Db; iso3: string }): Promise<RoadmapView | null> {
  const version = await findVersionByStatus(input.db, { iso3: input.iso3, status: 'adopted' });
  return version ? contentOf(input.db, version) : null;
}

/**
 * The roadmap page of the back office: every version, and the one shown (the number asked, else
 * the draft, else the adopted version).
 */
export async function getRoadmapVersions(input: {
  db: Db;
  iso3: string;
  number?: number | undefined;
}): Promise<{ versions: RoadmapVersion[]; shown: RoadmapView | null }> {
  const versions = await listVersions(input.db, input.iso3);
  const chosen =
    (input.number !== undefined ? versions.find((version) => version.number === input.number) : undefined) ??
    versions.find((version) => version.status === 'draft') ??
    versions.find((version) => version.status === 'adopted') ??
    null;
  return { versions, shown: chosen ? await contentOf(input.db, chosen) : null };
}

/** The country's draft, locked with the country for the change (none: 409). */
async function requireDraft(tx: DbExecutor, iso3: string): Promise<RoadmapVersion> {
  if (!(await lockCountry(tx, iso3))) throw new AppError('not_found');
  const draft = await findVersionByStatus(tx, { iso3, status: 'draft' });
  if (!draft) throw new AppError('pathfinders.roadmap.noDraft');
  return draft;
}

/**
 * Starts a draft: the next version, a copy of the adopted one (or empty for a first roadmap). A
 * country has one draft at a time.
 */
export async function startDraft(input: Change & { locale: string }): Promise<number> {
  return input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw new AppError('not_found');
    const versions = await listVersions(tx, input.iso3);
    if (versions.some((version) => version.status === 'draft')) throw new AppError('pathfinders.roadmap.draftExists');
    const number = (versions[0]?.number ?? 0) + 1;
    const id = await insertVersion(tx, { iso3: input.iso3, number, locale: input.locale, createdBy: input.actor.id });
    const adopted = versions.find((version) => version.status === 'adopted');
    if (adopted) await copyVersionContent(tx, { fromId: adopted.id, toId: id });
    await auditRoadmap(tx, input, 'roadmap_draft_started', {
      after: { version: number, from: adopted?.number ?? null },
    });
    return number;
  });
}

function priorityFields(form: PriorityForm) {
  return { title: form.priority_title, description: form.priority_description };
}

function actionFields(form: ActionForm): ActionFields {
  return {
    priorityKey: form.priority,
    title: form.title,
    responsibleBody: form.responsible_body,
    startOn: form.start_on,
    endOn: form.end_on,
    budgetAmount: form.budget_amount,
    budgetCurrency: form.budget_currency,
    status: form.status,
    indicatorCodes: form.indicator_codes,
  };
}

/** Adds a priority to the draft. */
export async function addPriority(input: Change & { form: PriorityForm }): Promise<void> {
  await input.db.transaction(async (tx) => {
    const draft = await requireDraft(tx, input.iso3);
    const key = await nextKey(tx, { iso3: input.iso3, prefix: 'P' });
    const fields = priorityFields(input.form);
    await insertPriority(tx, { versionId: draft.id, key, fields });
    await touchVersion(tx, draft.id);
    await auditRoadmap(tx, input, 'roadmap_priority_added', {
      after: { version: draft.number, key, ...fields },
    });
  });
}

/** A priority of the draft, for its form (null when the id is not one of the draft's). */
export async function getDraftPriority(input: { db: Db; iso3: string; id: number }): Promise<RoadmapPriority | null> {
  const draft = await findVersionByStatus(input.db, { iso3: input.iso3, status: 'draft' });
  return draft ? findPriority(input.db, { versionId: draft.id, id: input.id }) : null;
}

/** An action of the draft, for its form, with the draft's priorities to choose from. */
export async function getDraftAction(input: {
  db: Db;
  iso3: string;
  id: number;
}): Promise<{ action: RoadmapAction; priorities: RoadmapPriority[] } | null> {
  const draft = await findVersionByStatus(input.db, { iso3: input.iso3, status: 'draft' });
  if (!draft) return null;
  const action = await findAction(input.db, { versionId: draft.id, id: input.id });
  return action ? { action, priorities: await listPriorities(input.db, draft.id) } : null;
}

export async function changePriority(input: Change & { id: number; form: PriorityForm }): Promise<void> {
  await input.db.transaction(async (tx) => {
    const draft = await requireDraft(tx, input.iso3);
    const priority = await findPriority(tx, { versionId: draft.id, id: input.id });
    if (!priority) throw new AppError('not_found');
    const fields = priorityFields(input.form);
    await updatePriority(tx, { id: priority.id, fields });
    await touchVersion(tx, draft.id);
    await auditRoadmap(tx, input, 'roadmap_priority_changed', {
      before: { version: draft.number, key: priority.key, title: priority.title, description: priority.description },
      after: { version: draft.number, key: priority.key, ...fields },
    });
  });
}

/** Removes a priority and its actions from the draft (earlier versions keep theirs). */
export async function removePriority(input: Change & { id: number }): Promise<void> {
  await input.db.transaction(async (tx) => {
    const draft = await requireDraft(tx, input.iso3);
    const priority = await findPriority(tx, { versionId: draft.id, id: input.id });
    if (!priority) throw new AppError('not_found');
    const actions = (await listActions(tx, draft.id)).filter((action) => action.priorityKey === priority.key);
    await deletePriority(tx, { versionId: draft.id, priority });
    await touchVersion(tx, draft.id);
    await auditRoadmap(tx, input, 'roadmap_priority_removed', {
      before: { version: draft.number, key: priority.key, title: priority.title, actions: actions.map((a) => a.key) },
    });
  });
}

async function requirePriorityKey(tx: DbExecutor, input: { versionId: number; key: string }): Promise<void> {
  const priorities = await listPriorities(tx, input.versionId);
  if (!priorities.some((priority) => priority.key === input.key)) {
    throw new AppError('pathfinders.roadmap.unknownPriority', { field: 'priority' });
  }
}

export async function addAction(input: Change & { form: ActionForm }): Promise<void> {
  await input.db.transaction(async (tx) => {
    const draft = await requireDraft(tx, input.iso3);
    await requirePriorityKey(tx, { versionId: draft.id, key: input.form.priority });
    const key = await nextKey(tx, { iso3: input.iso3, prefix: 'A' });
    const fields = actionFields(input.form);
    await insertAction(tx, { versionId: draft.id, key, fields });
    await touchVersion(tx, draft.id);
    await auditRoadmap(tx, input, 'roadmap_action_added', {
      after: { version: draft.number, key, ...fields },
    });
  });
}

export async function changeAction(input: Change & { id: number; form: ActionForm }): Promise<void> {
  await input.db.transaction(async (tx) => {
    const draft = await requireDraft(tx, input.iso3);
    const action = await findAction(tx, { versionId: draft.id, id: input.id });
    if (!action) throw new AppError('not_found');
    await requirePriorityKey(tx, { versionId: draft.id, key: input.form.priority });
    const fields = actionFields(input.form);
    await updateAction(tx, { id: action.id, fields });
    await touchVersion(tx, draft.id);
    const before: Partial<RoadmapAction> = { ...action };
    delete before.id;
    delete before.position;
    await auditRoadmap(tx, input, 'roadmap_action_changed', {
      before: { version: draft.number, ...before },
      after: { version: draft.number, key: action.key, ...fields },
    });
  });
}

export async function removeAction(input: Change & { id: number }): Promise<void> {
  await input.db.transaction(async (tx) => {
    const draft = await requireDraft(tx, input.iso3);
    const action = await findAction(tx, { versionId: draft.id, id: input.id });
    if (!action) throw new AppError('not_found');
    await deleteAction(tx, action.id);
    await touchVersion(tx, draft.id);
    await auditRoadmap(tx, input, 'roadmap_action_removed', {
      before: { version: draft.number, key: action.key, title: action.title },
    });
  });
}

/**
 * The Secretariat adopts the draft: it becomes the public roadmap, and the version adopted before
 * it is kept as superseded. A draft without a priority cannot be adopted.
 */
export async function adoptDraft(input: Change & { adoptedOn: string; today: string }): Promise<number> {
  if (input.adoptedOn > input.today) throw new AppError('pathfinders.move.future', { field: 'adopted_on' });
  return input.db.transaction(async (tx) => {
    const draft = await requireDraft(tx, input.iso3);
    const content = await contentOf(tx, draft);
    if (content.priorities.length === 0) throw new AppError('pathfinders.roadmap.empty');
    const previous = await findVersionByStatus(tx, { iso3: input.iso3, status: 'adopted' });
    await adoptVersion(tx, {
      iso3: input.iso3,
      draftId: draft.id,
      adoptedOn: input.adoptedOn,
      adoptedBy: input.actor.id,
    });
    await auditRoadmap(tx, input, 'roadmap_adopted', {
      before: previous ? { version: previous.number } : null,
      after: {
        version: draft.number,
        adoptedOn: input.adoptedOn,
        priorities: content.priorities.length,
        actions: content.actions.length,
      },
    });
    return draft.number;
  });
}

/**
 * Two versions compared (by number; by default the adopted version, or else the one before, and
 * the newest). Null when the country has no such version.
 */
export async function compareVersions(input: {
  db: Db;
  iso3: string;
  from?: number | undefined;
  to?: number | undefined;
}): Promise<{ versions: RoadmapVersion[]; from: RoadmapVersion | null; to: RoadmapVersion; diff: RoadmapDiff } | null> {
  const versions = await listVersions(input.db, input.iso3);
  const newest = versions[0];
  if (!newest) return null;
  const to =
    input.to !== undefined ? await findVersionByNumber(input.db, { iso3: input.iso3, number: input.to }) : newest;
  if (!to) return null;
  const defaultFrom =
    versions.find((version) => version.status === 'adopted' && version.number < to.number) ??
    versions.find((version) => version.number < to.number) ??
    null;
  const from =
    input.from !== undefined
      ? await findVersionByNumber(input.db, { iso3: input.iso3, number: input.from })
      : defaultFrom;
  if (input.from !== undefined && !from) return null;
  const before: RoadmapContent = from ? await contentOf(input.db, from) : { priorities: [], actions: [] };
  const after = await contentOf(input.db, to);
  return { versions, from, to, diff: diffRoadmaps(before, after) };
}
