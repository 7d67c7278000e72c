import type { Db } from '../../../db/database.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { lockCountry } from '../lifecycle/lifecycle.repository.ts';
import { removeCountryRecord } from '../pathfinders.records.ts';
import {
  countRatifications,
  deleteCommitment,
  deleteInstrument,
  deleteRatification,
  findCommitment,
  findCommitmentById,
  findInstrument,
  findRatification,
  insertInstrument,
  listCommitments,
  listInstruments,
  listRatifications,
  updateInstrument,
  upsertCommitment,
  upsertRatifications,
  type CommitmentRow,
  type InstrumentRow,
  type RatificationRow,
  type RatificationValues,
} from './commitments.repository.ts';
import type { CommitmentInput, InstrumentInput, RatificationInput } from './commitments.schemas.ts';
import type { RatificationStatus, Standard } from './commitments.table.ts';

export type { CommitmentRow, InstrumentRow, RatificationRow } from './commitments.repository.ts';

/** A country's laws, plans and policies, commitments and standards, as recorded from sources. */
export interface CountryCommitments {
  instruments: InstrumentRow[];
  commitments: CommitmentRow[];
  ratifications: RatificationRow[];
}

export async function getCountryCommitments(input: { db: Db; iso3: string }): Promise<CountryCommitments> {
  const [instruments, commitments, ratifications] = await Promise.all([
    listInstruments(input.db, input.iso3),
    listCommitments(input.db, input.iso3),
    listRatifications(input.db, input.iso3),
  ]);
  return { instruments, commitments, ratifications };
}

/** The Secretariat adds a national action plan, law or policy (audited). */
export async function addInstrument(input: {
  db: Db;
  iso3: string;
  instrument: InstrumentInput;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { instrument } = input;
  await input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw notFound();
    const id = await insertInstrument(tx, {
      iso3: input.iso3,
      kind: instrument.instrument_kind,
      title: instrument.instrument_title,
      year: instrument.instrument_year,
      url: instrument.instrument_url ?? null,
      recordedBy: input.actor.id,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.instrument_added',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      after: { instrument: id, kind: instrument.instrument_kind, title: instrument.instrument_title },
      ip: input.ip,
    });
  });
}

/** The Secretariat records (or corrects) what a country committed to under one call (audited). */
export async function recordCommitment(input: {
  db: Db;
  iso3: string;
  commitment: CommitmentInput;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { commitment } = input;
  await input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw notFound();
    const before = await findCommitment(tx, { iso3: input.iso3, commitment: commitment.commitment });
    const values = {
      iso3: input.iso3,
      commitment: commitment.commitment,
      year: commitment.commitment_year ?? null,
      note: commitment.commitment_note,
      source: commitment.commitment_source,
      recordedBy: input.actor.id,
    };
    await upsertCommitment(tx, values);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.commitment_recorded',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: before && { commitment: before.commitment, year: before.year, note: before.note, source: before.source },
      after: { commitment: values.commitment, year: values.year, note: values.note, source: values.source },
      ip: input.ip,
    });
  });
}

/** What is wrong with one status (the form and the file share these rules). */
export interface RatificationProblem {
  field: 'date' | 'source';
  key: MessageKey;
  values?: Record<string, string | number>;
}

/**
 * A status with a standard is recorded only as its source gives it: a day that is a real day and
 * not in the future, none for "not ratified", and a source always.
 */
export function checkRatification(input: {
  status: RatificationStatus;
  date: string | null;
  source: string;
  today: string;
}): RatificationProblem[] {
  const problems: RatificationProblem[] = [];
  if (input.date !== null) {
    if (!isRealDay(input.date)) problems.push({ field: 'date', key: 'pathfinders.move.badDate' });
    else if (input.date > input.today) problems.push({ field: 'date', key: 'pathfinders.move.future' });
    else if (input.status === 'not_ratified') {
      problems.push({ field: 'date', key: 'pathfinders.ratification.noDateWhenNot' });
    }
  }
  if (input.source.trim().length < 3)
    problems.push({ field: 'source', key: 'pathfinders.ratification.sourceRequired' });
  return problems;
}

function isRealDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The Secretariat records (or corrects) a country's status with one standard (audited). */
export async function recordRatification(input: {
  db: Db;
  iso3: string;
  ratification: RatificationInput;
  today: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { ratification } = input;
  const values: RatificationValues = {
    iso3: input.iso3,
    standard: ratification.standard,
    status: ratification.status,
    onDate: ratification.ratified_on ?? null,
    source: ratification.ratification_source,
    recordedBy: input.actor.id,
  };
  // The form's own rules already require a source and a real day; what remains is the day's sense.
  for (const problem of checkRatification({ ...values, date: values.onDate, today: input.today })) {
    if (problem.key === 'pathfinders.ratification.noDateWhenNot' || problem.key === 'pathfinders.move.future') {
      throw new AppError(problem.key, { field: 'ratified_on' });
    }
  }
  await input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw notFound();
    const before = await findRatification(tx, { iso3: input.iso3, standard: values.standard });
    await upsertRatifications(tx, [values]);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.ratification_recorded',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: before && {
        standard: before.standard,
        status: before.status,
        date: before.onDate,
        source: before.source,
      },
      after: { standard: values.standard, status: values.status, date: values.onDate, source: values.source },
      ip: input.ip,
    });
  });
}

/** How many statuses with standards are recorded, for the import page. */
export function countRecordedRatifications(input: { db: Db }): Promise<number> {
  return countRatifications(input.db);
}

/** One instrument of the country (null when the id is another country's or none). */
export function getInstrument(input: { db: Db; iso3: string; id: number }): Promise<InstrumentRow | null> {
  return findInstrument(input.db, input);
}

const instrumentFacts = (row: Pick<InstrumentRow, 'kind' | 'title' | 'year' | 'url'>) => ({
  kind: row.kind,
  title: row.title,
  year: row.year,
  url: row.url,
});

/** The Secretariat corrects a law, plan or policy of the country (audited, before and after). */
export async function changeInstrument(input: {
  db: Db;
  iso3: string;
  id: number;
  instrument: InstrumentInput;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const { instrument } = input;
  await input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw notFound();
    const before = await findInstrument(tx, input);
    if (!before) throw notFound();
    const after = {
      kind: instrument.instrument_kind,
      title: instrument.instrument_title,
      year: instrument.instrument_year,
      url: instrument.instrument_url ?? null,
    };
    await updateInstrument(tx, { iso3: input.iso3, id: input.id, ...after });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.instrument_changed',
      entityType: 'pathfinder_country',
      entityId: input.iso3,
      before: { instrument: input.id, ...instrumentFacts(before) },
      after: { instrument: input.id, ...after },
      ip: input.ip,
    });
  });
}

/** The Secretariat removes a law, plan or policy of the country (audited with what it was). */
export function removeInstrument(input: {
  db: Db;
  iso3: string;
  id: number;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  return removeCountryRecord({
    ...input,
    action: 'pathfinders.instrument_removed',
    find: (tx) => findInstrument(tx, input),
    describe: (_tx, row) => ({ instrument: input.id, ...instrumentFacts(row) }),
    remove: (tx) => deleteInstrument(tx, input),
  });
}

/** One commitment of the country (null when the id is another country's or none). */
export function getCommitment(input: { db: Db; iso3: string; id: number }): Promise<CommitmentRow | null> {
  return findCommitmentById(input.db, input);
}

/** The Secretariat removes a commitment of the country (audited with what it was). */
export function removeCommitment(input: {
  db: Db;
  iso3: string;
  id: number;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  return removeCountryRecord({
    ...input,
    action: 'pathfinders.commitment_removed',
    find: (tx) => findCommitmentById(tx, input),
    describe: (_tx, row) => ({ commitment: row.commitment, year: row.year, note: row.note, source: row.source }),
    remove: (tx) => deleteCommitment(tx, input),
  });
}

/** The country's recorded status with one standard (null when none is recorded). */
export function getRatification(input: { db: Db; iso3: string; standard: Standard }): Promise<RatificationRow | null> {
  return findRatification(input.db, input);
}

/** The Secretariat removes the country's status with one standard (audited with what it was). */
export function removeRatification(input: {
  db: Db;
  iso3: string;
  standard: Standard;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  return removeCountryRecord({
    ...input,
    action: 'pathfinders.ratification_removed',
    find: (tx) => findRatification(tx, input),
    describe: (_tx, row) => ({ standard: row.standard, status: row.status, date: row.onDate, source: row.source }),
    remove: (tx) => deleteRatification(tx, input),
  });
}
