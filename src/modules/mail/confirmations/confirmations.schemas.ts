import { z } from 'zod';

/** A confirmation link, `?token=…` or the form's hidden field (anything else: an unknown link). */
export const confirmationTokenSchema = z.object({ token: z.string().catch('').default('') });

/** The form that asks for a new link. */
export const resendSchema = z.object({ email: z.string().trim().min(1).max(254).pipe(z.email()) });

/** The page after a submission or a resend (`?resent=1` after a resend). */
export const sentPageQuerySchema = z.object({ resent: z.literal('1').optional().catch(undefined) });
