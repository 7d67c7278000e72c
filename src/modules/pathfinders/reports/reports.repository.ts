import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { pathfinderCountries } from '../pathfinders.table.ts';
import type { RoadmapActionStatus } from '../roadmaps/roadmaps.table.ts';
import {
  pathfinderReportActions,
  pathfinderReportAttachments,
  pathfinderReports,
  type ReportStatus,
} from './reports.table.ts';

/** Sets the day the country's next yearly report is due. */
export async function updateReportDue(db: DbExecutor, input: { iso3: string; dueOn: string }): Promise<void> {
  await db
    .update(pathfinderCountries)
    .set({ reportDueOn: input.dueOn, updatedAt: sql`now()` })
    .where(eq(pathfinderCountries.iso3, input.iso3));
}

export interface ReportRow {
  id: number;
  iso3: string;
  year: number;
  roadmapVersionId: number;
  status: ReportStatus;
  locale: string;
  overallNarrative: string;
  submittedOn: string | null;
  acknowledgedOn: string | null;
  acknowledgementNote: string | null;
  updatedAt: Date;
  /** An illustrative report of the demonstration content. */
  isDemo: boolean;
}

export interface ReportActionRow {
  actionKey: string;
  status: RoadmapActionStatus;
  narrative: string;
}

export interface AttachmentRow {
  id: number;
  fileName: string;
  size: number;
  uploadedAt: Date;
}

const reportColumns = {
  id: pathfinderReports.id,
  iso3: pathfinderReports.iso3,
  year: pathfinderReports.year,
  roadmapVersionId: pathfinderReports.roadmapVersionId,
  status: pathfinderReports.status,
  locale: pathfinderReports.locale,
  overallNarrative: pathfinderReports.overallNarrative,
  submittedOn: pathfinderReports.submittedOn,
  acknowledgedOn: pathfinderReports.acknowledgedOn,
  acknowledgementNote: pathfinderReports.acknowledgementNote,
  updatedAt: pathfinderReports.updatedAt,
  isDemo: pathfinderReports.isDemo,
};

/** A report of the country (null when the id is another country's: a report is read through its country). */
export async function findReport(
  db: DbExecutor,
  input: { iso3: string; id: number; lock?: boolean },
): Promise<ReportRow | null> {
  const query = db
    .select(reportColumns)
    .from(pathfinderReports)
    .where(and(eq(pathfinderReports.iso3, input.iso3), eq(pathfinderReports.id, input.id)));
  const [row] = input.lock ? await query.for('update') : await query;
  return row ?? null;
}

/** The country's reports, the latest year first (only those with the statuses given, when given). */
export function listReports(
  db: DbExecutor,
  input: { iso3: string; statuses?: readonly ReportStatus[] },
): Promise<ReportRow[]> {
  return db
    .select(reportColumns)
    .from(pathfinderReports)
    .where(
      and(
        eq(pathfinderReports.iso3, input.iso3),
        input.statuses ? inArray(pathfinderReports.status, [...input.statuses]) : undefined,
      ),
    )
    .orderBy(desc(pathfinderReports.year));
}

export async function insertReport(
  db: DbExecutor,
  input: {
    iso3: string;
    year: number;
    roadmapVersionId: number;
    locale: string;
    createdBy: number | null;
    actions: ReportActionRow[];
    /** The demonstration loader's illustrative report is written acknowledged, with its text. */
    status?: ReportStatus;
    overallNarrative?: string;
    isDemo?: boolean;
  },
): Promise<number> {
  const { actions, ...report } = input;
  const [row] = await db.insert(pathfinderReports).values(report).returning({ id: pathfinderReports.id });
  if (actions.length > 0) {
    await db.insert(pathfinderReportActions).values(actions.map((action) => ({ ...action, reportId: row!.id })));
  }
  return row!.id;
}

export function listReportActions(db: DbExecutor, reportId: number): Promise<ReportActionRow[]> {
  return db
    .select({
      actionKey: pathfinderReportActions.actionKey,
      status: pathfinderReportActions.status,
      narrative: pathfinderReportActions.narrative,
    })
    .from(pathfinderReportActions)
    .where(eq(pathfinderReportActions.reportId, reportId))
    .orderBy(asc(pathfinderReportActions.id));
}

/** Saves what the report says: the overall narrative and each action's status and narrative. */
export async function updateReportContent(
  db: DbExecutor,
  input: { id: number; overallNarrative: string; actions: ReportActionRow[] },
): Promise<void> {
  await db
    .update(pathfinderReports)
    .set({ overallNarrative: input.overallNarrative, updatedAt: sql`now()` })
    .where(eq(pathfinderReports.id, input.id));
  for (const action of input.actions) {
    await db
      .update(pathfinderReportActions)
      .set({ status: action.status, narrative: action.narrative })
      .where(
        and(eq(pathfinderReportActions.reportId, input.id), eq(pathfinderReportActions.actionKey, action.actionKey)),
      );
  }
}

export async function markReportSubmitted(
  db: DbExecutor,
  input: { id: number; submittedOn: string; submittedBy: number | null },
): Promise<void> {
  await db
    .update(pathfinderReports)
    .set({ status: 'submitted', submittedOn: input.submittedOn, submittedBy: input.submittedBy, updatedAt: sql`now()` })
    .where(eq(pathfinderReports.id, input.id));
}

export async function markReportAcknowledged(
  db: DbExecutor,
  input: { id: number; acknowledgedOn: string; acknowledgedBy: number | null; note: string },
): Promise<void> {
  await db
    .update(pathfinderReports)
    .set({
      status: 'acknowledged',
      acknowledgedOn: input.acknowledgedOn,
      acknowledgedBy: input.acknowledgedBy,
      acknowledgementNote: input.note,
      updatedAt: sql`now()`,
    })
    .where(eq(pathfinderReports.id, input.id));
}

/** Submitted reports waiting for the Secretariat, the longest waiting first. */
export function listSubmittedReports(db: DbExecutor): Promise<ReportRow[]> {
  return db
    .select(reportColumns)
    .from(pathfinderReports)
    .where(eq(pathfinderReports.status, 'submitted'))
    .orderBy(asc(pathfinderReports.submittedOn), asc(pathfinderReports.id));
}

export async function countSubmittedReports(db: DbExecutor): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(pathfinderReports)
    .where(eq(pathfinderReports.status, 'submitted'));
  return row?.count ?? 0;
}

export async function insertAttachment(
  db: DbExecutor,
  input: { reportId: number; fileName: string; content: Buffer; sha256: string; uploadedBy: number | null },
): Promise<number> {
  const [row] = await db
    .insert(pathfinderReportAttachments)
    .values({ ...input, size: input.content.length })
    .returning({ id: pathfinderReportAttachments.id });
  return row!.id;
}

const attachmentColumns = {
  id: pathfinderReportAttachments.id,
  fileName: pathfinderReportAttachments.fileName,
  size: pathfinderReportAttachments.size,
  uploadedAt: pathfinderReportAttachments.uploadedAt,
};

export function listAttachments(db: DbExecutor, reportId: number): Promise<AttachmentRow[]> {
  return db
    .select(attachmentColumns)
    .from(pathfinderReportAttachments)
    .where(eq(pathfinderReportAttachments.reportId, reportId))
    .orderBy(asc(pathfinderReportAttachments.id));
}

export async function findAttachment(
  db: DbExecutor,
  input: { reportId: number; id: number },
): Promise<(AttachmentRow & { content: Buffer; sha256: string }) | null> {
  const [row] = await db
    .select({
      ...attachmentColumns,
      content: pathfinderReportAttachments.content,
      sha256: pathfinderReportAttachments.sha256,
    })
    .from(pathfinderReportAttachments)
    .where(and(eq(pathfinderReportAttachments.reportId, input.reportId), eq(pathfinderReportAttachments.id, input.id)));
  return row ?? null;
}
