import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32, hotp, totpStep } from '../../src/modules/accounts/index.ts';
import {
  clickAndWait,
  expectAccessible,
  fillAndSubmit,
  goto,
  heading,
  keepRecoveryCodes,
  launchBrowser,
  newPage,
  pathOf,
} from './browser.ts';
import { createAccount } from './server.ts';

/**
 * The second factor in each language: set-up, the recovery codes shown once, signing in with a
 * recovery code, the account page, and the Secretariat's reset of another member's second
 * factor. Every page is checked with axe.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const TEXT = {
  fr: {
    codes: 'Vos codes de secours',
    code: 'Saisissez votre code',
    recovery: 'Téléphone perdu ? Utilisez un code de secours',
    used: 'Vous vous êtes connecté avec un code de secours. Il en reste 9.',
    reset: 'Réinitialiser le second facteur',
    done: 'Le second facteur est réinitialisé.',
  },
  en: {
    codes: 'Your recovery codes',
    code: 'Enter your code',
    recovery: 'Lost your phone? Use a recovery code',
    used: 'You signed in with a recovery code. 9 are left.',
    reset: 'Reset the second factor',
    done: 'The second factor is reset.',
  },
  es: {
    codes: 'Sus códigos de recuperación',
    code: 'Escriba su código',
    recovery: '¿Perdió su teléfono? Use un código de recuperación',
    used: 'Inició sesión con un código de recuperación. Quedan 9.',
    reset: 'Restablecer el segundo factor',
    done: 'El segundo factor está restablecido.',
  },
} as const;

const steps = new Map<string, number>();
/** A code the platform accepts now, never the same step twice for one secret. */
function codeFor(secret: string): string {
  const step = Math.max(totpStep(new Date()), (steps.get(secret) ?? -1) + 1);
  steps.set(secret, step);
  return hotp({ secret: decodeBase32(secret), counter: step });
}

/** Opens a new account's link, chooses its password and sets up its second factor. */
async function setUp(page: Page, input: { email: string; locale: 'fr' | 'en' | 'es'; check?: boolean }) {
  const link = await createAccount({
    email: input.email,
    role: 'secretariat',
    name: `Member ${input.email}`,
    locale: input.locale,
  });
  await goto(page, link);
  const password = `a long passphrase for ${input.email}`;
  await fillAndSubmit(page, { password, password_confirm: password });
  expect(pathOf(page)).toBe(`/${input.locale}/account/second-factor`);
  if (input.check) await expectAccessible(page);
  const secret = ((await page.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
  await fillAndSubmit(page, { code: codeFor(secret) });
  expect(await heading(page)).toBe(TEXT[input.locale].codes);
  if (input.check) await expectAccessible(page);
  const codes = await keepRecoveryCodes(page);
  expect(pathOf(page)).toBe('/admin');
  return { password, secret, codes };
}

describe.each(['fr', 'en', 'es'] as const)('the second factor in %s', (locale) => {
  let page: Page;
  let member: { password: string; secret: string; codes: string[] };
  const email = `second-factor.${locale}@example.org`;

  beforeAll(async () => {
    page = await newPage(browser);
    member = await setUp(page, { email, locale, check: true });
  });

  afterAll(async () => {
    await page.context().close();
  });

  it('signs in with a recovery code, from the code page', async () => {
    await clickAndWait(page, page.locator('header form[action$="/sign-out"] button'));
    await goto(page, `/${locale}/sign-in`);
    await fillAndSubmit(page, { email, password: member.password });
    expect(await heading(page)).toBe(TEXT[locale].code);
    await page.locator('details.recovery summary', { hasText: TEXT[locale].recovery }).click();
    await expectAccessible(page);
    await fillAndSubmit(page, { recovery_code: member.codes[0]! });
    expect(pathOf(page)).toBe(`/${locale}/account?recovery_left=9`);
    expect(((await page.locator('main [role="status"]').first().textContent()) ?? '').trim()).toBe(TEXT[locale].used);
    await expectAccessible(page);
  });

  it('offers the reset of another member’s second factor, with its reason and confirmation', async () => {
    const other = await newPage(browser);
    const otherEmail = `second-factor-lost.${locale}@example.org`;
    try {
      await setUp(other, { email: otherEmail, locale });
    } finally {
      await other.context().close();
    }
    await goto(page, `/admin/users?q=${encodeURIComponent(otherEmail)}`);
    await clickAndWait(page, page.locator('main table a').first());
    expect(await page.locator('#reset-2fa-heading').textContent()).toBe(TEXT[locale].reset);
    await expectAccessible(page);
    // Without the confirmation: the form says so by the box and keeps the reason.
    await fillAndSubmit(page, { reason: 'Identity checked by a video call', code: '000000' });
    expect(await page.locator('#field-reason').inputValue()).toBe('Identity checked by a video call');
    expect(await page.locator('#field-confirm_reset-error').count()).toBe(1);
    await expectAccessible(page);
    await page.locator('#field-confirm_reset').check();
    await fillAndSubmit(page, { reason: 'Identity checked by a video call', code: codeFor(member.secret) });
    expect(pathOf(page)).toMatch(/\/admin\/users\/\d+\?done=second_factor_reset$/);
    expect(((await page.locator('main [role="status"]').first().textContent()) ?? '').trim()).toMatch(
      new RegExp(`^${TEXT[locale].done.replace(/[.?]/g, '\\$&')}`),
    );
    expect(await page.locator('#reset-2fa-heading').count()).toBe(0);
    await expectAccessible(page);
  });
});
