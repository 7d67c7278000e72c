import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Db } from '../../../db/database.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { finishVersion, insertVersion } from '../data.repository.ts';
import {
  countRepeatedRows,
  createStagingTable,
  diffStagedRows,
  findConflictingRows,
  indexStagedRows,
  insertDraftIndicators,
  insertStagedRows,
  listStagedIndicatorCodes,
  lockIndicators,
  mergeStagedRows,
  type StagedRow,
} from './import.repository.ts';
import type { ParserFactory } from './import.rows.ts';
import {
  PROBLEM_LIMIT,
  type ImportFormat,
  type ImportOptions,
  type ImportProblem,
  type ImportReport,
  type ObservationInput,
} from './import.schemas.ts';
import { ilostatParser } from './ilostat.parser.ts';
import { opensdgParser } from './opensdg.parser.ts';
import { tidyParser } from './tidy.parser.ts';
import { unsdgParser } from './unsdg.parser.ts';

const PARSERS: Record<ImportFormat, ParserFactory> = {
  tidy: tidyParser,
  unsdg: unsdgParser,
  ilostat: ilostatParser,
  opensdg: opensdgParser,
};

/** Rows sent to the database at once: memory stays bounded whatever the file's size. */
const BATCH = 5000;

/**
 * The dimensions that identify an observation within its indicator, as one text: a dataset
 * holds one value per key.
 */
export function dimensionsKey(observation: ObservationInput): string {
  const disaggregations = Object.entries(observation.disaggregations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    observation.geo,
    observation.year,
    observation.sex,
    observation.age,
    observation.unit,
    disaggregations,
  ]);
}

/** Thrown inside the import's transaction to undo it, with the report to give back. */
class Rollback extends Error {
  constructor(readonly report: ImportReport) {
    super('import rolled back');
  }
}

/**
 * Imports a CSV file in one transaction: every row is read and checked (the whole file, so the
 * report names every bad row), then, if nothing is wrong, each indicator in it gets a new
 * version of its dataset: new observations added, changed ones replacing the old, the rest kept.
 * A file with any problem writes nothing; a dry run does everything, reports, and writes nothing.
 */
export async function importObservations(input: {
  db: Db;
  file: Readable;
  options: ImportOptions;
  actor: Actor;
  ip?: string | null;
  /** Called as rows are read (every batch), for a progress display. */
  onProgress?: (rows: number) => void;
}): Promise<ImportReport> {
  const { options } = input;
  const report: ImportReport = {
    format: options.format,
    fileName: options.fileName,
    dryRun: options.dryRun,
    rows: 0,
    skippedEmpty: 0,
    repeated: 0,
    problems: [],
    problemCount: 0,
    unknownIndicators: [],
    indicators: [],
    written: false,
  };
  const addProblem = (problem: ImportProblem) => {
    report.problemCount += 1;
    if (report.problems.length < PROBLEM_LIMIT) report.problems.push(problem);
  };
  try {
    await input.db.transaction(async (tx) => {
      await createStagingTable(tx);
      const parser = PARSERS[options.format](options);
      const records = input.file.pipe(
        parse({ bom: true, columns: true, skip_empty_lines: true, trim: false, relax_column_count: false }),
      );
      let headerChecked = false;
      let readable = true;
      let batch: StagedRow[] = [];
      try {
        for await (const record of records as AsyncIterable<Record<string, string>>) {
          if (!headerChecked) {
            headerChecked = true;
            const headerProblems = parser.header(Object.keys(record));
            for (const problem of headerProblems) addProblem(problem);
            if (headerProblems.length > 0) {
              readable = false;
              break;
            }
          }
          report.rows += 1;
          const row = report.rows + 1;
          const parsed = parser.row(record, row);
          if (parsed.kind === 'empty') report.skippedEmpty += 1;
          else if (parsed.kind === 'problems') parsed.problems.forEach(addProblem);
          else {
            // Kept even after a bad row, so that the report also names rows in conflict.
            batch.push({ row, key: dimensionsKey(parsed.observation), observation: parsed.observation });
            if (batch.length >= BATCH) {
              await insertStagedRows(tx, batch);
              batch = [];
              input.onProgress?.(report.rows);
            }
          }
        }
      } catch (error) {
        readable = false;
        const line = (error as { lines?: number }).lines;
        addProblem({
          row: typeof line === 'number' ? line : report.rows + 2,
          column: null,
          problem: 'data.import.problem.csv',
          value: (error as Error).message,
        });
      }
      if (!headerChecked && report.problemCount === 0) {
        addProblem({ row: 1, column: null, problem: 'data.import.problem.empty' });
      }
      if (!readable || !headerChecked) throw new Rollback(report);
      await insertStagedRows(tx, batch);
      input.onProgress?.(report.rows);
      await indexStagedRows(tx);

      const conflicts = await findConflictingRows(tx, PROBLEM_LIMIT);
      for (const pair of conflicts.pairs) {
        addProblem({ row: pair.row, column: null, problem: 'data.import.problem.conflict', otherRow: pair.first });
      }
      report.problemCount += conflicts.total - conflicts.pairs.length;
      report.problems.sort((a, b) => a.row - b.row);
      if (report.problemCount > 0) throw new Rollback(report);
      report.repeated = await countRepeatedRows(tx);

      const codes = await listStagedIndicatorCodes(tx);
      const known = new Set((await lockIndicators(tx, codes)).map((indicator) => indicator.code));
      report.unknownIndicators = codes.filter((code) => !known.has(code));
      if (report.unknownIndicators.length > 0 && !options.createIndicators) {
        for (const code of report.unknownIndicators) {
          addProblem({ row: 1, column: null, problem: 'data.import.problem.unknownIndicator', value: code });
        }
        throw new Rollback(report);
      }
      await insertDraftIndicators(tx, report.unknownIndicators);
      for (const code of report.unknownIndicators) {
        await recordAudit(tx, {
          actor: input.actor,
          action: 'data.indicator_created',
          entityType: 'indicator',
          entityId: code,
          after: { code, status: 'draft' },
          ip: input.ip ?? null,
        });
      }
      for (const indicator of await lockIndicators(tx, codes)) {
        const diff = await diffStagedRows(tx, { indicatorId: indicator.id, code: indicator.code });
        let version: number | null = null;
        if (diff.added + diff.changed > 0) {
          const created = await insertVersion(tx, {
            indicatorId: indicator.id,
            kind: 'import',
            format: options.format,
            fileName: options.fileName,
            added: diff.added,
            changed: diff.changed,
            removed: 0,
            actor: input.actor,
          });
          await mergeStagedRows(tx, { indicatorId: indicator.id, code: indicator.code, versionId: created.id });
          const { observations } = await finishVersion(tx, { indicatorId: indicator.id, versionId: created.id });
          version = created.number;
          await recordAudit(tx, {
            actor: input.actor,
            action: 'data.imported',
            entityType: 'indicator',
            entityId: indicator.code,
            after: {
              version,
              format: options.format,
              file: options.fileName,
              added: diff.added,
              changed: diff.changed,
              observations,
            },
            ip: input.ip ?? null,
          });
        }
        report.indicators.push({
          code: indicator.code,
          created: report.unknownIndicators.includes(indicator.code),
          version,
          ...diff,
        });
      }
      if (options.dryRun) throw new Rollback(report);
      report.written = true;
    });
  } catch (error) {
    if (error instanceof Rollback) return { ...error.report, written: false };
    throw error;
  } finally {
    input.file.destroy();
  }
  return report;
}
