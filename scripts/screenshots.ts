/**
 * Pictures of pages as a phone shows them, for a person to look at (nothing is checked here: the
 * browser tests check that no page is wider than the screen). Start the platform, then:
 *
 *   npm run screenshots                                   # the public pages of a platform on :3000
 *   npm run screenshots -- http://localhost:3000 /es/ /es/partners
 *
 * The pictures go to test/e2e/screenshots/ (not kept in git), one per page, 390 × 844 pixels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const PAGES = ['/fr/', '/fr/about', '/fr/partners', '/fr/partners/apply', '/fr/sign-in'];
const [address = 'http://localhost:3000', ...paths] = process.argv.slice(2);
const folder = path.resolve(import.meta.dirname, '../test/e2e/screenshots');
fs.mkdirSync(folder, { recursive: true });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  for (const pagePath of paths.length > 0 ? paths : PAGES) {
    const response = await page.goto(new URL(pagePath, address).toString(), { waitUntil: 'load' });
    const name = `${pagePath.replace(/^\/|\/$/g, '').replace(/[^\w-]+/g, '-') || 'root'}-390x844.png`;
    await page.screenshot({ path: path.join(folder, name), fullPage: true });
    console.log(`${response?.status() ?? '—'} ${pagePath} → ${path.join('test/e2e/screenshots', name)}`);
  }
} finally {
  await browser.close();
}
