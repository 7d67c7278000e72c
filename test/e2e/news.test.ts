import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clickAndWait, expectAccessible, goto, heading, pathOf, useBrowser } from './browser.ts';
import { signInSecretariat } from './people.ts';

/**
 * News, as the issue tells it: the Secretariat writes a story in French with an image and
 * publishes it; visitors read it in the three languages (a notice says when it is shown in
 * French) and the Atom feed answers. The public news pages and the back office's news screens are
 * checked with axe in French, English and Spanish.
 */

const people = useBrowser();
const SLUG = 'fours-a-briques-accord';
const TITLE = 'Fours à briques : un accord pour les enfants';

/** Changes the back office's language with the header's switcher. */
async function switchTo(page: Page, language: string): Promise<void> {
  await clickAndWait(page, page.locator(`nav.languages button[lang="${language}"]`));
}

describe('a news story', () => {
  let secretariat: Page;
  let storyPath = '';

  it('is written in French with an image by the Secretariat, and published', async () => {
    secretariat = await signInSecretariat(people.open, 'fr', 'news');
    await goto(secretariat, '/admin/news');
    await expectAccessible(secretariat);
    await secretariat.locator('#field-slug').fill(SLUG);
    await clickAndWait(secretariat, secretariat.locator('main form[action="/admin/news"][method="post"] button'));
    storyPath = new URL(secretariat.url()).pathname;
    expect(storyPath).toMatch(/^\/admin\/news\/\d+$/);
    await expectAccessible(secretariat);

    const photo = await sharp({ create: { width: 1400, height: 800, channels: 3, background: '#8a5a3b' } })
      .jpeg()
      .toBuffer();
    await secretariat
      .locator('#field-image')
      .setInputFiles({ name: 'four.jpg', mimeType: 'image/jpeg', buffer: photo });
    await clickAndWait(secretariat, secretariat.locator('form[action$="/image"] button'));
    expect(pathOf(secretariat)).toBe(`${storyPath}?done=image`);

    await goto(secretariat, `${storyPath}/fr`);
    await secretariat.locator('#field-title').fill(TITLE);
    await secretariat.locator('#field-lead').fill('Les employeurs du secteur s’engagent à ne plus employer d’enfants.');
    await secretariat.locator('#field-body').fill('## Ce qui change\n\nLes enfants retournent à l’école.');
    await secretariat.locator('#field-image_alt').fill('Un four à briques au coucher du soleil');
    await clickAndWait(secretariat, secretariat.locator('button[value="preview"]'));
    expect(await secretariat.locator('.preview .prose h2').textContent()).toBe('Ce qui change');
    await expectAccessible(secretariat);
    await clickAndWait(secretariat, secretariat.locator('button[value="save"]'));
    expect(pathOf(secretariat)).toBe(`${storyPath}/fr?done=saved`);

    await goto(secretariat, storyPath);
    await secretariat.locator('#field-confirm-publish').check();
    await clickAndWait(secretariat, secretariat.locator('form[action$="/publish"] button'));
    expect(pathOf(secretariat)).toBe(`${storyPath}?done=published`);
  });

  it('is read in the three languages, with a notice where it is shown in French', async () => {
    const visitor = await people.open({ locale: 'en-GB' });
    for (const locale of ['fr', 'en', 'es'] as const) {
      const list = await goto(visitor, `/${locale}/news`);
      expect(list.status()).toBe(200);
      expect(await visitor.locator(`main a[href="/${locale}/news/${SLUG}"]`).first().textContent()).toBe(TITLE);
      await expectAccessible(visitor);
      const story = await goto(visitor, `/${locale}/news/${SLUG}`);
      expect(story.status()).toBe(200);
      expect(await heading(visitor)).toBe(TITLE);
      expect(await visitor.locator('main p[role="note"]').count()).toBe(locale === 'fr' ? 0 : 1);
      const image = visitor.locator('main figure img');
      expect(await image.getAttribute('alt')).toBe('Un four à briques au coucher du soleil');
      expect(await image.getAttribute('srcset')).toMatch(/480w, .* 800w, .* 1200w$/);
      // The browser loaded one of the widths the page offers.
      expect(
        await image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth),
      ).toBeGreaterThan(0);
      await expectAccessible(visitor);
    }
    const feed = await visitor.request.get('/es/news/feed.xml');
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(await feed.text()).toContain(`/es/news/${SLUG}</id>`);
  });

  it('has back-office screens that pass axe in English and Spanish too', async () => {
    for (const language of ['en', 'es']) {
      await goto(secretariat, '/admin/news');
      await switchTo(secretariat, language);
      for (const path of ['/admin/news', storyPath, `${storyPath}/fr`, '/admin/translations']) {
        const response = await goto(secretariat, path);
        expect(response.status()).toBe(200);
        await expectAccessible(secretariat);
      }
    }
  });
});
