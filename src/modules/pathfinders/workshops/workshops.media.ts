import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import { param } from '../../../http/params.ts';
import { getPublicDocument } from './workshops.usecases.ts';
import { attachmentDisposition } from '../../../http/pdf.ts';

/** A workshop's document, downloaded as the PDF it was checked to be. */
export function registerWorkshopMedia(app: FastifyInstance, deps: { db: Db }): void {
  app.get('/media/workshop-documents/:id', async (request, reply) => {
    const document = await getPublicDocument({ db: deps.db, id: param(request, 'id') });
    if (!document) throw notFound();
    const etag = `"${document.sha256.slice(0, 32)}"`;
    reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachmentDisposition(document.fileName));
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('application/pdf').send(document.content);
  });
}
