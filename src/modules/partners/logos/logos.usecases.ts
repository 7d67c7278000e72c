import crypto from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { findLogoBySlug, upsertLogo, type LogoImage } from './logos.repository.ts';

/** Uploads larger than this are refused with a message; much larger ones never reach the app. */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
const LOGO_BOX = 256;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);

/**
 * Checks an uploaded image by its content (not its name or declared type), and re-encodes it
 * as WebP inside a 256 × 256 box: what is served is always an image the platform made.
 */
export async function prepareLogo(upload: Buffer): Promise<LogoImage> {
  if (upload.length === 0) throw new AppError('partners.logo.missing');
  if (upload.length > LOGO_MAX_BYTES) throw new AppError('partners.logo.too_large');
  let format: string | undefined;
  try {
    format = (await sharp(upload, { limitInputPixels: 40_000_000 }).metadata()).format;
  } catch {
    throw new AppError('partners.logo.not_image');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new AppError('partners.logo.not_image');
  const { data, info } = await sharp(upload, { limitInputPixels: 40_000_000, animated: false })
    .rotate()
    .resize({ width: LOGO_BOX, height: LOGO_BOX, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 85 })
    .toBuffer({ resolveWithObject: true });
  return {
    image: data,
    width: info.width,
    height: info.height,
    hash: crypto.createHash('sha256').update(data).digest('hex').slice(0, 16),
  };
}

export async function saveLogo(input: {
  db: Db;
  organizationId: number;
  upload: Buffer;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const logo = await prepareLogo(input.upload);
  await input.db.transaction(async (tx) => {
    await upsertLogo(tx, { organizationId: input.organizationId, logo });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'partners.logo_updated',
      entityType: 'organization',
      entityId: input.organizationId,
      after: { width: logo.width, height: logo.height, hash: logo.hash },
      ip: input.ip,
    });
  });
}

/** The logo the public may see: an active partner's only (null for any other). */
export async function getPublicLogo(input: {
  db: Db;
  slug: string;
}): Promise<{ image: Buffer; contentType: string; hash: string } | null> {
  const logo = await findLogoBySlug(input.db, input.slug);
  if (!logo || logo.status !== 'active') return null;
  return { image: logo.image, contentType: logo.contentType, hash: logo.hash };
}
