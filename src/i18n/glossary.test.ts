import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GLOSSARY, TYPOGRAPHIC_APOSTROPHE } from './glossary.ts';
import { dictionaries, LOCALES, type Locale } from './i18n.ts';

const PAGES = new URL('../../content/pages/', import.meta.url);

/** Every text of a language: its dictionary's messages and its starting pages, each with where it is. */
function textsOf(locale: Locale): { where: string; text: string }[] {
  const messages = Object.entries(dictionaries[locale]).map(([key, text]) => ({ where: `${locale}: ${key}`, text }));
  const pages = fs
    .readdirSync(PAGES)
    .filter((name) => name.endsWith(`.${locale}.md`))
    .map((name) => ({ where: `content/pages/${name}`, text: fs.readFileSync(new URL(name, PAGES), 'utf8') }));
  return [...messages, ...pages];
}

/** Where a text spells a glossary term another way. */
function findVariants(locale: Locale, texts: readonly { where: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const entry of GLOSSARY) {
    for (const variant of entry.variants[locale]) {
      for (const { where, text } of texts) {
        if (text.toLowerCase().includes(variant.toLowerCase()))
          found.push(`${where}: "${variant}" (write "${entry.terms[locale]}")`);
      }
    }
  }
  return found;
}

/** Where a language that writes ’ has a straight apostrophe between letters. */
function findStraightApostrophes(texts: readonly { where: string; text: string }[]): string[] {
  return texts.filter(({ text }) => /\p{L}'\p{L}/u.test(text)).map(({ where }) => where);
}

describe.each(LOCALES)('the words of the platform in %s', (locale) => {
  const texts = textsOf(locale);

  it('spell each glossary term one way', () => {
    expect(findVariants(locale, texts)).toEqual([]);
  });

  it('use every glossary term somewhere', () => {
    const unused = GLOSSARY.filter(
      (entry) => !texts.some(({ text }) => text.toLowerCase().includes(entry.terms[locale].toLowerCase())),
    ).map((entry) => entry.terms[locale]);
    expect(unused).toEqual([]);
  });

  it('write the apostrophe one way', () => {
    if (!TYPOGRAPHIC_APOSTROPHE.includes(locale)) return;
    expect(findStraightApostrophes(texts)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('catch a term spelled another way and a straight apostrophe', () => {
    const texts = [
      { where: 'a', text: 'The Global Coordination Group met.' },
      { where: 'b', text: 'Le pays pilote s’engage.' },
      { where: 'c', text: "L'Alliance" },
      { where: 'd', text: 'The Alliance’s partners' },
    ];
    expect(findVariants('en', texts)).toEqual(['a: "Global Coordination Group" (write "Global Coordinating Group")']);
    expect(findVariants('fr', texts)).toEqual(['b: "pays pilote" (write "pays pionnier")']);
    expect(findStraightApostrophes(texts)).toEqual(['c']);
  });
});
