import crypto from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../../../http/errors.ts';

/** Uploads larger than this are refused with a message; much larger ones are not read at all. */
export const STORY_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
/**
 * The widths made of each image. The story's page shows it at most about 46rem wide (736 CSS
 * pixels), so 1200 covers a screen of 1.6 device pixels per CSS pixel, and the lists take 480.
 * No width larger than the uploaded image is made.
 */
export const STORY_IMAGE_WIDTHS = [480, 800, 1200] as const;

export interface PreparedImage {
  version: string;
  width: number;
  height: number;
  variants: { width: number; height: number; image: Buffer }[];
}

/**
 * Checks an uploaded image by its content (not its name or declared type) and makes, from it, the
 * WebP images the pages serve: what visitors receive is always an image the platform made.
 */
export async function prepareStoryImage(upload: Buffer): Promise<PreparedImage> {
  if (upload.length === 0) throw new AppError('news.image.missing', { field: 'image' });
  if (upload.length > STORY_IMAGE_MAX_BYTES) throw new AppError('news.image.too_large', { field: 'image' });
  let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    metadata = await sharp(upload, { limitInputPixels: 40_000_000 }).metadata();
  } catch {
    throw new AppError('news.image.not_image', { field: 'image' });
  }
  if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format) || !metadata.width) {
    throw new AppError('news.image.not_image', { field: 'image' });
  }
  // Turned upright first: the widths are those of the picture as it is seen.
  const upright = await sharp(upload, { limitInputPixels: 40_000_000, animated: false }).rotate().toBuffer({
    resolveWithObject: true,
  });
  const original = upright.info.width;
  const widths: number[] = STORY_IMAGE_WIDTHS.filter((width) => width <= original);
  if (widths.length === 0) widths.push(original);
  const variants = await Promise.all(
    widths.map(async (width) => {
      const { data, info } = await sharp(upright.data)
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      return { width, height: info.height, image: data };
    }),
  );
  const hash = crypto.createHash('sha256');
  for (const variant of variants) hash.update(variant.image);
  const largest = variants.at(-1)!;
  return { version: hash.digest('hex').slice(0, 16), width: largest.width, height: largest.height, variants };
}

/** Where one width of a story's image is served; the version changes with the image. */
export function storyImageUrl(input: { storyId: number; width: number; version: string }): string {
  return `/media/news/${input.storyId}/${input.width}?v=${input.version}`;
}

/** The widths `prepareStoryImage` made for an image whose largest width is `largest`. */
export function storyImageWidths(largest: number): number[] {
  const widths: number[] = STORY_IMAGE_WIDTHS.filter((width) => width <= largest);
  return widths.length > 0 ? widths : [largest];
}
