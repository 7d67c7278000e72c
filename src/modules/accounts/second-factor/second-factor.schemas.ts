import { z } from 'zod';
import { NO_MARKUP } from '../../../http/forms.ts';
import { PASSWORD_MAX } from '../accounts.schemas.ts';

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
