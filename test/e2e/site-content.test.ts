import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeBase32, hotp, totpStep } from '../../src/modules/accounts/index.ts';
import {
  clickAndWait,
  expectAccessible,
  fillAndSubmit,
  goto,
  heading,
  keepRecoveryCodes,
  useBrowser,
  pathOf,
} from './browser.ts';
import { createAccount } from './server.ts';

/**
 * The site's pages, as the issue tells it: the Secretariat, working in Spanish, edits the about
 * page in English, previews it, publishes it; an anonymous visitor sees the new text at once (the
 * page cache is dropped); the history shows both versions and publishes the first again. Every new
 * page type is checked with axe in French, English and Spanish.
 */

const SECRETARIAT = {
  email: 'secretariat.pages@example.org',
  name: 'Ana Torres',
  password: 'una frase de contraseña para las páginas',
};
const NEW_TITLE = 'Who we are and how we work';
const NEW_BODY = '## Our members\n\nCountries, organisations and networks, working together towards target 8.7.';

/** How long a page may lag behind a change made by another process (it is dropped at once here). */
const CACHE_DELAY_MS = 5_000;

const people = useBrowser();

async function person(locale: string): Promise<Page> {
  const page = await people.open({ locale });
  return page;
}

/** The about page's title as an anonymous visitor reads it in English, waiting for it to become `expected`. */
async function visitorSees(page: Page, expected: string): Promise<string> {
  const deadline = Date.now() + CACHE_DELAY_MS;
  for (;;) {
    const response = await goto(page, '/en/about');
    expect(response.status()).toBe(200);
    const title = await heading(page);
    if (title === expected || Date.now() > deadline) return title;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('pages edited by the Secretariat', () => {
  let secretariat: Page;
  let visitor: Page;
  let originalTitle = '';
  let aboutId = '';

  it('lets the Secretariat, in Spanish, edit the English about page with a preview, then publish it', async () => {
    visitor = await person('en-GB');
    originalTitle = await visitorSees(visitor, '');
    expect(originalTitle).toBe('How the Alliance is organised');

    secretariat = await person('es-ES');
    const link = await createAccount({
      email: SECRETARIAT.email,
      role: 'secretariat',
      name: SECRETARIAT.name,
      locale: 'es',
    });
    let response = await goto(secretariat, link);
    expect(response.status()).toBe(200);
    await fillAndSubmit(secretariat, {
      password: SECRETARIAT.password,
      password_confirm: SECRETARIAT.password,
    });
    expect(pathOf(secretariat)).toBe('/es/account/second-factor');
    const secret = ((await secretariat.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    response = await fillAndSubmit(secretariat, {
      code: hotp({ secret: decodeBase32(secret), counter: totpStep(new Date()) }),
    });
    expect(response.status()).toBe(200);
    await keepRecoveryCodes(secretariat);

    response = await clickAndWait(secretariat, secretariat.locator('nav.admin-nav a[href="/admin/pages"]'));
    expect(response.status()).toBe(200);
    expect(await heading(secretariat)).toBe('Páginas y menú');
    await expectAccessible(secretariat);

    response = await clickAndWait(
      secretariat,
      secretariat.locator('main a', { hasText: 'Cómo se organiza la Alianza' }),
    );
    expect(response.status()).toBe(200);
    aboutId = /\/admin\/pages\/(\d+)$/.exec(pathOf(secretariat))?.[1] ?? '';
    expect(aboutId).not.toBe('');
    await expectAccessible(secretariat);

    response = await clickAndWait(secretariat, secretariat.locator(`main a[href="/admin/pages/${aboutId}/en"]`));
    expect(response.status()).toBe(200);
    expect(await heading(secretariat)).toBe('Texto en English');
    await expectAccessible(secretariat);
    await secretariat.locator('#field-title').fill(NEW_TITLE);
    await secretariat.locator('#field-body').fill(NEW_BODY);
    response = await clickAndWait(secretariat, secretariat.locator('main button[value="preview"]'));
    expect(response.status()).toBe(200);
    expect(await secretariat.locator('main .preview h2', { hasText: 'Our members' }).count()).toBe(1);
    // What was typed is kept, and visitors still read the published text.
    expect(await secretariat.locator('#field-title').inputValue()).toBe(NEW_TITLE);
    await expectAccessible(secretariat);
    expect(await visitorSees(visitor, originalTitle)).toBe(originalTitle);

    response = await clickAndWait(secretariat, secretariat.locator('main button[value="publish"]'));
    expect(response.status()).toBe(200);
    expect(await secretariat.locator('main [role="status"]').textContent()).toContain('El texto se publicó');
  });

  it('shows the new text to anonymous visitors at once', async () => {
    expect(await visitorSees(visitor, NEW_TITLE)).toBe(NEW_TITLE);
    expect(await visitor.locator('main .prose h2').first().textContent()).toBe('Our members');
  });

  it('shows both versions in the history and publishes the first one again', async () => {
    const response = await goto(secretariat, `/admin/pages/${aboutId}/en/history`);
    expect(response.status()).toBe(200);
    const versions = secretariat.locator('main ol.history > li');
    expect(await versions.count()).toBe(2);
    expect(await versions.nth(0).locator('strong').textContent()).toBe(NEW_TITLE);
    expect(await versions.nth(1).locator('strong').textContent()).toBe(originalTitle);
    await secretariat.locator('main ol.history > li').nth(0).locator('summary').click();
    expect(await secretariat.locator('main ol.history > li').nth(0).locator('ins').first().textContent()).toContain(
      '## Our members',
    );
    await expectAccessible(secretariat);
    await clickAndWait(secretariat, versions.nth(1).locator('button[type="submit"]'));
    expect(pathOf(secretariat)).toBe(`/admin/pages/${aboutId}/en/history?done=restored`);
    expect(await secretariat.locator('main ol.history > li').count()).toBe(3);
    expect(await visitorSees(visitor, originalTitle)).toBe(originalTitle);
  });

  it('keeps the menu, demonstration and translation status screens accessible', async () => {
    for (const path of ['/admin/menu', '/admin/demo', '/admin/translations']) {
      const response = await goto(secretariat, path);
      expect(response.status(), path).toBe(200);
      await expectAccessible(secretariat);
    }
  });
});

describe.each(['fr', 'en', 'es'])('the site’s own pages in %s', (locale) => {
  it('opens the home page with the sourced figures, and serves the footer’s pages, all accessible', async () => {
    const page = await person(locale);
    let response = await goto(page, `/${locale}/`);
    expect(response.status()).toBe(200);
    expect(await page.locator('main section.scale li').count()).toBeGreaterThan(0);
    expect(await page.locator('main section.scale .source').first().textContent()).toMatch(/ILO|OIT/);
    await expectAccessible(page);
    const footer: string[] = [];
    for (const link of await page.locator('footer a').all()) footer.push((await link.getAttribute('href')) ?? '');
    for (const slug of ['contact', 'privacy', 'legal', 'accessibility']) {
      expect(footer).toContain(`/${locale}/${slug}`);
      response = await goto(page, `/${locale}/${slug}`);
      expect(response.status(), slug).toBe(200);
      await expectAccessible(page);
    }
  });
});
