import { z } from 'zod';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { GEO_KINDS, NATURES, SEXES } from '../data.table.ts';

export const IMPORT_FORMATS = ['tidy', 'unsdg', 'ilostat', 'opensdg'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** An indicator code as in addresses: `8.7.1`, `SL_TLF_CHLDEC`, `16.2.2.a`. */
export const INDICATOR_CODE = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/);

const number = z.number();

/** One observation as every parser hands it over, checked the same way whatever the format. */
export const observationInputSchema = z
  .object({
    indicator: INDICATOR_CODE,
    geo: z.string().min(3).max(3),
    geoKind: z.enum(GEO_KINDS),
    year: z.number().int().min(1900).max(2100),
    value: number,
    sex: z.enum(SEXES),
    age: z.string().regex(/^(all|unknown|\d{1,3}-\d{1,3}|\d{1,3}\+|<\d{1,3})$/),
    nature: z.enum(NATURES).nullable(),
    unit: z.string().max(100),
    lower: number.nullable(),
    upper: number.nullable(),
    source: z.string().max(1000),
    footnote: z.string().max(4000),
    disaggregations: z.record(z.string().min(1).max(100), z.string().min(1).max(200)),
  })
  .refine((row) => row.lower === null || row.lower <= row.value, { path: ['lower'] })
  .refine((row) => row.upper === null || row.upper >= row.value, { path: ['upper'] });
export type ObservationInput = z.output<typeof observationInputSchema>;

/** A problem with a file: the row (the header is row 1), the column, what is wrong, the value. */
export interface ImportProblem {
  row: number;
  column: string | null;
  problem: MessageKey;
  value?: string;
  /** The other row, for two rows with the same dimensions and different values. */
  otherRow?: number;
}

/** What a parser makes of one row: an observation, a skipped empty value, or problems. */
export type ParsedRow =
  | { kind: 'observation'; observation: ObservationInput }
  | { kind: 'empty' }
  | { kind: 'problems'; problems: ImportProblem[] };

/** What the import was asked to do besides the file and its format. */
export interface ImportOptions {
  format: ImportFormat;
  /** The file's name (the code of an Open SDG file comes from it). */
  fileName: string;
  dryRun: boolean;
  createIndicators: boolean;
  /** For `opensdg`: the indicator code, instead of the file name's. */
  indicator?: string;
  /** For `opensdg`: the country, as ISO3. */
  geo?: string;
  /** For `opensdg`: the source written on each observation (the file name otherwise). */
  source?: string;
}

/** What an import did (or, in a dry run, would do), indicator by indicator. */
export interface ImportReport {
  format: ImportFormat;
  fileName: string;
  dryRun: boolean;
  /** Data rows read (the header not counted). */
  rows: number;
  /** Rows whose value was empty: skipped. */
  skippedEmpty: number;
  /** Rows identical to an earlier row of the file: counted once. */
  repeated: number;
  /** Every problem found, up to `PROBLEM_LIMIT`; `problemCount` counts them all. */
  problems: ImportProblem[];
  problemCount: number;
  /** Codes not in the catalogue (created as drafts with `createIndicators`). */
  unknownIndicators: string[];
  indicators: {
    code: string;
    created: boolean;
    /** The new version's number; null when nothing changed. */
    version: number | null;
    added: number;
    changed: number;
    unchanged: number;
  }[];
  /** Whether anything was written: false for a rejected file and for a dry run. */
  written: boolean;
}

/** The report lists at most this many problems (their total is counted). */
export const PROBLEM_LIMIT = 1000;

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === 'on');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => value || undefined);

/** The back office's import form (the file itself comes beside it). */
export const importFormSchema = z.object({
  format: z.enum(IMPORT_FORMATS),
  dry_run: checkbox,
  create_indicators: checkbox,
  indicator: optionalText(40).pipe(INDICATOR_CODE.optional()),
  geo: optionalText(3).pipe(
    z
      .string()
      .regex(/^[A-Za-z]{3}$/)
      .optional(),
  ),
  source: optionalText(1000),
});
