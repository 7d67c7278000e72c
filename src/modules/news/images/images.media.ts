import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import { param } from '../../../http/params.ts';
import { getStoryImage } from '../editing/editing.usecases.ts';

/**
 * A story's image at one width. The address carries the image's version (`?v=`): a public image
 * asked for by its current version never changes, and is cached for a year.
 */
export function registerNewsMedia(app: FastifyInstance, deps: { db: Db; now: () => Date }): void {
  app.get('/media/news/:id/:width', async (request, reply) => {
    const found = await getStoryImage(deps.db, {
      id: param(request, 'id'),
      width: param(request, 'width'),
      now: deps.now(),
      viewer: request.viewer,
    });
    if (!found) throw notFound();
    const { v } = (request.query ?? {}) as { v?: unknown };
    const etag = `"${found.version}"`;
    reply
      .header('etag', etag)
      .header(
        'cache-control',
        !found.isPublic
          ? 'private, no-store'
          : v === found.version
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
      )
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('image/webp').send(found.image);
  });
}
