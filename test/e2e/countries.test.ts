import type { BrowserContextOptions } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { clickAndWait, expectAccessible, fillAndSubmit, goto, pathOf, useBrowser } from './browser.ts';
import { signInSecretariat } from './people.ts';
import { runCommand } from './server.ts';

/**
 * Country profiles on real files imported with the command line while the server runs (ILOSTAT's
 * child labour series, the UN SDG 8.7.1 and detected-victims series) and the demonstration content
 * of the first start (Nigeria is a pathfinder country there, with a partner based in it), to which
 * the Secretariat adds, through the back office, a ratification, an adopted roadmap and a news story
 * about Nigeria. Each language: axe, a 390 px phone, JavaScript off, and the printed page.
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
  const secretariat = await signInSecretariat(people.open, 'en', 'profiles');
  await goto(secretariat, '/admin/pathfinders/NGA');
  await fillAndSubmit(secretariat, {
    standard: 'C138',
    status: 'ratified',
    ratified_on: '2002-10-02',
    ratification_source: 'https://normlex.ilo.org/',
  });
  await goto(secretariat, '/admin/pathfinders/NGA/roadmap');
  await fillAndSubmit(secretariat, { locale: 'en' });
  await fillAndSubmit(
    secretariat,
    { priority_title: 'Children out of the mines' },
    { form: 'main form[action$="/roadmap/priorities"]' },
  );
  await fillAndSubmit(
    secretariat,
    {
      priority: 'P1',
      title: 'Inspect every licensed mine each year',
      responsible_body: 'Federal Ministry of Labour and Employment',
      start_on: '2025-01-01',
      end_on: '2027-12-31',
      status: 'in_progress',
    },
    { form: 'main form[action$="/roadmap/actions"]' },
  );
  await clickAndWait(secretariat, secretariat.locator('main a[href$="/roadmap/adopt"]'));
  await fillAndSubmit(secretariat, { adopted_on: '2025-03-14' });
  expect(pathOf(secretariat)).toBe('/admin/pathfinders/NGA/roadmap?done=adopted');

  await goto(secretariat, '/admin/news');
  await secretariat.locator('#field-slug').fill('nigeria-mines');
  await clickAndWait(secretariat, secretariat.locator('main form[action="/admin/news"][method="post"] button'));
  const story = new URL(secretariat.url()).pathname;
  await goto(secretariat, `${story}/en`);
  await secretariat.locator('#field-title').fill('Mine inspections begin in Nigeria');
  await secretariat.locator('#field-lead').fill('The first inspections under the roadmap.');
  await clickAndWait(secretariat, secretariat.locator('button[value="save"]'));
  await goto(secretariat, story);
  await fillAndSubmit(secretariat, { countries: 'NGA' }, { form: 'main form[action$="/details"]' });
  await secretariat.locator('#field-confirm-publish').check();
  await clickAndWait(secretariat, secretariat.locator('form[action$="/publish"] button'));
  expect(pathOf(secretariat)).toBe(`${story}?done=published`);
}, 300_000);

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
    // The pathfinder's roadmap in short, its standards and the news about it.
    expect(await plain.locator('ol.roadmap-summary > li').count()).toBe(1);
    expect(await plain.locator('ol.roadmap-summary li li').textContent()).toContain('Inspect every licensed mine');
    expect(await plain.locator(`a[href="/${locale}/pathfinders/NGA#roadmap"]`).count()).toBe(1);
    expect(await plain.locator('a[href="https://normlex.ilo.org/"]').count()).toBe(1);
    expect(await plain.locator(`ul.country-news a[href="/${locale}/news/nigeria-mines"]`).count()).toBe(1);
  });

  it(`/${locale}/countries/AND (no data, no record) says what is missing and is accessible`, async () => {
    const page = await people.open(PHONE);
    expect((await goto(page, `/${locale}/countries/AND`)).status()).toBe(200);
    // Three themes without data, progress, pathfinder record, partners, news.
    expect(await page.locator('main p.empty').count()).toBe(7);
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
    expect(await page.locator('ol.roadmap-summary').isVisible()).toBe(true);
    expect(await page.locator('#ratifications-heading').isVisible()).toBe(true);
    expect(await page.locator('ul.country-news').isVisible()).toBe(true);
    // The links to more are for the screen; the page does not break inside a priority or a row.
    expect(await page.locator('a[href="/en/news?country=NGA"]').isVisible()).toBe(false);
    expect(
      await page
        .locator('ol.roadmap-summary > li')
        .first()
        .evaluate(
          (element) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { breakInside: string } }).getComputedStyle(
              element,
            ).breakInside,
        ),
    ).toBe('avoid');
  });
});
