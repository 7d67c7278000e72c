import type { z } from 'zod';
import { presentCommitments } from '../commitments/commitments.presenters.ts';
import type { countrySummaryApiSchema } from './directory.schemas.ts';
import type { CountrySummary } from './directory.usecases.ts';

/** A pathfinder's roadmap in short and its standards, as a country profile's API gives them. */
export function presentCountrySummary(summary: CountrySummary): z.input<typeof countrySummaryApiSchema> {
  const { roadmap } = summary;
  return {
    roadmap: roadmap && {
      version: roadmap.number,
      adopted_on: roadmap.adoptedOn,
      language: roadmap.locale,
      status_from_report_year: roadmap.statusYear,
      priorities: roadmap.priorities,
    },
    commitments_and_standards: presentCommitments(summary.commitments),
  };
}
