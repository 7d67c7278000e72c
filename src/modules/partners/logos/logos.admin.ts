import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import type { Csrf } from '../../../http/csrf.ts';
import { AppError, isAppError } from '../../../http/errors.ts';
import { registerUploadRoutes } from '../../../http/uploads.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { OrganizationPage } from '../self-service/self-service.admin.ts';
import { LOGO_MAX_BYTES, saveLogo } from './logos.usecases.ts';

/** A representative (or the Secretariat) uploads the organization's logo from its page. */
export function registerLogoUpload(app: FastifyInstance, deps: { db: Db; csrf: Csrf }, page: OrganizationPage): void {
  registerUploadRoutes(app, { csrf: deps.csrf }, (uploads) =>
    uploads.post(
      '/admin/organizations/:slug/logo',
      { maxFileBytes: LOGO_MAX_BYTES },
      async (request, reply, upload) => {
        const organization = await page.load(request);
        try {
          if (upload.tooLarge) throw new AppError('partners.logo.too_large');
          await saveLogo({
            db: deps.db,
            organizationId: organization.id,
            upload: upload.file,
            actor: actorOf(request),
            ip: request.ip,
          });
        } catch (error) {
          if (!isAppError(error, 'partners.logo.missing', 'partners.logo.too_large', 'partners.logo.not_image'))
            throw error;
          return page.send(request, reply, {
            organization,
            state: { logoError: error.code },
            status: error.statusCode,
          });
        }
        return page.done(reply, organization, 'logo');
      },
    ),
  );
}
