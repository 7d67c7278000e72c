import crypto from 'node:crypto';
import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { isPdf, pdfFileName } from '../../../http/pdf.ts';
import { countryName } from '../../../i18n/countries.ts';
import type { Locale, MessageKey } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail, type EmailConfirmations } from '../../mail/index.ts';
import { recordFocalPointAppointment } from '../focal-points/focal-points.usecases.ts';
import { insertCountry, insertMove, lockCountry } from '../lifecycle/lifecycle.repository.ts';
import { isAllowedMove } from '../lifecycle/lifecycle.moves.ts';
import { recordedMove } from '../lifecycle/lifecycle.usecases.ts';
import type { InterestStatus, PathfinderStage } from '../pathfinders.table.ts';
import {
  countDraftsFor,
  countDraftsFrom,
  countInterestsWithStatus,
  findDraftByHash,
  findInterest,
  deleteUnconfirmedInterestRows,
  findLetter,
  findLetterFacts,
  insertInterest,
  listInterests,
  lockOpenInterest,
  markConfirmed,
  updateInterest,
  upsertLetter,
  type InterestRow,
  type LetterFacts,
  type LetterFile,
  type NewInterest,
} from './interests.repository.ts';
import type { DraftInput, InterestInput } from './interests.schemas.ts';

export type { InterestRow, LetterFacts, LetterFile } from './interests.repository.ts';

/** What waits for the nominated official's address to be confirmed (see the mail module's confirmations). */
export const INTEREST_CONFIRMATION = 'pathfinders.interest';

/** Letters larger than this are refused with a message; much larger ones never reach the app. */
export const LETTER_MAX_BYTES = 5 * 1024 * 1024;
/** A draft's private link works this long after its last save. */
export const DRAFT_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** New drafts one client address may begin in an hour. */
export const DRAFTS_PER_CLIENT_PER_HOUR = 10;
/** New drafts naming one official's address in an hour. */
export const DRAFTS_PER_ADDRESS_PER_HOUR = 3;

const HOUR_MS = 60 * 60 * 1000;
const TOKEN_SHAPE = /^[\w-]{20,100}$/;

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Checks a letter by its content (`isPdf`) and its size. Returns null when no file was chosen. */
export function checkLetter(input: { file: Buffer; fileName: string; tooLarge: boolean }): LetterFile | null {
  if (input.tooLarge || input.file.length > LETTER_MAX_BYTES) {
    throw new AppError('pathfinders.letter.tooLarge', { field: 'letter' });
  }
  if (input.file.length === 0) return null;
  if (!isPdf(input.file)) throw new AppError('pathfinders.letter.notPdf', { field: 'letter' });
  return {
    fileName: pdfFileName(input.fileName, 'letter'),
    byteSize: input.file.length,
    content: input.file,
    sha256: crypto.createHash('sha256').update(input.file).digest('hex'),
  };
}

function columnsOf(values: InterestInput | DraftInput): Omit<NewInterest, 'status' | 'locale'> {
  return {
    iso3: values.country || null,
    reasons: values.reasons,
    commitment: values.commitment,
    recentSuccesses: values.recent_successes,
    focalPointName: values.focal_point_name,
    focalPointTitle: values.focal_point_title,
    focalPointMinistry: values.focal_point_ministry,
    focalPointEmail: values.focal_point_email,
  };
}

/** The form's fields as the form shows them again. */
export function formValuesOf(row: InterestRow): Record<string, string> {
  return {
    country: row.iso3 ?? '',
    reasons: row.reasons,
    commitment: row.commitment,
    recent_successes: row.recentSuccesses,
    focal_point_name: row.focalPointName,
    focal_point_title: row.focalPointTitle,
    focal_point_ministry: row.focalPointMinistry,
    focal_point_email: row.focalPointEmail,
  };
}

async function findDraft(db: DbExecutor, token: string | undefined, now: Date): Promise<InterestRow | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  return findDraftByHash(db, { hash: hashToken(token), since: new Date(now.getTime() - DRAFT_LIFETIME_MS) });
}

/** A draft and its letter, from its private link (null when the link is unknown, used or too old). */
export async function getDraft(input: {
  db: Db;
  token: string;
  now?: Date;
}): Promise<{ values: Record<string, string>; letter: LetterFacts | null } | null> {
  const row = await findDraft(input.db, input.token, input.now ?? new Date());
  if (!row) return null;
  return { values: formValuesOf(row), letter: await findLetterFacts(input.db, row.id) };
}

/**
 * Saves a draft: what was given, checked for its form only. A new draft gets a private link,
 * shown on the next page and never mailed, so drafts send no mail at all; a client address and an
 * official's address may begin only a few in an hour (`pathfinders.interest.tooMany`).
 */
export async function saveDraft(input: {
  db: Db;
  draft: DraftInput;
  token: string | undefined;
  letter: LetterFile | null;
  locale: Locale;
  ip: string | null;
  now?: Date;
}): Promise<{ token: string }> {
  const now = input.now ?? new Date();
  return input.db.transaction(async (tx) => {
    const existing = await findDraft(tx, input.token, now);
    if (existing && input.token) {
      await updateInterest(tx, existing.id, { ...columnsOf(input.draft), locale: input.locale });
      if (input.letter) await upsertLetter(tx, { interestId: existing.id, letter: input.letter });
      return { token: input.token };
    }
    const since = new Date(now.getTime() - HOUR_MS);
    const email = input.draft.focal_point_email;
    if (
      (input.ip && (await countDraftsFrom(tx, { ip: input.ip, since })) >= DRAFTS_PER_CLIENT_PER_HOUR) ||
      (email && (await countDraftsFor(tx, { email, since })) >= DRAFTS_PER_ADDRESS_PER_HOUR)
    ) {
      throw new AppError('pathfinders.interest.tooMany');
    }
    const token = crypto.randomBytes(32).toString('base64url');
    const row = await insertInterest(tx, {
      status: 'draft',
      ...columnsOf(input.draft),
      locale: input.locale,
      draftTokenHash: hashToken(token),
      createdIp: input.ip,
      createdAt: now,
      updatedAt: now,
    });
    if (input.letter) await upsertLetter(tx, { interestId: row.id, letter: input.letter });
    return { token };
  });
}

/**
 * Sends an expression of interest (a new one, or the draft of the private link, which then stops
 * working), hidden until the nominated official's address is confirmed: the only mail sent now
 * is the confirmation link, with nothing the visitor typed. Past the confirmation limits
 * (`mail.confirmation.too_many`) nothing is recorded.
 */
export async function submitInterest(input: {
  db: Db;
  interest: InterestInput;
  draftToken: string | undefined;
  letter: LetterFile | null;
  locale: Locale;
  ip: string | null;
  confirmations: EmailConfirmations;
  now?: Date;
}): Promise<{ id: number }> {
  const now = input.now ?? new Date();
  return input.db.transaction(async (tx) => {
    const draft = await findDraft(tx, input.draftToken, now);
    const values = {
      ...columnsOf(input.interest),
      status: 'unconfirmed' as const,
      locale: input.locale,
      draftTokenHash: null,
      submittedAt: now,
    };
    let id: number;
    if (draft) {
      await updateInterest(tx, draft.id, values);
      id = draft.id;
    } else {
      id = (await insertInterest(tx, { ...values, createdIp: input.ip, createdAt: now, updatedAt: now })).id;
    }
    if (input.letter) await upsertLetter(tx, { interestId: id, letter: input.letter });
    await input.confirmations.request(tx, {
      kind: INTEREST_CONFIRMATION,
      recordId: id,
      email: input.interest.focal_point_email,
      locale: input.locale,
      ip: input.ip,
      now,
    });
    return { id };
  });
}

/** An e-mail to the official who sent the interest, in the form's language. */
function mailSender(
  tx: DbExecutor,
  interest: InterestRow,
  input: { kind: string; subject: MessageKey; body: MessageKey; values?: Record<string, string | number> },
) {
  const locale = interest.locale as Locale;
  return queueTranslatedMail(tx, {
    to: interest.focalPointEmail,
    locale,
    kind: input.kind,
    subject: input.subject,
    body: input.body,
    values: {
      name: interest.focalPointName,
      country: countryName({ iso3: interest.iso3 ?? '', locale }),
      reference: interest.id,
      ...input.values,
    },
  });
}

/**
 * The official opened the confirmation link (in its transaction): the interest reaches the
 * Secretariat's queue, and the official gets the acknowledgement.
 */
export async function confirmInterest(
  tx: DbExecutor,
  input: { recordId: number; ip: string | null; now: Date },
): Promise<{ next: string }> {
  const next = '/pathfinders/apply/confirmed';
  const row = await markConfirmed(tx, { id: input.recordId, now: input.now });
  if (!row) return { next };
  await recordAudit(tx, {
    actor: { id: null, label: row.focalPointEmail },
    action: 'pathfinders.interest_submitted',
    entityType: 'pathfinder_interest',
    entityId: row.id,
    after: { country: row.iso3, focalPoint: row.focalPointName, ministry: row.focalPointMinistry },
    ip: input.ip,
  });
  await mailSender(tx, row, {
    kind: 'pathfinders.interest_received',
    subject: 'mail.interestReceived.subject',
    body: 'mail.interestReceived.body',
  });
  return { next };
}

/** One page of the interests the Secretariat sees, the ones waiting first. */
export function listInterestQueue(input: {
  db: Db;
  status: InterestStatus | undefined;
  limit: number;
  offset: number;
}): Promise<{ total: number; rows: InterestRow[] }> {
  return listInterests(input.db, input);
}

/** Confirmed interests waiting for the Secretariat (the back office home's queue). */
/** The confirmation piece's purge: expressions of interest whose link expired unused a week ago. */
export function deleteUnconfirmedInterests(tx: DbExecutor, ids: readonly number[]): Promise<void> {
  return deleteUnconfirmedInterestRows(tx, ids);
}

export function countOpenInterests(db: Db): Promise<number> {
  return countInterestsWithStatus(db, 'submitted');
}

export interface InterestReview {
  interest: InterestRow;
  letter: LetterFacts | null;
  decidedByName: string | null;
  /** Still waiting for a decision. */
  open: boolean;
}

/** What the Secretariat sees of an interest (null for one it may not see: a draft, an address not confirmed). */
export async function getInterestReview(input: { db: Db; id: number }): Promise<InterestReview | null> {
  const found = await findInterest(input.db, input.id);
  if (!found || found.interest.status === 'draft' || found.interest.status === 'unconfirmed') return null;
  return { ...found, open: found.interest.status === 'submitted' };
}

/** The official letter of an interest the Secretariat may see. */
export async function getInterestLetter(input: { db: Db; id: number }): Promise<LetterFile | null> {
  if (!(await getInterestReview(input))) return null;
  return findLetter(input.db, input.id);
}

async function lockOpen(tx: DbExecutor, id: number): Promise<InterestRow> {
  const row = await lockOpenInterest(tx, id);
  if (!row) throw new AppError('pathfinders.interest.notOpen');
  return row;
}

/**
 * Accepts an interest, in one transaction: the country enters the path at "interest expressed"
 * (a country on it already after a refusal or a withdrawal comes back with a dated move; one
 * further along is refused), the nominated official becomes its focal point (invited by e-mail
 * when they have no account), and the sender is told in their language.
 */
export async function acceptInterest(input: {
  db: Db;
  id: number;
  today: string;
  actor: Actor;
  ip: string | null;
  publicUrl: string;
}): Promise<{ iso3: string }> {
  return input.db.transaction(async (tx) => {
    const interest = await lockOpen(tx, input.id);
    const iso3 = interest.iso3!;
    const country = await lockCountry(tx, iso3);
    const enter = (fromStage: PathfinderStage | null) =>
      insertMove(
        tx,
        recordedMove({
          iso3,
          fromStage,
          stage: 'interest_expressed',
          onDate: input.today,
          note: '',
          recordedBy: input.actor.id,
        }),
      );
    if (!country) {
      await insertCountry(tx, { iso3, stage: 'interest_expressed', isDemo: false });
      await enter(null);
      await recordAudit(tx, {
        actor: input.actor,
        action: 'pathfinders.country_added',
        entityType: 'pathfinder_country',
        entityId: iso3,
        after: { stage: 'interest_expressed', onDate: input.today, interest: interest.id },
        ip: input.ip,
      });
    } else if (country.stage !== 'interest_expressed') {
      if (!isAllowedMove(country.stage, 'interest_expressed')) {
        throw new AppError('pathfinders.interest.alreadyOnPath', { values: { stage: country.stage } });
      }
      await enter(country.stage);
      await recordAudit(tx, {
        actor: input.actor,
        action: 'pathfinders.stage_moved',
        entityType: 'pathfinder_country',
        entityId: iso3,
        before: { stage: country.stage },
        after: { stage: 'interest_expressed', onDate: input.today, interest: interest.id },
        ip: input.ip,
      });
    }
    await recordFocalPointAppointment(tx, {
      iso3,
      appointment: {
        name: interest.focalPointName,
        title: interest.focalPointTitle,
        ministry: interest.focalPointMinistry,
        email: interest.focalPointEmail,
        phone: null,
        locale: interest.locale as Locale,
        started_on: input.today,
      },
      actor: input.actor,
      publicUrl: input.publicUrl,
      ip: input.ip,
    });
    await updateInterest(tx, interest.id, { status: 'accepted', decidedAt: new Date(), decidedBy: input.actor.id });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.interest_accepted',
      entityType: 'pathfinder_interest',
      entityId: interest.id,
      before: { status: interest.status },
      after: { status: 'accepted', country: iso3 },
      ip: input.ip,
    });
    await mailSender(tx, interest, {
      kind: 'pathfinders.interest_accepted',
      subject: 'mail.interestAccepted.subject',
      body: 'mail.interestAccepted.body',
      values: { link: `${input.publicUrl}/${interest.locale}/pathfinders/${iso3}` },
    });
    return { iso3 };
  });
}

/** Declines an interest with the reason the sender is told, in their language. */
export async function declineInterest(input: {
  db: Db;
  id: number;
  reason: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const interest = await lockOpen(tx, input.id);
    await updateInterest(tx, interest.id, {
      status: 'declined',
      decidedAt: new Date(),
      decidedBy: input.actor.id,
      declineReason: input.reason,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.interest_declined',
      entityType: 'pathfinder_interest',
      entityId: interest.id,
      before: { status: interest.status },
      after: { status: 'declined', reason: input.reason },
      ip: input.ip,
    });
    await mailSender(tx, interest, {
      kind: 'pathfinders.interest_declined',
      subject: 'mail.interestDeclined.subject',
      body: 'mail.interestDeclined.body',
      values: { reason: input.reason },
    });
  });
}
