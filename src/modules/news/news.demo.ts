import fs from 'node:fs';
import sharp from 'sharp';
import { z } from 'zod';
import type { DbExecutor } from '../../db/database.ts';
import { LOCALES } from '../../i18n/i18n.ts';
import { prepareStoryImage } from './images/images.usecases.ts';
import {
  insertDemoStory,
  isStorySlugTaken,
  replaceStoryImages,
  updateStory,
  upsertStoryTranslation,
} from './news.repository.ts';

/**
 * Demonstration stories (`content/demo/news.json`): each tells a dated fact of
 * `shared/data/ALLIANCE-FACTS.md` and names its public source; the site marks them as
 * demonstration. Their pictures are drawn here, abstract shapes, never photographs.
 */
const DEMO_FILE = new URL('../../../content/demo/news.json', import.meta.url);

const text = z.object({
  title: z.string().min(1),
  lead: z.string().min(1),
  body: z.string().min(1),
  image_alt: z.string().min(1),
});

const demoStorySchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  published_on: z.iso.date(),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/)),
  countries: z.array(z.string().regex(/^[A-Z]{3}$/)),
  source: z.url(),
  /** The main colour of the drawn picture. */
  illustration: z.string().regex(/^#[0-9a-f]{6}$/),
  texts: z.object({ fr: text, en: text, es: text }),
});

export function readDemoStories() {
  return z.array(demoStorySchema).parse(JSON.parse(fs.readFileSync(DEMO_FILE, 'utf8')));
}

/** A 1200 × 675 picture of circles and bands in one colour and the platform's light tones. */
function illustration(colour: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">
<rect width="1200" height="675" fill="${colour}"/>
<circle cx="930" cy="300" r="260" fill="#ffffff" fill-opacity="0.12"/>
<circle cx="930" cy="300" r="170" fill="#ffffff" fill-opacity="0.16"/>
<circle cx="930" cy="300" r="80" fill="#f2b134"/>
<rect x="0" y="520" width="1200" height="40" fill="#ffffff" fill-opacity="0.2"/>
<rect x="0" y="580" width="1200" height="95" fill="#000000" fill-opacity="0.15"/>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * Writes the demonstration stories that are not there yet, published on their day; a story
 * whose address a real story took is left alone. Returns how many were written.
 */
export async function loadNewsDemo(db: DbExecutor): Promise<{ stories: number }> {
  let written = 0;
  for (const entry of readDemoStories()) {
    if (await isStorySlugTaken(db, entry.slug)) continue;
    const image = await prepareStoryImage(await illustration(entry.illustration));
    const storyId = await insertDemoStory(db, {
      slug: entry.slug,
      publishAt: new Date(`${entry.published_on}T12:00:00Z`),
      tags: entry.tags,
      countries: entry.countries,
    });
    for (const locale of LOCALES) {
      const { title, lead, body, image_alt } = entry.texts[locale];
      await upsertStoryTranslation(db, { storyId, locale, title, lead, bodyMarkdown: body, imageAlt: image_alt });
    }
    await replaceStoryImages(db, { storyId, images: image.variants });
    await updateStory(db, storyId, { imageVersion: image.version, imageWidth: image.width, imageHeight: image.height });
    written += 1;
  }
  return { stories: written };
}
