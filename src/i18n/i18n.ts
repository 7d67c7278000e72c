import { IntlMessageFormat } from 'intl-messageformat';
import Negotiator from 'negotiator';
import { LOCALES, type Locale } from '../config/config.ts';
import { en, type MessageKey } from './messages/en.ts';
import { es } from './messages/es.ts';
import { fr } from './messages/fr.ts';

export { LOCALES, type Locale, type MessageKey };

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en, es };

/** Each language's name in that language, for the language switcher. */
export const LANGUAGE_NAMES: Record<Locale, string> = { fr: 'Français', en: 'English', es: 'Español' };

/** Each language's name in every other language, for "shown in …" notices. */
const languageNames = (displayIn: Locale) => new Intl.DisplayNames([displayIn], { type: 'language' });

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function negotiateLocale(input: { acceptLanguage: string | undefined; fallback: Locale }): Locale {
  const negotiator = new Negotiator({ headers: { 'accept-language': input.acceptLanguage ?? '' } });
  const found = negotiator.language([...LOCALES]);
  return isLocale(found) ? found : input.fallback;
}

type MessageValues = Record<string, string | number | Date>;

export interface Translator {
  locale: Locale;
  t(key: MessageKey, values?: MessageValues): string;
  formatNumber(value: number): string;
  formatDate(value: Date, style?: 'long' | 'medium'): string;
  languageName(locale: Locale): string;
}

const compiled = new Map<string, IntlMessageFormat>();

function format(locale: Locale, key: MessageKey, values?: MessageValues): string {
  const cacheKey = `${locale}\u0000${key}`;
  let message = compiled.get(cacheKey);
  if (!message) {
    message = new IntlMessageFormat(dictionaries[locale][key], locale, {
      date: { long: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } },
    });
    compiled.set(cacheKey, message);
  }
  const result = message.format(values);
  return Array.isArray(result) ? result.join('') : String(result);
}

const translators = new Map<Locale, Translator>();

export function translator(locale: Locale): Translator {
  const existing = translators.get(locale);
  if (existing) return existing;
  const numbers = new Intl.NumberFormat(locale);
  const dates = {
    long: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
    medium: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  };
  const names = languageNames(locale);
  const created: Translator = {
    locale,
    t: (key, values) => format(locale, key, values),
    formatNumber: (value) => numbers.format(value),
    formatDate: (value, style = 'long') => dates[style].format(value),
    languageName: (other) => names.of(other) ?? other,
  };
  translators.set(locale, created);
  return created;
}
