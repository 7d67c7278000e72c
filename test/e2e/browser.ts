import axe from 'axe-core';
import {
  chromium,
  type Browser,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type Response,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { baseUrl } from './server.ts';

/** The Chromium from the system packages (`apt-get install chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The WCAG levels the public site promises: 2.0, 2.1 and 2.2, A and AA. */
export const ACCESSIBILITY_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in its own context. `bypassCSP` lets the accessibility checker be injected:
 * the site's Content-Security-Policy rightly forbids inline scripts.
 */
/**
 * One browser for a test file, launched before its tests and closed after them; `open()` gives a
 * new person (a browser context of their own), closed with it.
 */
export function useBrowser(): {
  open: (options?: BrowserContextOptions) => Promise<Page>;
  /** The browser itself, for helpers that open their own context (such as signing someone in). */
  browser: () => Browser;
} {
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('The browser is launched before the tests run');
      return browser;
    },
    open: async (options = {}) => {
      if (!browser) throw new Error('The browser is launched before the tests run');
      const page = await newPage(browser, options);
      pages.push(page);
      return page;
    },
  };
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), bypassCSP: true, ...options });
  return context.newPage();
}

/** Opens a path of the site (`/fr/about`) and insists on an answer. */
export async function goto(page: Page, path: string): Promise<Response> {
  const response = await page.goto(new URL(path, baseUrl()).toString(), { waitUntil: 'load' });
  if (!response) throw new Error(`No response for ${path}`);
  return response;
}

export interface AccessibilityViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  targets: string[];
}

/** Runs axe-core in the page against the WCAG A/AA rules and returns what it found. */
export async function checkAccessibility(page: Page): Promise<AccessibilityViolation[]> {
  // The callbacks below run inside the page; the project's TypeScript setup has no DOM types.
  const alreadyThere = await page.evaluate(() => 'axe' in globalThis);
  if (!alreadyThere) await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const inPage = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    const results = await inPage.axe.run(inPage.document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      helpUrl: violation.helpUrl,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, ACCESSIBILITY_TAGS);
}

/** A readable account of the violations, for the failure message. */
export function describeViolations(violations: AccessibilityViolation[]): string {
  return violations
    .map(
      (violation) =>
        `- ${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n` +
        `  ${violation.helpUrl}\n` +
        violation.targets.map((target) => `    at ${target}`).join('\n'),
    )
    .join('\n');
}

/** The path and query of the page's address (`/admin/users?done=invited`). */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** The page's main heading, trimmed. */
export async function heading(page: Page): Promise<string> {
  return ((await page.locator('main h1').first().textContent()) ?? '').trim();
}

/** Fails the test with axe's findings when the page breaks a WCAG A/AA rule. */
export async function expectAccessible(page: Page): Promise<void> {
  const violations = await checkAccessibility(page);
  expect(violations, `axe found problems on ${page.url()}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Statuses of the intermediate answers of a redirect chain. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Clicks something that loads a new page (a submit button, a link) and waits until that page
 * has loaded; returns the answer of the last request of the chain, after any redirects.
 */
export async function clickAndWait(page: Page, target: Locator): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (answer) =>
        answer.request().isNavigationRequest() &&
        answer.request().frame() === page.mainFrame() &&
        !REDIRECTS.has(answer.status()),
    ),
    page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() }),
    target.click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

/**
 * Fills the fields of a form by their `name` (text, e-mail and password inputs, and selects) and
 * submits it with its submit button. The form is the one in `main` that holds the first field, or
 * the one `form` selects (needed when there is no field to fill).
 */
export async function fillAndSubmit(
  page: Page,
  fields: Record<string, string>,
  options: { form?: string } = {},
): Promise<Response> {
  const names = Object.keys(fields);
  const selector = options.form ?? (names[0] ? `main form:has([name="${names[0]}"])` : undefined);
  if (!selector) throw new Error('fillAndSubmit needs a field to fill or a form selector');
  const form = page.locator(selector);
  for (const [name, value] of Object.entries(fields)) {
    const select = form.locator(`select[name="${name}"]`);
    if ((await select.count()) > 0) await select.selectOption(value);
    else await form.locator(`[name="${name}"]`).fill(value);
  }
  return clickAndWait(page, form.locator('button[type="submit"]'));
}

/**
 * The page that shows the recovery codes once, right after the second factor is set up: checks
 * it holds ten codes, then follows its link on. Returns the codes.
 */
export async function keepRecoveryCodes(page: Page): Promise<string[]> {
  const codes = (await page.locator('ol.recovery-codes code').allTextContents()).map((code) => code.trim());
  if (codes.length !== 10) throw new Error(`expected 10 recovery codes on ${page.url()}, found ${codes.length}`);
  await clickAndWait(page, page.locator('main a.button'));
  return codes;
}
