import { z } from 'zod';

/** The day the next yearly report is due, as the Secretariat sets it. */
export const reportDueSchema = z.object({ due_on: z.iso.date({ error: 'pathfinders.move.badDate' }) });
