import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, goto, launchBrowser, newPage } from './browser.ts';
import { activeDemoPartnerSlug } from './server.ts';

const LOCALES = ['fr', 'en', 'es'] as const;

/** What the in-page callbacks read; the project's TypeScript setup has no DOM types. */
interface InPage {
  document: { activeElement: { id: string; className: string; tagName: string } | null };
}

function pageWidth(): number {
  return (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
    .scrollWidth;
}

function focusedElement(): { id: string; className: string; tagName: string } | null {
  const active = (globalThis as unknown as InPage).document.activeElement;
  return active ? { id: active.id, className: active.className, tagName: active.tagName } : null;
}

let browser: Browser;
const openPages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});

afterEach(async () => {
  for (const page of openPages.splice(0)) await page.context().close();
});

afterAll(async () => {
  await browser.close();
});

async function open(options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(browser, options);
  openPages.push(page);
  return page;
}

const DEMO_PARTNER = activeDemoPartnerSlug();

/** Every kind of public page, in each language. */
const PAGE_TYPES = [
  '/',
  '/about',
  '/partners',
  '/partners?kind=civil_society&kind=academic&region=002&sort=newest',
  '/partners?q=zzzzzz',
  `/partners/${DEMO_PARTNER}`,
  '/partners/apply',
  '/confirm/sent',
  '/partners/apply/confirmed',
  '/sign-in',
  '/password/forgot',
  '/pathfinders',
  '/pathfinders?region=002&stage=status_granted',
  '/pathfinders?region=150&stage=implementing',
  '/pathfinders/NPL',
];

/** Whether the focused element is a link of the pathfinder map, and its accessible name. */
function focusedMapLink(): string | null {
  const active = (
    globalThis as unknown as {
      document: {
        activeElement: { closest(selector: string): unknown; getAttribute(name: string): string | null } | null;
      };
    }
  ).document.activeElement;
  return active && active.closest('svg.world-map') ? active.getAttribute('aria-label') : null;
}

describe('the pathfinder map', () => {
  it('lets a keyboard reach each country as a link named with its stage', async () => {
    const page = await open();
    await goto(page, '/en/pathfinders');
    const reached: string[] = [];
    for (let press = 0; press < 60 && reached.length < 11; press += 1) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(focusedMapLink);
      if (name) reached.push(name);
    }
    expect(reached).toHaveLength(11);
    expect(reached).toContain('Nepal: Strategic planning workshop held');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/en\/pathfinders\/[A-Z]{3}$/);
  });
});

describe.each(LOCALES)('public pages in %s', (locale) => {
  it.each(PAGE_TYPES.map((path) => `/${locale}${path}`))(
    '%s loads, is in the right language and is accessible',
    async (url) => {
      const page = await open();
      const response = await goto(page, url);
      expect(response.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      await expect.poll(() => page.locator('h1').first().isVisible()).toBe(true);
      expect(await page.locator('nav.main-nav').count()).toBe(1);
      await expectAccessible(page);
    },
  );

  it(`/${locale}/partners/apply sent empty shows each problem by its field, accessibly`, async () => {
    const page = await open();
    await goto(page, `/${locale}/partners/apply`);
    const [response] = await Promise.all([
      page.waitForResponse((answer) => answer.request().method() === 'POST'),
      page.locator('main form button[type="submit"]').click(),
    ]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState('load');
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    expect(await page.locator('main .error-summary li').count()).toBeGreaterThanOrEqual(7);
    expect(await page.locator('main [aria-invalid="true"]').count()).toBeGreaterThanOrEqual(7);
    await expectAccessible(page);
  });
});

describe('language', () => {
  it('sends a visitor whose browser prefers Spanish from / to /es/', async () => {
    const page = await open({ locale: 'es-ES' });
    const response = await goto(page, '/');
    expect(response.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/es/');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
  });

  it('switches /fr/about to English with the language switcher', async () => {
    const page = await open();
    await goto(page, '/fr/about');
    await Promise.all([page.waitForURL('**/en/about'), page.locator('nav.languages a[hreflang="en"]').click()]);
    expect(new URL(page.url()).pathname).toBe('/en/about');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});

describe('keyboard', () => {
  it('reaches the skip link first and jumps to the main content with it', async () => {
    const page = await open();
    await goto(page, '/en/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(focusedElement)).toMatchObject({ tagName: 'A', className: 'skip-link' });
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/#main');
    await expect.poll(() => page.evaluate(focusedElement)).toMatchObject({ tagName: 'MAIN', id: 'main' });
  });
});

describe('errors', () => {
  it('answers an unknown English address with a localized, accessible 404 page', async () => {
    const page = await open();
    const response = await goto(page, '/en/nowhere');
    expect(response.status()).toBe(404);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const englishTitle = (await page.locator('h1').first().textContent())?.trim();
    expect(englishTitle).toBeTruthy();

    const french = await open();
    await goto(french, '/fr/nowhere');
    const frenchTitle = (await french.locator('h1').first().textContent())?.trim();
    expect(englishTitle).not.toBe(frenchTitle);

    await expectAccessible(page);
  });
});

describe('without JavaScript', () => {
  it('renders the home page', async () => {
    const page = await open({ javaScriptEnabled: false });
    const response = await goto(page, '/fr/');
    expect(response.status()).toBe(200);
    await expect.poll(() => page.locator('h1').first().isVisible()).toBe(true);
    expect((await page.locator('h1').first().textContent())?.trim()).toBeTruthy();
  });
});

describe('a phone screen 390 px wide', () => {
  it.each(PAGE_TYPES.map((path) => `/fr${path}`))('%s is no wider than the screen', async (url) => {
    const page = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    expect((await goto(page, url)).status()).toBe(200);
    const width = await page.evaluate(pageWidth);
    expect(width, `${url} is ${width} px wide`).toBeLessThanOrEqual(390);
  });
});
