import type { z } from 'zod';
import type { commitmentsApiSchema } from './commitments.schemas.ts';
import type { CountryCommitments } from './commitments.usecases.ts';

/** A country's commitments and standards as the API gives them. */
export function presentCommitments(data: CountryCommitments): z.input<typeof commitmentsApiSchema> {
  return {
    instruments: data.instruments.map((row) => ({ kind: row.kind, title: row.title, year: row.year, url: row.url })),
    commitments: data.commitments.map((row) => ({
      commitment: row.commitment,
      year: row.year,
      note: row.note,
      source: row.source,
    })),
    ratifications: data.ratifications.map((row) => ({
      standard: row.standard,
      status: row.status,
      date: row.onDate,
      source: row.source,
    })),
  };
}
