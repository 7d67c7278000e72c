import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { NO_MARKUP } from '../../http/forms.ts';
import { LOCALES } from '../../i18n/i18n.ts';
import { ROLES } from './accounts.roles.ts';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

const email = z.string().trim().min(1).max(254).pipe(z.email());
const personName = z.string().trim().max(120).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

export const signInSchema = z.object({
  email,
  password: z.string().min(1).max(PASSWORD_MAX),
  next: z.string().max(500).optional(),
});

export const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .regex(/^\d{3}\s?\d{3}$/, { error: 'accounts.error.codeFormat' }),
});

export const recoveryCodeSchema = z.object({
  recovery_code: z.string().trim().min(1).max(40),
});

export const renewRecoveryCodesSchema = z.object({
  current_password: z.string().min(1).max(PASSWORD_MAX),
});

/** The Secretariat's reset of another person's second factor: a reason, and their own code. */
export const secondFactorResetSchema = z.object({
  reason: z.string().trim().min(5).max(500).regex(NO_MARKUP, { error: 'form.error.noMarkup' }),
  code: z
    .string()
    .trim()
    .min(1)
    .regex(/^\d{3}\s?\d{3}$/, { error: 'accounts.error.codeFormat' }),
  confirm_reset: z.literal('yes', { error: 'accounts.error.confirmReset' }),
});

export const forgotSchema = z.object({ email });

const newPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const setPasswordSchema = z
  .object({
    token: z.string().min(20).max(100),
    name: personName.optional(),
    password: newPassword,
    password_confirm: z.string().max(PASSWORD_MAX),
  })
  .refine((form) => form.password === form.password_confirm, {
    path: ['password_confirm'],
    error: 'accounts.error.passwordMismatch',
  });

export const profileSchema = z.object({
  name: personName.min(1),
  locale: z.enum(LOCALES),
});

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1).max(PASSWORD_MAX),
    password: newPassword,
    password_confirm: z.string().max(PASSWORD_MAX),
  })
  .refine((form) => form.password === form.password_confirm, {
    path: ['password_confirm'],
    error: 'accounts.error.passwordMismatch',
  });

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

/**
 * The back office's language switcher: a language, and the back-office page to come back to
 * (any other address, such as another site's, gives way to the back office's home).
 */
export const languageChoiceSchema = z.object({
  locale: z.enum(LOCALES),
  back: z
    .string()
    .max(2000)
    .regex(/^\/admin(?:[/?][^\s\\]*)?$/)
    .catch('/admin'),
});

export type GrantInput = z.output<typeof grantSchema>;
export type InviteInput = z.output<typeof inviteSchema>;
