import type { z } from 'zod';
import type { AppError, ModuleErrorCode } from './errors.ts';
import type { MessageKey } from '../i18n/i18n.ts';
import { en } from '../i18n/messages/en.ts';

/** A message for one field: a translation key and its values. */
export interface FieldError {
  key: MessageKey;
  values?: Record<string, string | number>;
}

export type FieldErrors = Record<string, FieldError>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; values: Record<string, string>; errors: FieldErrors };

/** Text fields that must not contain markup: names, titles. */
export const NO_MARKUP = /^[^<>]*$/;

/** Schemas name their own messages by translation key (`{ message: 'form.error.noMarkup' }`). */
function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

function messageFor(issue: z.core.$ZodIssue, raw: unknown): FieldError {
  if (isMessageKey(issue.message)) return { key: issue.message };
  // Whatever the rule, an empty field is first of all a missing one.
  if ((raw === undefined || (typeof raw === 'string' && raw.trim() === '')) && issue.code !== 'custom') {
    return { key: 'form.error.required' };
  }
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1 && issue.origin === 'string'
        ? { key: 'form.error.required' }
        : { key: 'form.error.tooShort', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return { key: 'form.error.tooLong', values: { max: Number(issue.maximum) } };
    case 'invalid_format':
      return issue.format === 'email' ? { key: 'form.error.email' } : { key: 'form.error.invalid' };
    case 'invalid_value':
      return { key: 'form.error.choose' };
    case 'invalid_type':
      return raw === undefined || raw === '' ? { key: 'form.error.required' } : { key: 'form.error.invalid' };
    default:
      return { key: 'form.error.invalid' };
  }
}

/** A module's error shown next to its field (or above the form when it names none). */
export function fieldErrorsOf(error: AppError & { code: ModuleErrorCode }): FieldErrors {
  return { [error.field ?? '_form']: { key: error.code, values: error.values } };
}

/**
 * Parses a submitted form. On failure it returns what the person typed (so the form can show
 * it again) and one message per field, as translation keys.
 */
export function parseForm<Schema extends z.ZodType>(schema: Schema, body: unknown): FormResult<z.output<Schema>> {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const parsed = schema.safeParse(fields);
  if (parsed.success) return { ok: true, data: parsed.data };
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && name !== '_csrf' && !/password/i.test(name)) values[name] = value;
  }
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= messageFor(issue, fields[field]);
  }
  return { ok: false, values, errors };
}
