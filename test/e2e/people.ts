import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { decodeBase32, hotp, totpStep } from '../../src/modules/accounts/index.ts';
import { fillAndSubmit, goto, keepRecoveryCodes, newPage, pathOf } from './browser.ts';
import { createAccount } from './server.ts';

/** Signs a new Secretariat member in, in their language, through the one-time link the CLI prints. */
export async function signInSecretariat(
  /** A browser, or what opens a page of its own (`useBrowser().open`). */
  browser: Browser | (() => Promise<Page>),
  locale: 'fr' | 'en' | 'es',
  who = 'back-office',
): Promise<Page> {
  const page = typeof browser === 'function' ? await browser() : await newPage(browser);
  const link = await createAccount({
    email: `${who}.${locale}@example.org`,
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
  expect(pathOf(page)).toBe('/admin');
  return page;
}
