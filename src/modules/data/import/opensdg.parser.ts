import path from 'node:path';
import type { ImportProblem } from './import.schemas.ts';
import { isAgeColumn, isSexColumn, readGeography } from './import.dimensions.ts';
import { missingColumns, RowReader, type ParserFactory } from './import.rows.ts';

/**
 * A CSV as national statistics offices publish it on Open SDG platforms: `Year`, `Value`, any
 * number of disaggregation columns (an empty cell is the total), with optional `Units` (or
 * `Unit measure`), `Unit multiplier`, `Series`, `GeoCode` and `Observation status`. The code
 * comes from the file name (`indicator_8-7-1.csv` → `8.7.1`) unless one is given; the country is
 * given (`--geo`). Sex and age columns are recognised by name and their labels read in several
 * languages; every other column, a sub-national `GeoCode` included, is kept as a disaggregation.
 */

const UNIT_COLUMNS = ['units', 'unit measure', 'unit_measure'];
const STATUS_COLUMNS = ['observation status', 'observation_status', 'obs_status'];

/** `indicator_8-7-1.csv` → `8.7.1`; `indicator_16-2-2-a.csv` → `16.2.2.a`. */
export function codeFromFileName(fileName: string): string | null {
  const match = /^indicator_(\d+(?:-[0-9a-z]+)+)\.csv$/i.exec(path.basename(fileName));
  return match ? match[1]!.replace(/-/g, '.') : null;
}

/** Units as the other formats write them: `%` is `percent`. */
function unitOf(label: string): string {
  const trimmed = label.trim();
  return trimmed === '%' ? 'percent' : trimmed;
}

export const opensdgParser: ParserFactory = (options) => {
  const code = options.indicator ?? codeFromFileName(options.fileName);
  const geography = options.geo ? readGeography(options.geo) : null;
  const source = options.source ?? path.basename(options.fileName);
  let yearColumn = 'Year';
  let valueColumn = 'Value';
  let unitColumn: string | null = null;
  let statusColumn: string | null = null;
  let sexColumn: string | null = null;
  let ageColumn: string | null = null;
  let others: string[] = [];
  return {
    header(columns) {
      const find = (names: readonly string[]) => columns.find((name) => names.includes(name.trim().toLowerCase()));
      yearColumn = find(['year']) ?? 'Year';
      valueColumn = find(['value']) ?? 'Value';
      unitColumn = find(UNIT_COLUMNS) ?? null;
      statusColumn = find(STATUS_COLUMNS) ?? null;
      sexColumn = columns.find(isSexColumn) ?? null;
      ageColumn = columns.find(isAgeColumn) ?? null;
      const own = new Set([yearColumn, valueColumn, unitColumn, statusColumn, sexColumn, ageColumn]);
      others = columns.filter((name) => !own.has(name) && name.trim() !== '');
      const problems: ImportProblem[] = missingColumns(columns, [yearColumn, valueColumn]);
      if (!code) problems.push({ row: 1, column: null, problem: 'data.import.problem.noCode' });
      if (!geography || geography.kind !== 'country') {
        problems.push({ row: 1, column: null, problem: 'data.import.problem.noGeo', value: options.geo });
      }
      return problems;
    },
    row(record, row) {
      const reader = new RowReader(row);
      const valueText = record[valueColumn] ?? '';
      if (valueText.trim() === '') return { kind: 'empty' };
      const value = reader.number(valueColumn, valueText);
      const year = reader.year(yearColumn, record[yearColumn] ?? '');
      const sex = reader.sex(sexColumn, sexColumn ? record[sexColumn] : '');
      const age = reader.age(ageColumn, ageColumn ? record[ageColumn] : '');
      const disaggregations: Record<string, string> = {};
      for (const name of others) {
        const label = (record[name] ?? '').trim();
        if (label !== '') disaggregations[name.trim()] = label;
      }
      return reader.finish(
        {
          indicator: code ?? '',
          geo: geography?.geo,
          geoKind: geography?.kind,
          year,
          value,
          sex,
          age,
          nature: null,
          unit: unitColumn ? unitOf(record[unitColumn] ?? '') : '',
          lower: null,
          upper: null,
          source,
          footnote: statusColumn ? (record[statusColumn] ?? '').trim() : '',
          disaggregations,
        },
        { unit: unitColumn ?? 'Units' },
      );
    },
  };
};
