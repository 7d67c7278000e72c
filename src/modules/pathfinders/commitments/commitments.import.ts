import { parse } from 'csv-parse/sync';
import type { Db } from '../../../db/database.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import {
  findCountriesOnPath,
  insertInstruments,
  listInstrumentsOf,
  setInstrumentUrl,
  upsertCommitment,
  upsertRatifications,
  type RatificationValues,
} from './commitments.repository.ts';
import { IMPORT_LAYOUTS, IMPORT_MAX_ROWS, type ImportColumn, type ImportDataset } from './commitments.schemas.ts';
import {
  COMMITMENTS,
  INSTRUMENT_KINDS,
  RATIFICATION_STATUSES,
  STANDARDS,
  type Commitment,
  type InstrumentKind,
  type RatificationStatus,
  type Standard,
} from './commitments.table.ts';
import { checkRatification } from './commitments.usecases.ts';

/** What is wrong with one cell of a line: the column, and the message that says why. */
export interface ImportProblem {
  field: ImportColumn;
  key: MessageKey;
  values?: Record<string, string | number>;
}

/** One line of the file that cannot be imported, and why (each problem a message). */
export interface ImportRowProblem {
  line: number;
  problems: ImportProblem[];
}

/** What an import did: every bad line, or the rows written (none at all when a line is bad). */
export interface ImportReport {
  dataset: ImportDataset;
  fileProblem: { key: MessageKey; values?: Record<string, string | number> } | null;
  rows: number;
  badRows: ImportRowProblem[];
  written: boolean;
}

interface ImportInput {
  db: Db;
  file: Buffer;
  fileName: string;
  source: string | undefined;
  today: string;
  actor: Actor;
  ip: string | null;
}

/** One line of the file, its cells by column name, and its number in the file (the header is line 1). */
interface Line {
  line: number;
  cell: (name: ImportColumn) => string;
  country: string;
}

/**
 * Reads a file of one kind: the header checked against its layout, every line counted. A line
 * with more or fewer cells than the header is bad on its own and not given to the checks.
 */
async function readFile(
  input: ImportInput & { dataset: ImportDataset },
): Promise<
  | { ok: true; lines: Line[]; onPath: Set<string>; badRows: ImportRowProblem[]; total: number }
  | { ok: false; report: ImportReport }
> {
  const refuse = (fileProblem: ImportReport['fileProblem']) => ({
    ok: false as const,
    report: { dataset: input.dataset, fileProblem, rows: 0, badRows: [], written: false },
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
    return refuse({ key: 'pathfinders.import.notCsv' });
  }
  const layout = IMPORT_LAYOUTS[input.dataset];
  const [header, ...body] = records;
  if (!header) return refuse({ key: 'pathfinders.import.empty' });
  const columns = header.record.map((name) => name.toLowerCase());
  const missing = layout.required.filter((name) => !columns.includes(name));
  const unknown = columns.filter((name) => !(layout.columns as readonly string[]).includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    return refuse({
      key: 'pathfinders.import.header',
      values: { missing: missing.join(', ') || '—', unknown: unknown.join(', ') || '—' },
    });
  }
  if (body.length === 0) return refuse({ key: 'pathfinders.import.empty' });
  if (body.length > IMPORT_MAX_ROWS)
    return refuse({ key: 'pathfinders.import.tooManyRows', values: { max: IMPORT_MAX_ROWS } });

  const badRows: ImportRowProblem[] = [];
  const lines: Line[] = [];
  for (const { record, info } of body) {
    if (record.length !== columns.length) {
      badRows.push({
        line: info.lines,
        problems: [
          {
            field: 'country',
            key: 'pathfinders.import.columnCount',
            values: { count: record.length, expected: columns.length },
          },
        ],
      });
      continue;
    }
    const cell = (name: ImportColumn) => record[columns.indexOf(name)]?.trim() ?? '';
    lines.push({ line: info.lines, cell, country: cell('country').toUpperCase() });
  }
  const onPath = await findCountriesOnPath(
    input.db,
    [...new Set(lines.map((line) => line.country))].filter((code) => /^[A-Z]{3}$/.test(code)),
  );
  return { ok: true, lines, onPath, badRows, total: body.length };
}

/** The checks every kind of file shares: a country on the path, and one line per record. */
function checkCommon(input: {
  line: Line;
  onPath: Set<string>;
  seen: Map<string, number>;
  key: string | null;
  keyField: ImportColumn;
  duplicate: MessageKey;
}): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (!input.onPath.has(input.line.country)) {
    problems.push({
      field: 'country',
      key: 'pathfinders.import.countryNotOnPath',
      values: { country: input.line.cell('country') },
    });
  } else if (input.key !== null) {
    const first = input.seen.get(input.key);
    if (first !== undefined) {
      problems.push({ field: input.keyField, key: input.duplicate, values: { line: first } });
    } else input.seen.set(input.key, input.line.line);
  }
  return problems;
}

/** A year as the forms take it: a whole number from 1900 to 2100. */
function parseYear(text: string): number | null {
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 1900 && year <= 2100 ? year : null;
}

function isWebAddress(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || text.length > 500) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * An instrument's natural key (decision 025): its country, type, year and title, the title
 * compared without case and with its spaces squeezed, so a file imported again adds nothing.
 */
export function instrumentKey(input: { iso3: string; kind: string; year: number; title: string }): string {
  return [input.iso3, input.kind, input.year, input.title.trim().replace(/\s+/g, ' ').toLowerCase()].join('|');
}

const STANDARD_CODES = new Map<string, Standard>(STANDARDS.map((standard) => [standard.toLowerCase(), standard]));

async function finish(
  input: ImportInput & { dataset: ImportDataset },
  rows: number,
  write: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<Record<string, unknown>>,
): Promise<ImportReport> {
  await input.db.transaction(async (tx) => {
    const details = await write(tx);
    await recordAudit(tx, {
      actor: input.actor,
      action: `pathfinders.${input.dataset}_imported`,
      entityType: `pathfinder_${input.dataset}`,
      entityId: null,
      after: { fileName: input.fileName, source: input.source ?? null, rows, ...details },
      ip: input.ip,
    });
  });
  return { dataset: input.dataset, fileProblem: null, rows, badRows: [], written: true };
}

/**
 * Imports statuses with standards from a CSV file (columns in decision 021). Every line is
 * checked first; one bad line and nothing is written, and the report names each bad line by its
 * number in the file (the header is line 1). A row without a source of its own takes the file's.
 */
export async function importRatifications(input: ImportInput): Promise<ImportReport> {
  const dataset = 'ratifications';
  const read = await readFile({ ...input, dataset });
  if (!read.ok) return read.report;
  const { lines, onPath, badRows } = read;
  const seen = new Map<string, number>();
  const rows: RatificationValues[] = [];
  for (const line of lines) {
    const standard = STANDARD_CODES.get(line.cell('standard').toLowerCase());
    const statusText = line.cell('status').toLowerCase();
    const status = (RATIFICATION_STATUSES as readonly string[]).includes(statusText)
      ? (statusText as RatificationStatus)
      : undefined;
    const date = line.cell('date') || null;
    const source = line.cell('source') || input.source || '';
    const problems = checkCommon({
      line,
      onPath,
      seen,
      key: standard ? `${line.country} ${standard}` : null,
      keyField: 'standard',
      duplicate: 'pathfinders.import.duplicate',
    });
    if (!standard)
      problems.push({
        field: 'standard',
        key: 'pathfinders.import.standardUnknown',
        values: { standard: line.cell('standard') },
      });
    if (!status)
      problems.push({
        field: 'status',
        key: 'pathfinders.import.statusUnknown',
        values: { status: line.cell('status') },
      });
    problems.push(...checkRatification({ status: status ?? 'ratified', date, source, today: input.today }));
    if (problems.length > 0 || !standard || !status) {
      badRows.push({ line: line.line, problems });
      continue;
    }
    rows.push({ iso3: line.country, standard, status, onDate: date, source, recordedBy: input.actor.id });
  }
  if (badRows.length > 0) return report(dataset, read.total, badRows);
  return finish({ ...input, dataset }, rows.length, async (tx) => {
    await upsertRatifications(tx, rows);
    return { countries: countries(rows) };
  });
}

/**
 * Imports national action plans, laws and policies from a CSV file (decision 025). An instrument
 * already recorded under the same natural key is not added again; a link given in the file is
 * set on it. The file's source is kept in the audit log.
 */
export async function importInstruments(input: ImportInput): Promise<ImportReport> {
  const dataset = 'instruments';
  const read = await readFile({ ...input, dataset });
  if (!read.ok) return read.report;
  const { lines, onPath, badRows } = read;
  const seen = new Map<string, number>();
  const rows: { iso3: string; kind: InstrumentKind; title: string; year: number; url: string | null }[] = [];
  for (const line of lines) {
    const kindText = line.cell('type').toLowerCase();
    const kind = (INSTRUMENT_KINDS as readonly string[]).includes(kindText) ? (kindText as InstrumentKind) : undefined;
    const title = line.cell('title').replace(/\s+/g, ' ');
    const year = parseYear(line.cell('year'));
    const url = line.cell('url') || null;
    const problems = checkCommon({
      line,
      onPath,
      seen,
      key: kind && year !== null && title ? instrumentKey({ iso3: line.country, kind, year, title }) : null,
      keyField: 'title',
      duplicate: 'pathfinders.import.duplicateInstrument',
    });
    if (!kind)
      problems.push({ field: 'type', key: 'pathfinders.import.typeUnknown', values: { type: line.cell('type') } });
    if (title.length < 3 || title.length > 300 || /[<>]/.test(title))
      problems.push({ field: 'title', key: 'pathfinders.import.badTitle' });
    if (year === null) problems.push({ field: 'year', key: 'pathfinders.commitments.badYear' });
    if (url !== null && !isWebAddress(url)) problems.push({ field: 'url', key: 'pathfinders.commitments.badUrl' });
    if (problems.length > 0 || !kind || year === null) {
      badRows.push({ line: line.line, problems });
      continue;
    }
    rows.push({ iso3: line.country, kind, title, year, url });
  }
  if (badRows.length > 0) return report(dataset, read.total, badRows);
  return finish({ ...input, dataset }, rows.length, async (tx) => {
    const recorded = new Map(
      (await listInstrumentsOf(tx, countries(rows))).map((row) => [instrumentKey(row), row] as const),
    );
    const added = rows.filter((row) => !recorded.has(instrumentKey(row)));
    await insertInstruments(
      tx,
      added.map((row) => ({ ...row, recordedBy: input.actor.id })),
    );
    for (const row of rows) {
      const found = recorded.get(instrumentKey(row));
      if (found && row.url && row.url !== found.url) await setInstrumentUrl(tx, { id: found.id, url: row.url });
    }
    return { added: added.length, alreadyRecorded: rows.length - added.length, countries: countries(rows) };
  });
}

/**
 * Imports commitments from a CSV file (decision 025): one per country and call, so a commitment
 * already recorded is replaced by the file's. A row without a source of its own takes the file's.
 */
export async function importCommitments(input: ImportInput): Promise<ImportReport> {
  const dataset = 'commitments';
  const read = await readFile({ ...input, dataset });
  if (!read.ok) return read.report;
  const { lines, onPath, badRows } = read;
  const seen = new Map<string, number>();
  const rows: { iso3: string; commitment: Commitment; year: number | null; note: string; source: string }[] = [];
  for (const line of lines) {
    const text = line.cell('commitment').toLowerCase();
    const commitment = (COMMITMENTS as readonly string[]).includes(text) ? (text as Commitment) : undefined;
    const year = line.cell('year') ? parseYear(line.cell('year')) : null;
    const note = line.cell('note');
    const source = line.cell('source') || input.source || '';
    const problems = checkCommon({
      line,
      onPath,
      seen,
      key: commitment ? `${line.country} ${commitment}` : null,
      keyField: 'commitment',
      duplicate: 'pathfinders.import.duplicateCommitment',
    });
    if (!commitment)
      problems.push({
        field: 'commitment',
        key: 'pathfinders.import.commitmentUnknown',
        values: { commitment: line.cell('commitment') },
      });
    if (line.cell('year') && year === null) problems.push({ field: 'year', key: 'pathfinders.commitments.badYear' });
    if (note.length > 2000) problems.push({ field: 'note', key: 'pathfinders.import.noteTooLong' });
    if (source.trim().length < 3) problems.push({ field: 'source', key: 'pathfinders.ratification.sourceRequired' });
    if (problems.length > 0 || !commitment) {
      badRows.push({ line: line.line, problems });
      continue;
    }
    rows.push({ iso3: line.country, commitment, year, note, source });
  }
  if (badRows.length > 0) return report(dataset, read.total, badRows);
  return finish({ ...input, dataset }, rows.length, async (tx) => {
    for (const row of rows) await upsertCommitment(tx, { ...row, recordedBy: input.actor.id });
    return { countries: countries(rows) };
  });
}

/** The import of one kind of file. */
export function importFile(input: ImportInput & { dataset: ImportDataset }): Promise<ImportReport> {
  const run = { ratifications: importRatifications, instruments: importInstruments, commitments: importCommitments };
  return run[input.dataset](input);
}

function report(dataset: ImportDataset, rows: number, badRows: ImportRowProblem[]): ImportReport {
  return { dataset, fileProblem: null, rows, badRows: badRows.sort((a, b) => a.line - b.line), written: false };
}

function countries(rows: readonly { iso3: string }[]): string[] {
  return [...new Set(rows.map((row) => row.iso3))].sort();
}
