import crypto from 'node:crypto';
import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { isPdf, pdfFileName } from '../../../http/pdf.ts';
import { countryName } from '../../../i18n/countries.ts';
import { isLocale, type Locale } from '../../../i18n/i18n.ts';
import { findUserById } from '../../accounts/index.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { findCurrentFocalPoint } from '../focal-points/focal-points.repository.ts';
import { lockCountry } from '../lifecycle/lifecycle.repository.ts';
import { findVersionById, findVersionByStatus, listActions, listPriorities } from '../roadmaps/roadmaps.repository.ts';
import type { RoadmapActionStatus } from '../roadmaps/roadmaps.table.ts';
import { getAdoptedRoadmap, type RoadmapView } from '../roadmaps/roadmaps.usecases.ts';
import { nextDueDay } from './reports.light.ts';
import {
  countSubmittedReports,
  findAttachment,
  findReport,
  insertAttachment,
  insertReport,
  listAttachments,
  listReportActions,
  listReports,
  listSubmittedReports,
  markReportAcknowledged,
  markReportSubmitted,
  updateReportContent,
  updateReportDue,
  type AttachmentRow,
  type ReportActionRow,
  type ReportRow,
} from './reports.repository.ts';

export type { AttachmentRow, ReportActionRow, ReportRow } from './reports.repository.ts';

export { reportLight, type ReportLight } from './reports.light.ts';

/** The Secretariat sets the day a country's next yearly progress report is due (audited). */
export async function setReportDueDate(input: {
  db: Db;
  iso3: string;
  dueOn: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const country = await lockCountry(tx, input.iso3);
    if (!country) throw new AppError('not_found');
    await updateReportDue(tx, { iso3: input.iso3, dueOn: input.dueOn });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.report_due_set',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: { reportDueOn: country.reportDueOn },
      after: { reportDueOn: input.dueOn },
      ip: input.ip,
    });
  });
}

/** Attachments larger than this are refused with a message. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

export interface ReportView {
  report: ReportRow;
  roadmap: RoadmapView;
  /** What the report says of each action of its roadmap version, by the action's key. */
  actions: Map<string, ReportActionRow>;
  attachments: AttachmentRow[];
}

interface ReportChange {
  db: Db;
  iso3: string;
  actor: Actor;
  ip: string | null;
}

async function viewOf(db: DbExecutor, report: ReportRow): Promise<ReportView> {
  const version = await findVersionById(db, report.roadmapVersionId);
  if (!version) throw new AppError('not_found');
  const [priorities, roadmapActions, actions, attachments] = await Promise.all([
    listPriorities(db, version.id),
    listActions(db, version.id),
    listReportActions(db, report.id),
    listAttachments(db, report.id),
  ]);
  return {
    report,
    roadmap: { version, priorities, actions: roadmapActions },
    actions: new Map(actions.map((action) => [action.actionKey, action])),
    attachments,
  };
}

/** The country's reports, the latest year first, and whether a roadmap is adopted (a report needs one). */
export async function getCountryReports(input: {
  db: Db;
  iso3: string;
}): Promise<{ reports: ReportRow[]; hasRoadmap: boolean }> {
  const [reports, adopted] = await Promise.all([
    listReports(input.db, { iso3: input.iso3 }),
    findVersionByStatus(input.db, { iso3: input.iso3, status: 'adopted' }),
  ]);
  return { reports, hasRoadmap: adopted !== null };
}

/** One report of the country, with its roadmap version (null when the id is not the country's). */
export async function getReport(input: { db: Db; iso3: string; id: number }): Promise<ReportView | null> {
  const report = await findReport(input.db, { iso3: input.iso3, id: input.id });
  return report ? viewOf(input.db, report) : null;
}

/**
 * Begins the report of a year on the adopted roadmap: one line per action, with the roadmap's
 * status until the focal point gives this year's. One report per country and year.
 */
export async function startReport(input: ReportChange & { year: number; locale: string }): Promise<number> {
  return input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw new AppError('not_found');
    const adopted = await findVersionByStatus(tx, { iso3: input.iso3, status: 'adopted' });
    if (!adopted) throw new AppError('pathfinders.report.noRoadmap', { field: 'year' });
    const existing = await listReports(tx, { iso3: input.iso3 });
    if (existing.some((report) => report.year === input.year)) {
      throw new AppError('pathfinders.report.yearTaken', { field: 'year', values: { year: input.year } });
    }
    const actions = await listActions(tx, adopted.id);
    const id = await insertReport(tx, {
      iso3: input.iso3,
      year: input.year,
      roadmapVersionId: adopted.id,
      locale: input.locale,
      createdBy: input.actor.id,
      actions: actions.map((action) => ({ actionKey: action.key, status: action.status, narrative: '' })),
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.report_started',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      after: { report: id, year: input.year, roadmapVersion: adopted.number },
      ip: input.ip,
    });
    return id;
  });
}

async function lockDraftReport(tx: DbExecutor, input: { iso3: string; id: number }): Promise<ReportRow> {
  const report = await findReport(tx, { ...input, lock: true });
  if (!report) throw new AppError('not_found');
  if (report.status !== 'draft') throw new AppError('pathfinders.report.readOnly');
  return report;
}

/**
 * Saves the report as a draft, or saves and submits it. Submitting makes it read-only, puts it in
 * the Secretariat's queue and moves the country's next due day a year on (`nextDueDay`).
 */
export async function saveReport(
  input: ReportChange & {
    id: number;
    overallNarrative: string;
    actions: ReportActionRow[];
    submit: boolean;
    today: string;
  },
): Promise<void> {
  await input.db.transaction(async (tx) => {
    const country = await lockCountry(tx, input.iso3);
    if (!country) throw new AppError('not_found');
    const report = await lockDraftReport(tx, input);
    await updateReportContent(tx, { id: report.id, overallNarrative: input.overallNarrative, actions: input.actions });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.report_saved',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      after: { report: report.id, year: report.year },
      ip: input.ip,
    });
    if (!input.submit) return;
    await markReportSubmitted(tx, { id: report.id, submittedOn: input.today, submittedBy: input.actor.id });
    const dueOn = nextDueDay({ dueOn: country.reportDueOn, submittedOn: input.today });
    await updateReportDue(tx, { iso3: input.iso3, dueOn });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.report_submitted',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: { report: report.id, status: 'draft', reportDueOn: country.reportDueOn },
      after: { report: report.id, status: 'submitted', submittedOn: input.today, reportDueOn: dueOn },
      ip: input.ip,
    });
  });
}

/** Attaches a PDF to a draft report, checked by its content, not its name. */
export async function attachFile(
  input: ReportChange & { id: number; fileName: string; file: Buffer; tooLarge: boolean },
): Promise<void> {
  if (input.tooLarge || input.file.length > ATTACHMENT_MAX_BYTES) throw new AppError('pathfinders.report.fileTooLarge');
  if (input.file.length === 0) throw new AppError('pathfinders.report.fileMissing');
  if (!isPdf(input.file)) throw new AppError('pathfinders.report.notPdf');
  const fileName = pdfFileName(input.fileName, 'attachment');
  await input.db.transaction(async (tx) => {
    const report = await lockDraftReport(tx, input);
    const sha256 = crypto.createHash('sha256').update(input.file).digest('hex');
    const id = await insertAttachment(tx, {
      reportId: report.id,
      fileName,
      content: input.file,
      sha256,
      uploadedBy: input.actor.id,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.report_attachment_added',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      after: { report: report.id, attachment: id, fileName, size: input.file.length, sha256 },
      ip: input.ip,
    });
  });
}

/** An attachment of one of the country's reports, to download. */
export async function getAttachment(input: {
  db: Db;
  iso3: string;
  reportId: number;
  id: number;
}): Promise<{ fileName: string; content: Buffer; sha256: string } | null> {
  const report = await findReport(input.db, { iso3: input.iso3, id: input.reportId });
  return report ? findAttachment(input.db, { reportId: report.id, id: input.id }) : null;
}

/**
 * The Secretariat acknowledges a submitted report with a note; the focal point is told by e-mail,
 * in their language.
 */
export async function acknowledgeReport(
  input: ReportChange & { id: number; note: string; today: string; publicUrl: string },
): Promise<void> {
  await input.db.transaction(async (tx) => {
    const report = await findReport(tx, { iso3: input.iso3, id: input.id, lock: true });
    if (!report) throw new AppError('not_found');
    if (report.status !== 'submitted') throw new AppError('pathfinders.report.notSubmitted');
    await markReportAcknowledged(tx, {
      id: report.id,
      acknowledgedOn: input.today,
      acknowledgedBy: input.actor.id,
      note: input.note,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.report_acknowledged',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: { report: report.id, status: 'submitted' },
      after: { report: report.id, status: 'acknowledged', acknowledgedOn: input.today, note: input.note },
      ip: input.ip,
    });
    const focalPoint = await findCurrentFocalPoint(tx, input.iso3);
    if (!focalPoint) return;
    const person = focalPoint.userId === null ? null : await findUserById(tx, focalPoint.userId);
    const locale: Locale = person && isLocale(person.locale) ? person.locale : 'en';
    await queueTranslatedMail(tx, {
      to: person?.email ?? focalPoint.email,
      locale,
      kind: 'pathfinders.report_acknowledged',
      subject: 'pathfinders.report.mail.subject',
      body: 'pathfinders.report.mail.body',
      values: {
        name: focalPoint.name,
        country: countryName({ iso3: input.iso3, locale }),
        year: report.year,
        note: input.note,
        link: `${input.publicUrl}/admin/pathfinders/${input.iso3}/reports/${report.id}`,
      },
    });
  });
}

/** The reports waiting for the Secretariat's acknowledgement, the longest waiting first. */
export function listWaitingReports(input: { db: Db }): Promise<ReportRow[]> {
  return listSubmittedReports(input.db);
}

export function countWaitingReports(input: { db: Db }): Promise<number> {
  return countSubmittedReports(input.db);
}

/** One acknowledged report of the country, by its year, as the public reads it (null otherwise). */
export async function getPublicReport(input: { db: Db; iso3: string; year: number }): Promise<ReportView | null> {
  const acknowledged = await listReports(input.db, { iso3: input.iso3, statuses: ['acknowledged'] });
  const report = acknowledged.find((candidate) => candidate.year === input.year);
  return report ? viewOf(input.db, report) : null;
}

/**
 * What a country's public page shows of its progress: the adopted roadmap, each action's status
 * from the latest acknowledged report (by the action's key), and the acknowledged reports.
 */
export async function getPublicProgress(input: { db: Db; iso3: string }): Promise<{
  roadmap: RoadmapView | null;
  statuses: Map<string, RoadmapActionStatus>;
  statusYear: number | null;
  reports: ReportView[];
}> {
  const roadmap = await getAdoptedRoadmap(input);
  const acknowledged = await listReports(input.db, { iso3: input.iso3, statuses: ['acknowledged'] });
  const reports = await Promise.all(acknowledged.map((report) => viewOf(input.db, report)));
  const latest = reports[0];
  return {
    roadmap,
    statuses: new Map([...(latest?.actions.values() ?? [])].map((action) => [action.actionKey, action.status])),
    statusYear: latest?.report.year ?? null,
    reports,
  };
}
