import { parse } from 'csv-parse/sync';
import type { Db } from '../../../db/database.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { lockCountry } from '../lifecycle/lifecycle.repository.ts';
import {
  countRatifications,
  findCommitment,
  findCountriesOnPath,
  findRatification,
  insertInstrument,
  listCommitments,
  listInstruments,
  listRatifications,
  upsertCommitment,
  upsertRatifications,
  type CommitmentRow,
  type InstrumentRow,
  type RatificationRow,
  type RatificationValues,
} from './commitments.repository.ts';
import {
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  IMPORT_REQUIRED_COLUMNS,
  type CommitmentInput,
  type InstrumentInput,
  type RatificationInput,
} from './commitments.schemas.ts';
import { RATIFICATION_STATUSES, STANDARDS, type RatificationStatus, type Standard } from './commitments.table.ts';

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
  field: 'country' | 'standard' | 'status' | 'date' | 'source';
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

/** One line of the file that cannot be imported, and why (each problem a message). */
export interface ImportRowProblem {
  line: number;
  problems: RatificationProblem[];
}

/** What an import did: every bad line, or the rows written (none at all when a line is bad). */
export interface RatificationImportReport {
  fileProblem: { key: MessageKey; values?: Record<string, string | number> } | null;
  rows: number;
  badRows: ImportRowProblem[];
  written: boolean;
}

const STANDARD_CODES = new Map<string, Standard>(STANDARDS.map((standard) => [standard.toLowerCase(), standard]));

/**
 * Imports statuses with standards from a CSV file (columns in decision 021). Every line is
 * checked first; one bad line and nothing is written, and the report names each bad line by its
 * number in the file (the header is line 1). A row without a source of its own takes the file's.
 */
export async function importRatifications(input: {
  db: Db;
  file: Buffer;
  fileName: string;
  source: string | undefined;
  today: string;
  actor: Actor;
  ip: string | null;
}): Promise<RatificationImportReport> {
  const report = (fileProblem: RatificationImportReport['fileProblem']): RatificationImportReport => ({
    fileProblem,
    rows: 0,
    badRows: [],
    written: false,
  });
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(input.file, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch {
    return report({ key: 'pathfinders.import.notCsv' });
  }
  const [header, ...body] = records;
  if (!header) return report({ key: 'pathfinders.import.empty' });
  const columns = header.record.map((name) => name.toLowerCase());
  const missing = IMPORT_REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  const unknown = columns.filter((name) => !(IMPORT_COLUMNS as readonly string[]).includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    return report({
      key: 'pathfinders.import.header',
      values: { missing: missing.join(', ') || '—', unknown: unknown.join(', ') || '—' },
    });
  }
  if (body.length === 0) return report({ key: 'pathfinders.import.empty' });
  if (body.length > IMPORT_MAX_ROWS)
    return report({ key: 'pathfinders.import.tooManyRows', values: { max: IMPORT_MAX_ROWS } });

  const cell = (record: string[], name: string) => record[columns.indexOf(name)]?.trim() ?? '';
  const onPath = await findCountriesOnPath(
    input.db,
    [...new Set(body.map(({ record }) => cell(record, 'country').toUpperCase()))].filter((code) =>
      /^[A-Z]{3}$/.test(code),
    ),
  );
  const seen = new Map<string, number>();
  const rows: RatificationValues[] = [];
  const badRows: ImportRowProblem[] = [];
  for (const { record, info } of body) {
    const problems: RatificationProblem[] = [];
    if (record.length !== columns.length) {
      problems.push({
        field: 'country',
        key: 'pathfinders.import.columnCount',
        values: { count: record.length, expected: columns.length },
      });
      badRows.push({ line: info.lines, problems });
      continue;
    }
    const country = cell(record, 'country').toUpperCase();
    const standard = STANDARD_CODES.get(cell(record, 'standard').toLowerCase());
    const statusText = cell(record, 'status').toLowerCase();
    const status = (RATIFICATION_STATUSES as readonly string[]).includes(statusText)
      ? (statusText as RatificationStatus)
      : undefined;
    const date = cell(record, 'date') || null;
    const source = cell(record, 'source') || input.source || '';
    if (!onPath.has(country))
      problems.push({
        field: 'country',
        key: 'pathfinders.import.countryNotOnPath',
        values: { country: cell(record, 'country') },
      });
    if (!standard)
      problems.push({
        field: 'standard',
        key: 'pathfinders.import.standardUnknown',
        values: { standard: cell(record, 'standard') },
      });
    if (!status)
      problems.push({
        field: 'status',
        key: 'pathfinders.import.statusUnknown',
        values: { status: cell(record, 'status') },
      });
    problems.push(...checkRatification({ status: status ?? 'ratified', date, source, today: input.today }));
    if (standard && onPath.has(country)) {
      const key = `${country} ${standard}`;
      const first = seen.get(key);
      if (first !== undefined)
        problems.push({ field: 'standard', key: 'pathfinders.import.duplicate', values: { line: first } });
      else seen.set(key, info.lines);
    }
    if (problems.length > 0 || !standard || !status) {
      badRows.push({ line: info.lines, problems });
      continue;
    }
    rows.push({ iso3: country, standard, status, onDate: date, source, recordedBy: input.actor.id });
  }
  if (badRows.length > 0) return { fileProblem: null, rows: body.length, badRows, written: false };

  await input.db.transaction(async (tx) => {
    await upsertRatifications(tx, rows);
    await recordAudit(tx, {
      actor: input.actor,
      action: 'pathfinders.ratifications_imported',
      entityType: 'pathfinder_ratifications',
      entityId: null,
      after: {
        fileName: input.fileName,
        source: input.source ?? null,
        rows: rows.length,
        countries: [...new Set(rows.map((row) => row.iso3))].sort(),
      },
      ip: input.ip,
    });
  });
  return { fileProblem: null, rows: rows.length, badRows: [], written: true };
}

/** How many statuses with standards are recorded, for the import page. */
export function countRecordedRatifications(input: { db: Db }): Promise<number> {
  return countRatifications(input.db);
}
