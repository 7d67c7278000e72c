import type { BrowserContextOptions } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, goto, useBrowser } from './browser.ts';
import { runCommand } from './server.ts';

/**
 * Country profiles on real files imported with the command line while the server runs (ILOSTAT's
 * child labour series, the UN SDG 8.7.1 and detected-victims series) and the demonstration content
 * of the first start (Nigeria is a pathfinder country there, with a partner based in it). Each
 * language: axe, a 390 px phone, JavaScript off, and the printed page.
 */
const LOCALES = ['fr', 'en', 'es'] as const;
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 } };
const people = useBrowser();

beforeAll(async () => {
  for (const [file, format] of [
    ['content/data/ilostat/ddf--datapoints--cld_xchl_sex_age_rt--age_5_17_extract.csv', 'ilostat'],
    ['content/data/un_sdg/ddf--datapoints--sl_tlf_chldec--by--age--geo_area--nature--sex--units--year.csv', 'unsdg'],
    ['content/data/un_sdg/ddf--datapoints--vc_htf_detv--by--age--geo_area--nature--sex--units--year.csv', 'unsdg'],
  ] as const) {
    await runCommand(['data:import', file, '--format', format, '--create-indicators']);
  }
}, 180_000);

function pageWidth(): number {
  return (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
    .scrollWidth;
}

describe.each(LOCALES)('country profiles in %s', (locale) => {
  it(`/${locale}/countries/NGA is accessible, fits a phone and shows its data and verdicts without JavaScript`, async () => {
    const url = `/${locale}/countries/NGA`;
    const page = await people.open(PHONE);
    expect((await goto(page, url)).status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe(locale);
    expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);

    const plain = await people.open({ ...PHONE, javaScriptEnabled: false });
    expect((await goto(plain, url)).status()).toBe(200);
    // ILOSTAT 2017 and 2022, UN SDG 2021, and the detected victims' years.
    expect(await plain.locator('table.country-series').count()).toBe(3);
    expect(await plain.locator('.progress-item.verdict-off_track').count()).toBe(1);
    expect(await plain.locator('.progress-item.verdict-insufficient_data').count()).toBe(1);
    expect(await plain.locator(`a[href="/${locale}/pathfinders/NGA"]`).count()).toBe(1);
    expect(await plain.locator(`a[href^="/${locale}/partners/"]`).count()).toBeGreaterThan(0);
  });

  it(`/${locale}/countries/AND (no data, no record) says what is missing and is accessible`, async () => {
    const page = await people.open(PHONE);
    expect((await goto(page, `/${locale}/countries/AND`)).status()).toBe(200);
    expect(await page.locator('main p.empty').count()).toBe(6);
    await expectAccessible(page);
  });
});

function focusedLink(): string | null {
  const active = (
    globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }
  ).document.activeElement;
  return active?.getAttribute('href') ?? null;
}

describe.each(LOCALES)('the world map of an indicator in %s', (locale) => {
  it('is accessible, fits a phone, and takes the keyboard from its form into its countries', async () => {
    const page = await people.open(PHONE);
    expect((await goto(page, `/${locale}/data/SL_TLF_CHLDEC?year=2021&sex=female`)).status()).toBe(200);
    expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await page.locator('#map-sex').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // 2021, girls: Fiji, Nigeria, Viet Nam; the first link of the map is a country's profile.
    expect(await page.evaluate(focusedLink)).toMatch(new RegExp(`^/${locale}/countries/(FJI|NGA|VNM)$`));
    expect(await page.locator('#map-table tbody tr').count()).toBe(3);
  });
});

describe('the printed profile', () => {
  it('leaves out the menus and the contents, and keeps the data', async () => {
    const page = await people.open();
    await goto(page, '/en/countries/NGA');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.locator('table.country-series').first().isVisible()).toBe(true);
    expect(await page.locator('#progress-method').isVisible()).toBe(true);
  });
});
