import { isLocale, type Locale } from '../../i18n/i18n.ts';
import type { Actor } from '../audit/index.ts';

/** How a person appears in the audit log when they act themselves. */
export function actorOf(user: { id: number; email: string }): Actor {
  return { id: user.id, label: user.email };
}

/** The language of a person's e-mails and pages (French when their account holds none we know). */
export function localeOfUser(user: { locale: string }): Locale {
  return isLocale(user.locale) ? user.locale : 'fr';
}
