import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { COMMITMENTS, INSTRUMENT_KINDS, RATIFICATION_STATUSES, STANDARDS } from './commitments.table.ts';

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const year = z.coerce
  .number({ error: 'pathfinders.commitments.badYear' })
  .int('pathfinders.commitments.badYear')
  .min(1900, 'pathfinders.commitments.badYear')
  .max(2100, 'pathfinders.commitments.badYear');
const source = z.string().trim().min(3).max(500).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

/** A national action plan, law or policy. */
export const instrumentSchema = z.object({
  instrument_kind: z.enum(INSTRUMENT_KINDS),
  instrument_title: z.string().trim().min(3).max(300).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
  instrument_year: year,
  instrument_url: z.preprocess(
    emptyAsUndefined,
    z
      .url({ protocol: /^https?$/, error: 'pathfinders.commitments.badUrl' })
      .max(500)
      .optional(),
  ),
});
export type InstrumentInput = z.output<typeof instrumentSchema>;

/** What a country committed to under one of the Alliance's calls, and the source that says so. */
export const commitmentSchema = z.object({
  commitment: z.enum(COMMITMENTS),
  commitment_year: z.preprocess(emptyAsUndefined, year.optional()),
  commitment_note: z.string().trim().max(2000).default(''),
  commitment_source: source,
});
export type CommitmentInput = z.output<typeof commitmentSchema>;

/** A country's status with one standard, as its source gives it. */
export const ratificationSchema = z.object({
  standard: z.enum(STANDARDS),
  status: z.enum(RATIFICATION_STATUSES),
  ratified_on: z.preprocess(emptyAsUndefined, z.iso.date({ error: 'pathfinders.move.badDate' }).optional()),
  ratification_source: source,
});
export type RatificationInput = z.output<typeof ratificationSchema>;

/** What a file holds: statuses with standards, laws, plans and policies, or commitments. */
export const IMPORT_DATASETS = ['ratifications', 'instruments', 'commitments'] as const;
export type ImportDataset = (typeof IMPORT_DATASETS)[number];

/** The import form's own fields: what the file holds (statuses when not said) and the source of the whole file. */
export const importFormSchema = z.object({
  dataset: z.preprocess(emptyAsUndefined, z.enum(IMPORT_DATASETS).default('ratifications')),
  source: z.preprocess(emptyAsUndefined, source.optional()),
});

/** The columns of each kind of file (decisions 021 and 025), the required ones first. */
export const IMPORT_LAYOUTS = {
  ratifications: {
    columns: ['country', 'standard', 'status', 'date', 'source'],
    required: ['country', 'standard', 'status'],
  },
  instruments: { columns: ['country', 'type', 'title', 'year', 'url'], required: ['country', 'type', 'title', 'year'] },
  commitments: { columns: ['country', 'commitment', 'year', 'note', 'source'], required: ['country', 'commitment'] },
} as const satisfies Record<ImportDataset, { columns: readonly string[]; required: readonly string[] }>;
export type ImportColumn = (typeof IMPORT_LAYOUTS)[ImportDataset]['columns'][number];
/** More rows than this is not a list of the pathfinder countries' records. */
export const IMPORT_MAX_ROWS = 5000;

/** A commitment corrected from its own page: the call stays, the rest may change. */
export const commitmentEditSchema = commitmentSchema.omit({ commitment: true });
/** A status corrected from its own page: the standard stays, the rest may change. */
export const ratificationEditSchema = ratificationSchema.omit({ standard: true });

/** A country's commitments and standards in `/api/v1/pathfinders/{ISO3}` (only what has a source). */
export const commitmentsApiSchema = z.object({
  instruments: z.array(
    z.object({ kind: z.enum(INSTRUMENT_KINDS), title: z.string(), year: z.number().int(), url: z.string().nullable() }),
  ),
  commitments: z.array(
    z.object({
      commitment: z.enum(COMMITMENTS),
      year: z.number().int().nullable(),
      note: z.string(),
      source: z.string(),
    }),
  ),
  ratifications: z
    .array(
      z.object({
        standard: z.enum(STANDARDS),
        status: z.enum(RATIFICATION_STATUSES),
        date: z.string().nullable().describe('YYYY-MM-DD, or null when the source gives none'),
        source: z.string(),
      }),
    )
    .describe('Only the standards with a sourced status; a standard not listed has none recorded'),
});
