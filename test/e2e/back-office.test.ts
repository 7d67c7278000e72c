import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickAndWait,
  expectAccessible,
  fillAndSubmit,
  goto,
  heading,
  launchBrowser,
  newPage,
  pathOf,
} from './browser.ts';
import { confirmAddressByMail } from './mailbox.ts';
import { activeDemoPartnerSlug } from './server.ts';
import { signInSecretariat as signIn } from './people.ts';

/**
 * The back office is written in the language of the person signed in: each of its page types is
 * checked with axe in French, English and Spanish, by a Secretariat member of each language, and
 * on a 390 px wide phone screen, where no page may be wider than the screen. The Spanish member
 * switches the back office to English and back with the language switcher.
 */

const DEMO_PARTNER = activeDemoPartnerSlug();
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 720 };

/** An application waiting for a decision, made through the public form before the tests. */
const APPLICATION = {
  name: 'Colectivo Andino contra la Servidumbre',
  kind: 'civil_society',
  country: 'BOL',
  website: 'https://colectivo-andino.example.org',
  contact_name: 'Rosa Mamani',
  contact_email: 'rosa.mamani@colectivo-andino.example.org',
  motivation: 'Acompañamos a familias en situación de servidumbre por deudas en el altiplano.',
};

/**
 * Every page type of the back office; `{application}`, `{change}` and `{account}` stand for the
 * number of an application, a name change and an account found in the lists when the tests run.
 */
const BACK_OFFICE_PAGES = [
  '/admin',
  '/admin/organizations',
  '/admin/organizations?status=withdrawn',
  `/admin/organizations/${DEMO_PARTNER}`,
  '/admin/applications',
  '/admin/applications/{application}',
  '/admin/change-requests',
  '/admin/change-requests/{change}',
  '/admin/pathfinders',
  '/admin/pathfinders/NPL',
  '/admin/users',
  '/admin/users/invite',
  '/admin/users/{account}',
  '/admin/audit',
  '/admin/outbox',
  '/admin/data',
];

/** What the in-page callbacks read; the project's TypeScript setup has no DOM types. */
interface InPage {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    querySelectorAll(selector: string): Iterable<{
      scrollWidth: number;
      clientWidth: number;
      tabIndex: number;
      querySelector(selector: string): unknown;
    }>;
  };
}

/** How wide the page is, and the scrolling tables a keyboard cannot reach. */
function measureWidth(): { page: number; unreachable: number } {
  const { document } = globalThis as unknown as InPage;
  const scrolling = [...document.querySelectorAll('.table-wrap')].filter((wrap) => wrap.scrollWidth > wrap.clientWidth);
  return {
    page: document.documentElement.scrollWidth,
    unreachable: scrolling.filter((wrap) => wrap.tabIndex < 0 && !wrap.querySelector('a, button, input, select'))
      .length,
  };
}

let browser: Browser;
const found: Record<'application' | 'change' | 'account', string> = { application: '', change: '', account: '' };

beforeAll(async () => {
  browser = await launchBrowser();
  const page = await newPage(browser);
  await goto(page, '/es/partners/apply');
  const { kind, country, ...typed } = APPLICATION;
  for (const [name, value] of Object.entries(typed)) await page.locator(`main [name="${name}"]`).fill(value);
  await page.locator('main select[name="kind"]').selectOption(kind);
  await page.locator('main select[name="country"]').selectOption(country);
  await page.locator('#field-endorses_terms').check();
  const response = await clickAndWait(page, page.locator('main form button[type="submit"]'));
  expect(response.status()).toBe(200);
  // The application reaches the Secretariat once its address is confirmed.
  await confirmAddressByMail(page, APPLICATION.contact_email);
  await page.context().close();
});

afterAll(async () => {
  await browser.close();
});

/** Finds the records the page list names (and asks for a name change, the first time). */
async function findRecords(page: Page): Promise<void> {
  if (!found.change) {
    await goto(page, `/admin/organizations/${DEMO_PARTNER}`);
    const response = await fillAndSubmit(
      page,
      { name_en: 'A name the Secretariat was asked for' },
      { form: 'main form[action$="/change-request"]' },
    );
    expect(response.status()).toBe(200);
  }
  const hrefOf = async (path: string, link: string, text?: string) => {
    await goto(page, path);
    const links = page.locator(link, text ? { hasText: text } : {});
    const href = (await links.first().getAttribute('href')) ?? '';
    expect(href, `no link to follow on ${path}`).toMatch(/^\/admin\/[\w-]+\/\d+$/);
    return href.split('/').pop()!;
  };
  found.application ||= await hrefOf('/admin/applications', 'main table a', APPLICATION.name);
  found.change ||= await hrefOf('/admin/change-requests', 'main a[href^="/admin/change-requests/"]');
  found.account ||= await hrefOf('/admin/users', 'main table a[href^="/admin/users/"]');
}

function resolve(path: string): string {
  return path.replace(/\{(\w+)\}/, (_whole, name: keyof typeof found) => found[name]);
}

describe.each(['fr', 'en', 'es'] as const)('the back office in %s', (locale) => {
  let page: Page;

  beforeAll(async () => {
    page = await signIn(browser, locale);
    await findRecords(page);
  });

  afterAll(async () => {
    await page.context().close();
  });

  it.each(BACK_OFFICE_PAGES)('%s is in the right language, accessible, and fits a phone', async (path) => {
    const url = resolve(path);
    await page.setViewportSize(DESKTOP);
    const response = await goto(page, url);
    expect(response.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    expect(await page.locator('main h1').count()).toBe(1);
    await expectAccessible(page);

    await page.setViewportSize(PHONE);
    const width = await page.evaluate(measureWidth);
    expect(width.page, `${url} is wider than a ${PHONE.width} px screen`).toBeLessThanOrEqual(PHONE.width);
    expect(width.unreachable, `${url} has a table that scrolls out of the keyboard's reach`).toBe(0);
    await expectAccessible(page);
  });

  it('shows an account page and a form sent with a problem accessibly', async () => {
    await page.setViewportSize(DESKTOP);
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

describe('the language switcher of the back office', () => {
  it('puts a Spanish Secretariat member’s back office in English and back, on the same page', async () => {
    const page = await signIn(browser, 'es', 'switcher');
    try {
      let response = await goto(page, '/admin/audit?entity=user');
      expect(await heading(page)).toBe('Registro de auditoría');
      // The log tells what happened in sentences: the account was made with a role.
      expect(await page.locator('main table').textContent()).toContain('concedió el rol Secretaría');

      const switcher = page.locator('header nav.languages');
      expect(await switcher.getAttribute('aria-label')).toBe('Idioma');
      response = await clickAndWait(page, switcher.getByRole('button', { name: 'English' }));
      expect(response.status()).toBe(200);
      expect(pathOf(page)).toBe('/admin/audit?entity=user');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await heading(page)).toBe('Audit log');
      expect(await page.locator('main table').textContent()).toContain('granted the role Secretariat');
      await expectAccessible(page);

      // It stays English from page to page, until changed back.
      await goto(page, '/admin/users');
      expect(await heading(page)).toBe('Accounts');
      response = await clickAndWait(
        page,
        page.locator('header nav.languages').getByRole('button', { name: 'Español' }),
      );
      expect(response.status()).toBe(200);
      expect(pathOf(page)).toBe('/admin/users');
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      await expectAccessible(page);
    } finally {
      await page.context().close();
    }
  });

  it('works without JavaScript', async () => {
    const signedIn = await signIn(browser, 'en', 'switcher');
    const state = await signedIn.context().storageState();
    await signedIn.context().close();
    const context = await browser.newContext({
      baseURL: new URL(signedIn.url()).origin,
      javaScriptEnabled: false,
      storageState: state,
    });
    const page = await context.newPage();
    try {
      await goto(page, '/admin/outbox');
      const response = await clickAndWait(
        page,
        page.locator('header nav.languages').getByRole('button', { name: 'Français' }),
      );
      expect(response.status()).toBe(200);
      expect(pathOf(page)).toBe('/admin/outbox');
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await heading(page)).toBe('Boîte d’envoi');
    } finally {
      await context.close();
    }
  });
});
