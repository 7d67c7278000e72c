import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { dictionaries, LOCALES, negotiateLocale, translator } from './i18n.ts';
import { en } from './messages/en.ts';

const referenceKeys = Object.keys(en).sort();

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'messages' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('message dictionaries', () => {
  it.each(LOCALES)('%s has exactly the keys of the reference dictionary', (locale) => {
    const keys = Object.keys(dictionaries[locale]).sort();
    const missing = referenceKeys.filter((key) => !keys.includes(key));
    const extra = keys.filter((key) => !referenceKeys.includes(key));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it.each(LOCALES)('%s has no empty message and every message parses as ICU', (locale) => {
    for (const [key, message] of Object.entries(dictionaries[locale])) {
      expect(message.trim(), key).not.toBe('');
      expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
    }
  });

  it('uses every key somewhere in the code', () => {
    const source = sourceFiles(path.resolve(import.meta.dirname, '..'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    const unused = referenceKeys.filter((key) => !source.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('keeps the same placeholders in every language', () => {
    const placeholders = (message: string) => {
      const names = new Set<string>();
      const visit = (nodes: unknown[]) => {
        for (const node of nodes as { value?: unknown; options?: Record<string, { value: unknown[] }> }[]) {
          if (node.options) for (const option of Object.values(node.options)) visit(option.value);
          if (typeof node.value === 'string' && 'type' in node && (node as { type: number }).type !== 0) {
            names.add(node.value);
          }
        }
      };
      visit(new IntlMessageFormat(message, 'en').getAst());
      return [...names].sort();
    };
    for (const key of referenceKeys) {
      const expected = placeholders(en[key as keyof typeof en]);
      for (const locale of LOCALES) {
        expect(placeholders(dictionaries[locale][key as keyof typeof en]), `${locale} ${key}`).toEqual(expected);
      }
    }
  });
});

describe('translation', () => {
  it('applies each language’s plural rules', () => {
    expect(translator('en').t('home.partnersLabel', { count: 1 })).toBe('partner organization');
    expect(translator('en').t('home.partnersLabel', { count: 0 })).toBe('partner organizations');
    // In French, zero takes the singular.
    expect(translator('fr').t('home.pathfindersLabel', { count: 0 })).toBe('pays pionnier');
    expect(translator('fr').t('home.partnersLabel', { count: 2 })).toBe('organisations partenaires');
    expect(translator('es').t('home.partnersLabel', { count: 0 })).toBe('organizaciones asociadas');
  });

  it('formats numbers and dates per language', () => {
    const date = new Date(Date.UTC(2025, 5, 12));
    expect(translator('en').formatNumber(226000.5)).toBe('226,000.5');
    expect(translator('fr').formatNumber(226000.5)).toBe('226\u202f000,5');
    expect(translator('es').formatNumber(226000.5)).toBe('226.000,5');
    expect(translator('fr').formatDate(date)).toBe('12 juin 2025');
    expect(translator('es').formatDate(date)).toBe('12 de junio de 2025');
    expect(translator('en').t('content.updatedOn', { date })).toBe('Last updated on June 12, 2025');
  });

  it('names languages in the reader’s language', () => {
    expect(translator('fr').languageName('es')).toBe('espagnol');
    expect(translator('es').languageName('fr')).toBe('francés');
  });
});

describe('language negotiation', () => {
  it('picks the best of fr, en and es, or the fallback', () => {
    expect(negotiateLocale({ acceptLanguage: 'en-GB,en;q=0.8', fallback: 'fr' })).toBe('en');
    expect(negotiateLocale({ acceptLanguage: 'de, es;q=0.5, en;q=0.4', fallback: 'fr' })).toBe('es');
    expect(negotiateLocale({ acceptLanguage: 'pt-BR', fallback: 'fr' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: undefined, fallback: 'es' })).toBe('es');
  });
});
