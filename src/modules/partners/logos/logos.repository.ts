import { eq } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../../db/database.ts';
import { organizationLogos, organizations } from '../partners.table.ts';

export interface LogoImage {
  image: Buffer;
  width: number;
  height: number;
  hash: string;
}

/** Keeps an organization's logo (replacing the one it had), as the WebP the platform made. */
export async function upsertLogo(db: DbExecutor, input: { organizationId: number; logo: LogoImage }): Promise<void> {
  await db
    .insert(organizationLogos)
    .values({ organizationId: input.organizationId, contentType: 'image/webp', ...input.logo })
    .onConflictDoUpdate({
      target: organizationLogos.organizationId,
      set: { contentType: 'image/webp', ...input.logo, updatedAt: new Date() },
    });
}

export async function findLogoBySlug(db: Db, slug: string) {
  const [row] = await db
    .select({
      image: organizationLogos.image,
      contentType: organizationLogos.contentType,
      hash: organizationLogos.hash,
      status: organizations.status,
    })
    .from(organizationLogos)
    .innerJoin(organizations, eq(organizations.id, organizationLogos.organizationId))
    .where(eq(organizations.slug, slug));
  return row ?? null;
}
