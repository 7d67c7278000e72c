import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import { param } from '../../../http/params.ts';
import { getPublicLogo } from './logos.usecases.ts';

/** Logos of active partners; the `?v=` of the page's link changes with the image, so it can be cached. */
export function registerPartnerMedia(app: FastifyInstance, deps: { db: Db }): void {
  app.get('/media/logos/:slug', async (request, reply) => {
    const logo = await getPublicLogo({ db: deps.db, slug: param(request, 'slug') });
    if (!logo) throw notFound();
    const etag = `"${logo.hash}"`;
    reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(logo.contentType).send(logo.image);
  });
}
