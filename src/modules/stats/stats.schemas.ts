import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../partners/index.ts';

export const countersSchema = z.object({
  partners: z.object({
    total: z.number().int().describe('Active partner organizations'),
    by_kind: z.record(z.enum(ORGANIZATION_KINDS), z.number().int()),
    demonstration: z.number().int().describe('Of which demonstration records (not real partners)'),
    by_year: z
      .array(
        z.object({
          year: z.number().int(),
          date: z.string().describe('The day counted: 31 December, or today for the current year'),
          total: z.number().int(),
        }),
      )
      .describe('Active partners at the end of each year, from the status history'),
  }),
  pathfinder_countries: z.number().int().describe('Countries granted pathfinder status'),
  computed_at: z.string().describe('When the counters were computed (ISO 8601)'),
});
export type Counters = z.infer<typeof countersSchema>;
