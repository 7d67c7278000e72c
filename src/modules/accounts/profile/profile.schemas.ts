import { z } from 'zod';
import { LOCALES } from '../../../i18n/i18n.ts';
import { newPassword, personName, PASSWORD_MAX } from '../accounts.schemas.ts';

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
