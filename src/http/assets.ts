import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const ASSET_FOLDER = new URL('../ui/assets/', import.meta.url);

const CONTENT_TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.png': 'image/png',
};

interface Asset {
  url: string;
  contentType: string;
  body: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

export interface AssetCatalogue {
  /** The fingerprinted URL of a file of src/ui/assets, e.g. `site.css` → `/assets/site.3f2a….css`. */
  url(name: string): string;
  byUrl: Map<string, Asset>;
}

/**
 * Static files are read once at start, fingerprinted by content and compressed ahead of time,
 * so they can be cached by browsers for a year.
 */
export function loadAssets(): AssetCatalogue {
  const byName = new Map<string, Asset>();
  const byUrl = new Map<string, Asset>();
  for (const name of fs.readdirSync(ASSET_FOLDER)) {
    const body = fs.readFileSync(new URL(name, ASSET_FOLDER));
    const extension = path.extname(name);
    const hash = crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);
    const asset: Asset = {
      url: `/assets/${path.basename(name, extension)}.${hash}${extension}`,
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      body,
      gzip: zlib.gzipSync(body, { level: 9 }),
      brotli: zlib.brotliCompressSync(body),
    };
    byName.set(name, asset);
    byUrl.set(asset.url, asset);
  }
  return {
    url(name) {
      const asset = byName.get(name);
      if (!asset) throw new Error(`Unknown asset ${name}`);
      return asset.url;
    },
    byUrl,
  };
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** Picks the best encoding the client accepts among those we keep ready. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = (acceptEncoding ?? '').toLowerCase();
  const allows = (name: string) =>
    new RegExp(`(^|,)\\s*${name}\\s*(;\\s*q=(?!0(\\.0*)?\\s*(,|$))[\\d.]+)?\\s*(,|$)`).test(accepted);
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return 'identity';
}

export function registerAssetRoutes(app: FastifyInstance, assets: AssetCatalogue): void {
  app.get('/assets/*', async (request, reply) => {
    const asset = assets.byUrl.get(request.url.split('?')[0] ?? '');
    if (!asset) return reply.callNotFound();
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding');
    if (encoding === 'identity') return reply.send(asset.body);
    return reply.header('content-encoding', encoding).send(encoding === 'br' ? asset.brotli : asset.gzip);
  });
}
