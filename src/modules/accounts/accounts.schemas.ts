import { z } from 'zod';
import { NO_MARKUP } from '../../http/forms.ts';

/** Fields several forms of the accounts share. */
export const PASSWORD_MIN = 12;

export const PASSWORD_MAX = 200;

export const email = z.string().trim().min(1).max(254).pipe(z.email());

export const personName = z.string().trim().max(120).regex(NO_MARKUP, { error: 'form.error.noMarkup' });

export const newPassword = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);
