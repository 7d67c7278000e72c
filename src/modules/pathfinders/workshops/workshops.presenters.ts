import type { z } from 'zod';
import type { workshopApiSchema } from './workshops.schemas.ts';
import type { Workshop } from './workshops.usecases.ts';

/** A workshop as the API gives it. */
export function presentWorkshop(workshop: Workshop): z.input<typeof workshopApiSchema> {
  return {
    held_on: workshop.heldOn,
    place: workshop.place,
    participants: workshop.participants,
    organizers: workshop.organizers.map((organizer) => ({ slug: organizer.slug, name: organizer.name })),
    outcomes: workshop.outcomes,
    documents: workshop.documents.map((document) => ({
      name: document.fileName,
      bytes: document.bytes,
      url: `/media/workshop-documents/${document.id}`,
    })),
  };
}
