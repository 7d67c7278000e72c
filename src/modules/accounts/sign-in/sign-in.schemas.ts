import { z } from 'zod';
import { email, newPassword, PASSWORD_MAX, personName } from '../accounts.schemas.ts';

export const signInSchema = z.object({
  email,
  password: z.string().min(1).max(PASSWORD_MAX),
  next: z.string().max(500).optional(),
});

export const forgotSchema = z.object({ email });

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
