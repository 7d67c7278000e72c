import { NATURES } from '../data.table.ts';
import { missingColumns, RowReader, type ParserFactory } from './import.rows.ts';

/** The `tidy` format (`../shared/INTERFACE.md`); columns beyond its own are other disaggregations. */
const REQUIRED = ['indicator', 'geo', 'year', 'value'];
const OPTIONAL = ['sex', 'age', 'nature', 'unit', 'lower', 'upper', 'source', 'footnote'];

export const tidyParser: ParserFactory = () => {
  let extra: string[] = [];
  return {
    header(columns) {
      extra = columns.filter((name) => !REQUIRED.includes(name) && !OPTIONAL.includes(name) && name !== '');
      return missingColumns(columns, REQUIRED);
    },
    row(record, row) {
      const reader = new RowReader(row);
      const valueText = record.value ?? '';
      if (valueText.trim() === '') return { kind: 'empty' };
      const value = reader.number('value', valueText);
      const year = reader.year('year', record.year ?? '');
      const geography = reader.geography('geo', record.geo);
      const sex = reader.sex('sex', record.sex);
      const age = reader.age('age', record.age);
      const natureText = (record.nature ?? '').trim().toUpperCase();
      if (natureText !== '' && !(NATURES as readonly string[]).includes(natureText)) {
        reader.problem('nature', 'data.import.problem.nature', record.nature);
      }
      const disaggregations: Record<string, string> = {};
      for (const name of extra) {
        const label = (record[name] ?? '').trim();
        if (label !== '') disaggregations[name] = label;
      }
      return reader.finish(
        {
          indicator: (record.indicator ?? '').trim(),
          geo: geography?.geo,
          geoKind: geography?.kind,
          year,
          value,
          sex,
          age,
          nature: natureText === '' ? null : natureText,
          unit: (record.unit ?? '').trim(),
          lower: reader.optionalNumber('lower', record.lower),
          upper: reader.optionalNumber('upper', record.upper),
          source: (record.source ?? '').trim(),
          footnote: (record.footnote ?? '').trim(),
          disaggregations,
        },
        {},
      );
    },
  };
};
