import { z } from 'zod';
import { REGIONS } from '../../../i18n/regions.ts';
import { commitmentsApiSchema } from '../commitments/commitments.schemas.ts';
import { DATE_PRECISIONS, PATHFINDER_STAGES, type PathfinderStage } from '../pathfinders.table.ts';
import { workshopApiSchema } from '../workshops/workshops.schemas.ts';
import { ROADMAP_ACTION_STATUSES } from '../roadmaps/roadmaps.table.ts';

/**
 * The stages shown publicly: a request the GCG declined is the country's own business, so a
 * declined country is not listed (its page answers "not found").
 */
export const PUBLIC_STAGES = PATHFINDER_STAGES.filter(
  (stage): stage is Exclude<PathfinderStage, 'declined'> => stage !== 'declined',
);

/** The list's filters; an unknown value shows the whole list rather than an error. */
export const directoryQuerySchema = z.object({
  region: z.enum(REGIONS).optional().catch(undefined),
  stage: z
    .enum(PUBLIC_STAGES as [string, ...string[]])
    .optional()
    .catch(undefined),
});
export type DirectoryQuery = { region?: (typeof REGIONS)[number] | undefined; stage?: PathfinderStage | undefined };

const stepSchema = z.object({
  stage: z.enum(PATHFINDER_STAGES),
  date: z.string().nullable().describe('The day of the step (YYYY-MM-DD), or null when the source gives none'),
  date_precision: z.enum(DATE_PRECISIONS).describe('day, or only the month or the year of `date` is known'),
  note: z.string(),
  decision_reference: z.string().nullable().describe('For a grant of status: the GCG decision it rests on'),
  decision_date: z.string().nullable(),
  source: z.string().nullable().describe('The public source of the step, when it was recorded from one'),
});

export const pathfinderSummarySchema = z.object({
  iso3: z.string().describe('ISO 3166-1 alpha-3'),
  name: z.string().describe('The country name in the requested language'),
  region: z.string().nullable().describe('UN M49 region code'),
  stage: z.enum(PATHFINDER_STAGES),
  stage_since: z.string().nullable().describe('The day of the current stage (YYYY-MM-DD), when known'),
  stage_since_precision: z.enum(DATE_PRECISIONS).nullable(),
  status_granted_on: z.string().nullable(),
  is_pathfinder: z.boolean().describe('Status granted (counted as a pathfinder country)'),
});

export const pathfinderListSchema = z.object({
  items: z.array(pathfinderSummarySchema),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

const roadmapActionSchema = z.object({
  key: z.string().describe('The action’s reference (A1, A2…), the same in every version'),
  priority: z.string().describe('The key of its priority'),
  title: z.string(),
  responsible_body: z.string(),
  start_date: z.string(),
  end_date: z.string(),
  budget_amount: z.string().nullable().describe('Decimal, in `budget_currency`'),
  budget_currency: z.string().nullable().describe('ISO 4217'),
  status: z.enum(ROADMAP_ACTION_STATUSES).describe('From the latest acknowledged report, else the roadmap’s'),
  indicator_codes: z.array(z.string()),
});

const roadmapSchema = z
  .object({
    version: z.number().int(),
    demonstration: z
      .boolean()
      .describe('An illustrative roadmap of the demonstration content, not the country’s roadmap'),
    adopted_on: z.string().nullable(),
    language: z.string().describe('The language the roadmap is written in'),
    status_from_report_year: z.number().int().nullable().describe('The year of the report the statuses come from'),
    priorities: z.array(
      z.object({ key: z.string(), title: z.string(), description: z.string(), actions: z.array(roadmapActionSchema) }),
    ),
  })
  .nullable()
  .describe('The adopted roadmap (null while none is adopted)');

const reportSchema = z.object({
  year: z.number().int(),
  demonstration: z.boolean().describe('An illustrative report of the demonstration content, not the country’s report'),
  roadmap_version: z.number().int(),
  submitted_on: z.string().nullable(),
  acknowledged_on: z.string().nullable(),
  language: z.string(),
  overall_narrative: z.string(),
  actions: z.array(z.object({ key: z.string(), status: z.enum(ROADMAP_ACTION_STATUSES), narrative: z.string() })),
});

export const pathfinderDetailSchema = pathfinderSummarySchema.extend({
  timeline: z.array(stepSchema).describe('Every step, oldest first'),
  workshops: z.array(workshopApiSchema).describe('Strategic planning workshops, the latest first'),
  commitments_and_standards: commitmentsApiSchema,
  roadmap: roadmapSchema,
  reports: z
    .array(reportSchema)
    .describe('The yearly progress reports acknowledged by the Secretariat, the latest first'),
});

export const pathfinderApiQuerySchema = z.object({
  region: z.enum(REGIONS).optional().describe('UN M49 region code'),
  stage: z.enum(PUBLIC_STAGES as [string, ...string[]]).optional(),
  locale: z.enum(['fr', 'en', 'es']).default('en').describe('Language of `name`'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
  format: z.enum(['json', 'csv']).default('json').describe('csv: every matching country as a CSV table'),
});

/** What a country profile's API gives of a pathfinder: the adopted roadmap in short, the standards. */
export const countrySummaryApiSchema = z.object({
  roadmap: z
    .object({
      version: z.number().int(),
      adopted_on: z.string().nullable().describe('YYYY-MM-DD'),
      language: z.string().describe('The language the roadmap is written in'),
      status_from_report_year: z
        .number()
        .int()
        .nullable()
        .describe('The year of the acknowledged report the statuses come from (null: the roadmap’s own)'),
      priorities: z.array(
        z.object({
          key: z.string(),
          title: z.string(),
          actions: z.array(z.object({ key: z.string(), title: z.string(), status: z.enum(ROADMAP_ACTION_STATUSES) })),
        }),
      ),
    })
    .nullable()
    .describe('The adopted roadmap in short (null: none adopted); the pathfinder API gives the whole of it'),
  commitments_and_standards: commitmentsApiSchema,
});
