import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32, hotp, totpStep } from '../../src/modules/accounts/accounts.totp.ts';
import {
  clickAndWait,
  expectAccessible,
  fillAndSubmit,
  goto,
  launchBrowser,
  newPage,
  keepRecoveryCodes,
} from './browser.ts';
import { activeDemoPartnerSlug, createAccount } from './server.ts';

/**
 * The back office is written in the language of the person signed in: each of its page types is
 * checked with axe in French, English and Spanish, by a Secretariat member of each language.
 */

const DEMO_PARTNER = activeDemoPartnerSlug();

const BACK_OFFICE_PAGES = [
  '/admin',
  '/admin/organizations',
  '/admin/organizations?status=withdrawn',
  `/admin/organizations/${DEMO_PARTNER}`,
  '/admin/applications',
  '/admin/change-requests',
  '/admin/users',
  '/admin/users/invite',
  '/admin/audit',
  '/admin/outbox',
];

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
});

describe.each(['fr', 'en', 'es'] as const)('the back office in %s', (locale) => {
  let page: Page;

  beforeAll(async () => {
    page = await newPage(browser);
    const link = await createAccount({
      email: `back-office.${locale}@example.org`,
      role: 'secretariat',
      name: `Secretariat ${locale}`,
      locale,
    });
    await goto(page, link);
    const password = `a long passphrase for the ${locale} back office`;
    await fillAndSubmit(page, { password, password_confirm: password });
    const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    await fillAndSubmit(page, { code: hotp({ secret: decodeBase32(secret), counter: totpStep(new Date()) }) });
    await keepRecoveryCodes(page);
    expect(new URL(page.url()).pathname).toBe('/admin');
  });

  afterAll(async () => {
    await page.context().close();
  });

  it.each(BACK_OFFICE_PAGES)('%s is in the right language and accessible', async (url) => {
    const response = await goto(page, url);
    expect(response.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    expect(await page.locator('main h1').count()).toBe(1);
    await expectAccessible(page);
  });

  it('shows an account page and a form sent with a problem accessibly', async () => {
    await goto(page, '/admin/users');
    let response = await clickAndWait(page, page.locator('main table tbody tr a').first());
    expect(response.status()).toBe(200);
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/users\/\d+$/);
    await expectAccessible(page);

    await goto(page, '/admin/users/invite');
    response = await fillAndSubmit(page, { email: 'not an address' });
    expect(response.status()).toBe(400);
    expect(await page.locator('main .error-summary').count()).toBe(1);
    await expectAccessible(page);
  });
});
