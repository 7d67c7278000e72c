import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clickAndWait, expectAccessible, goto, launchBrowser, newPage, pathOf } from './browser.ts';
import { signInSecretariat } from './people.ts';
import { baseUrl, runCommand } from './server.ts';

/**
 * The data pages on real files imported with the command line while the server runs: the
 * example world figures and the UN SDG child-labour series, and Armenia's Open SDG file. Each page
 * type in each language is checked with axe, on a 390 px phone, and without JavaScript.
 */
const LOCALES = ['fr', 'en', 'es'] as const;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 } };

let browser: Browser;
const openPages: Page[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  await runCommand([
    'data:import',
    'content/data/examples/child-labour-world-2020.csv',
    '--format',
    'tidy',
    '--create-indicators',
  ]);
  await runCommand([
    'data:import',
    'content/data/open_sdg_armenia/indicator_8-7-1.csv',
    '--format',
    'opensdg',
    '--geo',
    'ARM',
    '--source',
    'Armstat',
  ]);
  await runCommand([
    'data:import',
    'content/data/un_sdg/ddf--datapoints--sl_tlf_chldec--by--age--geo_area--nature--sex--units--year.csv',
    '--format',
    'unsdg',
    '--create-indicators',
  ]);
}, 180_000);

afterEach(async () => {
  for (const page of openPages.splice(0)) await page.context().close();
});

afterAll(async () => {
  await browser.close();
});

async function open(options: BrowserContextOptions = {}): Promise<Page> {
  const page = await newPage(browser, { ...PHONE, ...options });
  openPages.push(page);
  return page;
}

function pageWidth(): number {
  return (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
    .scrollWidth;
}

function focusedLabel(): string | null {
  const active = (
    globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }
  ).document.activeElement;
  return active?.getAttribute('aria-label') ?? null;
}

const PAGE_TYPES = ['/data', '/data/8.7.1', '/data/8.7.1?geo=ARM&age=all&unit=percent', '/data/SL_TLF_CHLDEC'];

describe.each(LOCALES)('data pages in %s', (locale) => {
  it.each(PAGE_TYPES.map((path) => `/${locale}${path}`))(
    '%s is accessible, fits a phone and shows its figures without JavaScript',
    async (url) => {
      const page = await open();
      const response = await goto(page, url);
      expect(response.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(390);
      await expectAccessible(page);

      const plain = await open({ javaScriptEnabled: false });
      expect((await goto(plain, url)).status()).toBe(200);
      expect(await plain.locator('main table tbody tr').count()).toBeGreaterThan(0);
      if (url.includes('/data/'))
        expect(await plain.locator('main svg.chart-series g.point').count()).toBeGreaterThan(0);
    },
  );
});

describe('the indicator page', () => {
  it('shows the 2020 world figures by sex in the chart, each point reachable by keyboard', async () => {
    const page = await open();
    await goto(page, '/en/data/8.7.1');
    const points = page.locator('svg.chart-series g.point');
    expect(await points.count()).toBe(3);
    expect(await page.locator('svg.chart-series .series-female g.point').getAttribute('aria-label')).toBe(
      'Girls and women, 2020: 7.8 % (source: UN Statistics Division, SDG Global Database, series SL_TLF_CHLDEC; regional or world aggregate)',
    );
    await page.locator('#select-unit').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(focusedLabel)).toMatch(/^Total, 2020: 9.6 %/);
  });

  it('changes the country with the form, without JavaScript, and links the CSV of what it shows', async () => {
    const page = await open({ javaScriptEnabled: false });
    await goto(page, '/en/data/8.7.1');
    await page.locator('#select-geo').selectOption('ARM');
    await Promise.all([
      page.waitForURL('**/en/data/8.7.1?geo=ARM**'),
      page.locator('form.data-selection button').click(),
    ]);
    const csv = await page.locator('a[download]').getAttribute('href');
    const answer = await page.request.get(csv!);
    const lines = (await answer.text()).trim().split('\r\n');
    // The CSV link gives exactly the rows of the table, one for one.
    expect(lines.length - 1).toBe(await page.locator('table.observations tbody tr').count());
  });
});

describe('the observations table', () => {
  it('is sorted by a column heading’s link without JavaScript, and says how it is sorted', async () => {
    const page = await open({ javaScriptEnabled: false });
    await goto(page, '/en/data/8.7.1');
    const sexes = () => page.locator('table.observations tbody tr td:first-of-type').allTextContents();
    expect(await sexes()).toEqual(['Girls and women', 'Boys and men', 'Total']);
    const value = page.locator('table.observations th', { hasText: 'Value' });
    await clickAndWait(page, value.locator('a'));
    expect(new URL(page.url()).search).toBe('?sort=value&dir=asc');
    expect(await sexes()).toEqual(['Girls and women', 'Total', 'Boys and men']);
    expect(await value.getAttribute('aria-sort')).toBe('ascending');
    await clickAndWait(page, value.locator('a'));
    expect(await sexes()).toEqual(['Boys and men', 'Total', 'Girls and women']);
    expect(await value.getAttribute('aria-sort')).toBe('descending');
  });
});

describe.each(LOCALES)('the embeddable chart in %s', (locale) => {
  it('is the chart alone, accessible, with its source and a link to the full page, without JavaScript too', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await open({ javaScriptEnabled });
      const response = await goto(page, `/${locale}/data/8.7.1/embed`);
      expect(response.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect(await page.locator('main svg.chart-series g.point').count()).toBe(3);
      expect(await page.locator('nav, header, footer, table').count()).toBe(0);
      expect(await page.locator(`main a[href$="/${locale}/data/8.7.1?geo=001&age=5-17&unit=percent"]`).count()).toBe(1);
      if (javaScriptEnabled) await expectAccessible(page);
    }
  });
});

describe('framing', () => {
  it('lets another site show the embeddable chart in an iframe, and no other page', async () => {
    // Another site: another origin, on a port of its own.
    const site = http.createServer((_request, response) => {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(`<!doctype html><html lang="en"><title>Another site</title>
<iframe id="embed" title="chart" src="${baseUrl()}/en/data/8.7.1/embed"></iframe>
<iframe id="full" title="page" src="${baseUrl()}/en/data/8.7.1"></iframe>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      // With the browser's own Content-Security-Policy checks, as every visitor has them.
      const page = await open({ bypassCSP: false });
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`, { waitUntil: 'load' });
      await page.frameLocator('#embed').locator('svg.chart-series').waitFor();
      expect(await page.frameLocator('#embed').locator('svg.chart-series g.point').count()).toBe(3);
      expect(await page.frameLocator('#full').locator('main, svg.chart-series').count()).toBe(0);
    } finally {
      await new Promise((resolve) => site.close(resolve));
    }
  });
});

describe('the upload’s progress in the back office', () => {
  it('shows the bytes going, then the check, then the report, on the same page', async () => {
    // Under the real Content-Security-Policy, so that the script runs as it does for editors (axe
    // cannot be added to such a page: the screen is checked with axe in the data editors' test).
    const page = await signInSecretariat(() => open({ bypassCSP: false }), 'en', 'upload-progress');
    expect((await goto(page, '/admin/data')).status()).toBe(200);
    // About a megabyte: 25,500 observations of an indicator the file creates (a dry run: nothing written).
    const rows = ['indicator,geo,year,value,sex,age'];
    for (let year = 1950; year < 2050; year += 1)
      for (const sex of ['total', 'female', 'male'])
        for (let top = 6; top < 91; top += 1) rows.push(`E2E.UPLOAD,NPL,${year},${(top % 50) + 0.5},${sex},5-${top}`);
    await page.locator('#field-file').setInputFiles({
      name: 'progress.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rows.join('\n')),
    });
    await page.locator('#field-create_indicators').check();
    expect(await page.locator('#import-progress').isHidden()).toBe(true);
    // What the panel shows, as it changes.
    await page.evaluate(() => {
      const scope = globalThis as unknown as {
        seen: string[];
        document: {
          getElementById(
            id: string,
          ): { querySelector(selector: string): { value?: number; textContent: string | null } | null } | null;
        };
        MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
      };
      scope.seen = [];
      const panel = scope.document.getElementById('import-progress')!;
      const bar = panel.querySelector('progress')!;
      const status = panel.querySelector('[aria-live]')!;
      new scope.MutationObserver(() => {
        const entry = `${bar.value} ${status.textContent}`;
        if (scope.seen.at(-1) !== entry) scope.seen.push(entry);
      }).observe(panel, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    await page.locator('form[data-upload-progress] button[type="submit"]').click();
    await page.locator('#report-title').waitFor();
    const seen = await page.evaluate(() => (globalThis as unknown as { seen: string[] }).seen);
    expect(seen[0]).toMatch(/^0 Uploading… 0 %$/);
    expect(seen.at(-1)).toBe('100 Checking the file…');
    // The server's answer, shown in place: the dry run's report.
    expect(await page.locator('#report-title').textContent()).toBe(
      'Dry run: nothing was written. The import would do this:',
    );
    expect(await page.locator('main').textContent()).toContain(
      'E2E.UPLOAD (new draft indicator): version 1; 25500 added',
    );
    expect(pathOf(page)).toBe('/admin/data');
  });
});

describe.each(LOCALES)('the data editors’ screens in %s', (locale) => {
  it('shows an indicator’s description and versions, and asks before bringing one back, all accessible', async () => {
    const page = await signInSecretariat(browser, locale, 'data-screens');
    openPages.push(page);
    expect((await goto(page, '/admin/data')).status()).toBe(200);
    await expectAccessible(page);
    await clickAndWait(page, page.locator('main table a', { hasText: /^8\.7\.1$/ }));
    expect(pathOf(page)).toBe('/admin/data/indicators/8.7.1');
    expect(await page.locator('input[name="name_fr"]').inputValue()).not.toBe('');
    await expectAccessible(page);
    // The world figures were version 1; Armenia's file made version 2, the current one.
    const bringBack = page.locator('main form[action$="/restore"] button');
    expect(await bringBack.count()).toBe(1);
    await clickAndWait(page, bringBack.first());
    expect(await page.locator('main h1').textContent()).toContain('8.7.1');
    expect(await page.locator('main input[name="confirm"]').getAttribute('value')).toBe('yes');
    await expectAccessible(page);
  });
});
