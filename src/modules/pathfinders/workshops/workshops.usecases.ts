import crypto from 'node:crypto';
import type { Db } from '../../../db/database.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import { isPdf, pdfFileName } from '../../../http/pdf.ts';
import { countryName } from '../../../i18n/countries.ts';
import { translator, type Locale } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { findCountry, lockCountry } from '../lifecycle/lifecycle.repository.ts';
import { removeCountryRecord } from '../pathfinders.records.ts';
import {
  countActiveOrganizations,
  countOpenSupportRequests,
  countSupportRequests,
  deleteWorkshop,
  findDocument,
  findSupportRequest,
  findWorkshop,
  insertDocument,
  insertSupportRequest,
  insertWorkshop,
  listActiveOrganizations,
  listCountrySupportRequests,
  listDocuments,
  listOrganizers,
  listSupportRequests,
  listWorkshops,
  lockSupportRequest,
  updateSupportAnswer,
  updateWorkshop,
  type DocumentSummary,
  type Organizer,
  type SupportRequest,
  type WorkshopRow,
} from './workshops.repository.ts';
import type { SupportRequestInput, WorkshopInput } from './workshops.schemas.ts';

export type { DocumentSummary, Organizer, SupportRequest } from './workshops.repository.ts';

/** Documents larger than this are refused with a message. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** A workshop with what is shown of it: organisers, outcomes in each language, documents. */
export interface Workshop {
  id: number;
  heldOn: string;
  place: string;
  participants: number | null;
  outcomes: Record<Locale, string>;
  organizers: Organizer[];
  documents: DocumentSummary[];
}

/** The country's workshops, the latest first, each with its organisers and documents. */
export async function getWorkshops(input: { db: Db; iso3: string }): Promise<Workshop[]> {
  const rows = await listWorkshops(input.db, input.iso3);
  const ids = rows.map((row) => row.id);
  const [organizers, documents] = await Promise.all([listOrganizers(input.db, ids), listDocuments(input.db, ids)]);
  return rows.map((row) => present(row, organizers, documents));
}

function present(
  row: WorkshopRow,
  organizers: (Organizer & { workshopId: number })[],
  documents: DocumentSummary[],
): Workshop {
  return {
    id: row.id,
    heldOn: row.heldOn,
    place: row.place,
    participants: row.participants,
    outcomes: { fr: row.outcomesFr, en: row.outcomesEn, es: row.outcomesEs },
    organizers: organizers
      .filter((organizer) => organizer.workshopId === row.id)
      .map((organizer) => ({ id: organizer.id, slug: organizer.slug, name: organizer.name, active: organizer.active })),
    documents: documents.filter((document) => document.workshopId === row.id),
  };
}

/** The partners a workshop's organisers are chosen from. */
export function getOrganizerChoices(input: { db: Db }): Promise<{ id: number; name: string }[]> {
  return listActiveOrganizations(input.db);
}

/** The Secretariat or the country's focal point records a workshop (audited). */
export async function recordWorkshop(input: {
  db: Db;
  iso3: string;
  workshop: WorkshopInput;
  actor: Actor;
  ip: string | null;
}): Promise<number> {
  const { workshop } = input;
  const organizerIds = [...new Set(workshop.organizers)];
  return input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw notFound();
    if ((await countActiveOrganizations(tx, organizerIds)) !== organizerIds.length) {
      throw new AppError('pathfinders.workshop.unknownOrganizer', { field: 'organizers' });
    }
    const id = await insertWorkshop(tx, {
      iso3: input.iso3,
      heldOn: workshop.held_on,
      place: workshop.place,
      participants: workshop.participants ?? null,
      outcomesFr: workshop.outcomes_fr,
      outcomesEn: workshop.outcomes_en,
      outcomesEs: workshop.outcomes_es,
      recordedBy: input.actor.id,
      organizerIds,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.workshop_recorded',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      after: { workshop: id, heldOn: workshop.held_on, place: workshop.place, organizers: organizerIds },
      ip: input.ip,
    });
    return id;
  });
}

/** A workshop's document: a PDF by its content (`isPdf`), within the size limit. */
export function ensurePdf(file: Buffer): void {
  if (file.length === 0) throw new AppError('pathfinders.document.missing', { field: 'document' });
  if (file.length > DOCUMENT_MAX_BYTES) throw new AppError('pathfinders.document.tooLarge', { field: 'document' });
  if (!isPdf(file)) throw new AppError('pathfinders.document.notPdf', { field: 'document' });
}

/** Adds a PDF document to a workshop of the country (audited). */
export async function addWorkshopDocument(input: {
  db: Db;
  iso3: string;
  workshopId: number;
  file: Buffer;
  fileName: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  ensurePdf(input.file);
  const fileName = pdfFileName(input.fileName, 'document');
  await input.db.transaction(async (tx) => {
    if (!(await findWorkshop(tx, { iso3: input.iso3, id: input.workshopId }))) throw notFound();
    const sha256 = crypto.createHash('sha256').update(input.file).digest('hex');
    const id = await insertDocument(tx, {
      workshopId: input.workshopId,
      fileName,
      content: input.file,
      bytes: input.file.length,
      sha256,
      uploadedBy: input.actor.id,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.workshop_document_added',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      after: { workshop: input.workshopId, document: id, fileName, bytes: input.file.length, sha256 },
      ip: input.ip,
    });
  });
}

/** A document the public may download: one of a country shown publicly (not a declined request). */
export async function getPublicDocument(input: { db: Db; id: number }) {
  const document = await findDocument(input.db, input.id);
  if (!document || document.stage === 'declined') return null;
  return document;
}

/** The country's focal point asks the Secretariat for technical support with a workshop (audited). */
export async function requestSupport(input: {
  db: Db;
  iso3: string;
  workshopId: number;
  request: SupportRequestInput;
  today: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  if (input.request.needed_by < input.today) {
    throw new AppError('pathfinders.support.past', { field: 'needed_by' });
  }
  await input.db.transaction(async (tx) => {
    if (!(await findWorkshop(tx, { iso3: input.iso3, id: input.workshopId }))) throw notFound();
    const id = await insertSupportRequest(tx, {
      workshopId: input.workshopId,
      what: input.request.what,
      neededBy: input.request.needed_by,
      requestedBy: input.actor.id,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.support_requested',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      after: { request: id, workshop: input.workshopId, neededBy: input.request.needed_by },
      ip: input.ip,
    });
  });
}

/** The support requests of the country's workshops, for those who keep its record. */
export function getCountrySupportRequests(input: { db: Db; iso3: string }): Promise<SupportRequest[]> {
  return listCountrySupportRequests(input.db, input.iso3);
}

/** The Secretariat's queue: the requests waiting for an answer, and the latest answered. */
export async function getSupportQueue(input: {
  db: Db;
}): Promise<{ open: SupportRequest[]; answered: SupportRequest[] }> {
  const [open, answered] = await Promise.all([
    listSupportRequests(input.db, { answered: false, limit: 200 }),
    listSupportRequests(input.db, { answered: true, limit: 50 }),
  ]);
  return { open, answered };
}

/** One request for the Secretariat's page (null when there is none). */
export function getSupportRequest(input: { db: Db; id: number }): Promise<SupportRequest | null> {
  return findSupportRequest(input.db, input.id);
}

/** What the workshops section of a country's back-office page shows. */
export async function getWorkshopSectionData(input: { db: Db; iso3: string }) {
  const [workshops, requests, organizerChoices] = await Promise.all([
    getWorkshops(input),
    listCountrySupportRequests(input.db, input.iso3),
    listActiveOrganizations(input.db),
  ]);
  return { workshops, requests, organizerChoices };
}

export function countOpenSupport(db: Db): Promise<number> {
  return countOpenSupportRequests(db);
}

/**
 * The Secretariat answers a request: it leaves the queue, the focal point who asked is told by
 * e-mail in their language and sees the answer on their country's page (audited).
 */
export async function answerSupport(input: {
  db: Db;
  id: number;
  answer: string;
  publicUrl: string;
  actor: Actor;
  ip: string | null;
}): Promise<{ iso3: string }> {
  return input.db.transaction(async (tx) => {
    const request = await lockSupportRequest(tx, input.id);
    if (!request) throw notFound();
    if (request.answeredAt) throw new AppError('pathfinders.support.answered', { field: 'answer' });
    if (!(await findCountry(tx, request.iso3))) throw notFound();
    await updateSupportAnswer(tx, { id: input.id, answer: input.answer, answeredBy: input.actor.id });
    if (request.requesterEmail) {
      const locale = (request.requesterLocale ?? 'fr') as Locale;
      await queueTranslatedMail(tx, {
        to: request.requesterEmail,
        locale,
        kind: 'pathfinders.support_answered',
        subject: 'pathfinders.support.mailSubject',
        body: 'pathfinders.support.mailBody',
        values: {
          country: countryName({ iso3: request.iso3, locale }),
          date: translator(locale).formatDate(new Date(`${request.heldOn}T00:00:00Z`)),
          place: request.place,
          what: request.what,
          answer: input.answer,
          link: `${input.publicUrl}/admin/pathfinders/${request.iso3}#workshops-heading`,
        },
      });
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.support_answered',
      entityType: 'pathfinder_country',
      entityId: request.iso3,
      after: { request: input.id },
      ip: input.ip,
    });
    return { iso3: request.iso3 };
  });
}

/** One workshop of the country with its organisers and documents (null for another country's). */
export async function getWorkshop(input: { db: Db; iso3: string; id: number }): Promise<Workshop | null> {
  const row = await findWorkshop(input.db, input);
  if (!row) return null;
  const [organizers, documents] = await Promise.all([
    listOrganizers(input.db, [row.id]),
    listDocuments(input.db, [row.id]),
  ]);
  return present(row, organizers, documents);
}

/**
 * The Secretariat or the country's focal point corrects a workshop (audited, before and after).
 * An organiser already named may stay even if the partner left the directory since; a new one
 * must be an active partner.
 */
export async function changeWorkshop(input: {
  db: Db;
  iso3: string;
  id: number;
  workshop: WorkshopInput;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { workshop } = input;
  const organizerIds = [...new Set(workshop.organizers)];
  await input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw notFound();
    const before = await findWorkshop(tx, input);
    if (!before) throw notFound();
    const named = new Set((await listOrganizers(tx, [before.id])).map((organizer) => organizer.id));
    const added = organizerIds.filter((id) => !named.has(id));
    if ((await countActiveOrganizations(tx, added)) !== added.length) {
      throw new AppError('pathfinders.workshop.unknownOrganizer', { field: 'organizers' });
    }
    await updateWorkshop(tx, {
      iso3: input.iso3,
      id: input.id,
      heldOn: workshop.held_on,
      place: workshop.place,
      participants: workshop.participants ?? null,
      outcomesFr: workshop.outcomes_fr,
      outcomesEn: workshop.outcomes_en,
      outcomesEs: workshop.outcomes_es,
      organizerIds,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.workshop_changed',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: {
        workshop: before.id,
        heldOn: before.heldOn,
        place: before.place,
        participants: before.participants,
        organizers: [...named].sort((a, b) => a - b),
      },
      after: {
        workshop: before.id,
        heldOn: workshop.held_on,
        place: workshop.place,
        participants: workshop.participants ?? null,
        organizers: [...organizerIds].sort((a, b) => a - b),
      },
      ip: input.ip,
    });
  });
}

/**
 * The Secretariat or the country's focal point removes a workshop with its documents and its
 * requests for support (audited: which workshop, and the documents' names).
 */
export function removeWorkshop(input: {
  db: Db;
  iso3: string;
  id: number;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  return removeCountryRecord({
    ...input,
    action: 'pathfinders.workshop_removed',
    find: (tx) => findWorkshop(tx, input),
    describe: async (tx, row) => ({
      workshop: row.id,
      heldOn: row.heldOn,
      place: row.place,
      documents: (await listDocuments(tx, [row.id])).map((document) => document.fileName),
      supportRequests: await countSupportRequests(tx, row.id),
    }),
    remove: (tx) => deleteWorkshop(tx, input),
  });
}
