import type { MessageKey } from '../../../i18n/i18n.ts';
import type { Sex } from '../data.table.ts';
import { readAge, readGeography, readSex, type Geography } from './import.dimensions.ts';
import {
  observationInputSchema,
  type ImportOptions,
  type ImportProblem,
  type ObservationInput,
  type ParsedRow,
} from './import.schemas.ts';

/** One format's reading of a file: its header first, then each row. */
export interface FormatParser {
  /** Problems with the header (missing columns, options the format needs), as row 1. */
  header(columns: readonly string[]): ImportProblem[];
  row(record: Readonly<Record<string, string>>, row: number): ParsedRow;
}

export type ParserFactory = (options: ImportOptions) => FormatParser;

/**
 * Collects a row's problems while its fields are read; `finish` checks the whole observation
 * with the one schema every format shares.
 */
export class RowReader {
  readonly problems: ImportProblem[] = [];

  constructor(readonly row: number) {}

  problem(column: string | null, problem: MessageKey, value?: string): null {
    this.problems.push({ row: this.row, column, problem, ...(value === undefined ? {} : { value }) });
    return null;
  }

  /** A number written with a decimal point (`8.7`, `-1`, `2e3`); null (with a problem) otherwise. */
  number(column: string, text: string): number | null {
    const trimmed = text.trim();
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) {
      return this.problem(column, 'data.import.problem.notNumber', text);
    }
    return Number(trimmed);
  }

  /** An optional number: empty is null. */
  optionalNumber(column: string, text: string | undefined): number | null {
    return text === undefined || text.trim() === '' ? null : this.number(column, text);
  }

  year(column: string, text: string): number | null {
    const trimmed = text.trim();
    if (!/^\d{4}$/.test(trimmed)) return this.problem(column, 'data.import.problem.year', text);
    return Number(trimmed);
  }

  /** A geography (ISO3 or M49); null (with a problem) when it is neither. */
  geography(column: string, text: string | undefined): Geography | null {
    return readGeography(text ?? '') ?? this.problem(column, 'data.import.problem.geo', text);
  }

  sex(column: string | null, label: string | undefined): Sex | null {
    return readSex(label ?? '') ?? this.problem(column, 'data.import.problem.sex', label);
  }

  age(column: string | null, label: string | undefined): string | null {
    return readAge(label ?? '') ?? this.problem(column, 'data.import.problem.age', label);
  }

  /**
   * The observation, checked by the shared schema (`columns` names the file's column of each
   * field, for the report); problems found earlier make it a rejected row.
   */
  finish(candidate: Record<string, unknown>, columns: Partial<Record<keyof ObservationInput, string>>): ParsedRow {
    if (this.problems.length > 0) return { kind: 'problems', problems: this.problems };
    const parsed = observationInputSchema.safeParse(candidate);
    if (parsed.success) return { kind: 'observation', observation: parsed.data };
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '') as keyof ObservationInput;
      const raw = candidate[field];
      this.problem(
        columns[field] ?? field,
        FIELD_PROBLEMS[field] ?? 'data.import.problem.invalid',
        raw === null || raw === undefined
          ? undefined
          : typeof raw === 'string' || typeof raw === 'number'
            ? String(raw)
            : JSON.stringify(raw),
      );
    }
    return { kind: 'problems', problems: this.problems };
  }
}

const FIELD_PROBLEMS: Partial<Record<keyof ObservationInput, MessageKey>> = {
  indicator: 'data.import.problem.indicator',
  year: 'data.import.problem.year',
  lower: 'data.import.problem.lower',
  upper: 'data.import.problem.upper',
  nature: 'data.import.problem.nature',
};

/**
 * A format of Gapminder's DDF files (UN SDG, ILOSTAT): key columns, then one column of values
 * named after the series, which gives the indicator code (`sl_tlf_chldec` → `SL_TLF_CHLDEC`).
 * `read` turns the key columns of a row with a value into the observation's other fields.
 */
export function ddfParser(input: {
  keys: readonly string[];
  read(input: { reader: RowReader; record: Readonly<Record<string, string>>; series: string }): Record<string, unknown>;
}): ParserFactory {
  return () => {
    let series = '';
    return {
      header(columns) {
        const problems = missingColumns(columns, input.keys);
        const values = columns.filter((name) => !input.keys.includes(name));
        if (values.length !== 1) problems.push({ row: 1, column: null, problem: 'data.import.problem.seriesColumn' });
        series = values.length === 1 ? values[0]! : '';
        return problems;
      },
      row(record, row) {
        const reader = new RowReader(row);
        const valueText = record[series] ?? '';
        if (valueText.trim() === '') return { kind: 'empty' };
        const value = reader.number(series, valueText);
        const fields = input.read({ reader, record, series });
        return reader.finish(
          {
            indicator: series.toUpperCase(),
            value,
            lower: null,
            upper: null,
            footnote: '',
            disaggregations: {},
            ...fields,
          },
          { indicator: series, value: series },
        );
      },
    };
  };
}

/** Problems with columns a format needs and the header lacks. */
export function missingColumns(columns: readonly string[], required: readonly string[]): ImportProblem[] {
  return required
    .filter((name) => !columns.includes(name))
    .map((name) => ({ row: 1, column: name, problem: 'data.import.problem.missingColumn' as const }));
}
