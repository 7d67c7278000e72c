import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { LOCALES } from '../../../i18n/i18n.ts';
import { ROLES } from '../accounts.roles.ts';
import { email, personName } from '../accounts.schemas.ts';

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** A role and what it is bound to, as the Secretariat enters it. */
export const grantSchema = z
  .object({
    role: z.enum(ROLES),
    country: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .toUpperCase()
        .refine((code) => countries.isValid(code) && code.length === 3, { error: 'accounts.error.country' })
        .optional(),
    ),
    organization: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(120)
        .regex(/^[a-z0-9-]+$/, { error: 'accounts.error.organization' })
        .optional(),
    ),
    action_group: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .trim()
        .max(80)
        .regex(/^[a-z0-9-]+$/, { error: 'accounts.error.actionGroup' })
        .optional(),
    ),
  })
  .superRefine((grant, context) => {
    const needs = {
      focal_point: 'country',
      partner_rep: 'organization',
      ag_chair: 'action_group',
      ag_member: 'action_group',
    } as const;
    const field = needs[grant.role as keyof typeof needs];
    if (field && !grant[field]) {
      context.addIssue({ code: 'custom', path: [field], message: 'accounts.error.bindingRequired' });
    }
  });

export const inviteSchema = z
  .object({
    email,
    name: personName.min(1),
    locale: z.enum(LOCALES),
  })
  .and(grantSchema);

/**
 * An account made with the command line: the name may be left out, for the person to give it
 * with their password on the set-password page.
 */
export const commandLineAccountSchema = z
  .object({
    email,
    name: personName.default(''),
    locale: z.enum(LOCALES),
  })
  .and(grantSchema);

export const userStatusSchema = z.object({
  status: z.enum(['active', 'deactivated']),
  confirm: z.literal('yes').optional(),
});

export type GrantInput = z.output<typeof grantSchema>;

export type InviteInput = z.output<typeof inviteSchema>;

/** The filters of the accounts list. */
export const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(['invited', 'active', 'deactivated']).optional().catch(undefined),
});
