import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import type { AssetCatalogue } from './assets.ts';

/** The sizes browsers and operating systems pick from in `/favicon.ico`. */
const ICO_SIZES = [16, 32, 48] as const;

/**
 * An ICO file that holds PNG images, one per size: the format browsers ask for at `/favicon.ico`
 * whatever the page links to (ICO may carry PNG data since Windows Vista; every browser reads it).
 */
export function icoFromPngs(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const image of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(image.size >= 256 ? 0 : image.size, 0); // width (0 stands for 256)
    entry.writeUInt8(image.size >= 256 ? 0 : image.size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(image.png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += image.png.length;
    entries.push(entry);
  }
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

/** Draws the SVG icon at each size and packs the images into one ICO file. */
export async function renderIco(svg: Buffer): Promise<Buffer> {
  const images = await Promise.all(
    ICO_SIZES.map(async (size) => ({
      size,
      png: await sharp(svg, { density: 72 * (size / 32) * 4 })
        .resize(size, size)
        .png()
        .toBuffer(),
    })),
  );
  return icoFromPngs(images);
}

/**
 * `/favicon.ico`, drawn from the SVG icon the pages link to (`ui/assets/favicon.svg`, served with
 * the other fingerprinted assets). Its address cannot change, so it is cached for a week, not a year.
 */
export function registerFavicon(app: FastifyInstance, assets: AssetCatalogue): void {
  const svg = assets.byUrl.get(assets.url('favicon.svg'))!.body;
  let ico: Promise<Buffer> | null = null;
  app.get('/favicon.ico', async (_request, reply) => {
    // A failed drawing is tried again on the next request rather than kept.
    ico ??= renderIco(svg).catch((error: unknown) => {
      ico = null;
      throw error;
    });
    return reply
      .header('content-type', 'image/x-icon')
      .header('cache-control', 'public, max-age=604800')
      .send(await ico);
  });
}
