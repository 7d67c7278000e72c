import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { registerUploadRoutes } from '../../../http/uploads.ts';
import { actorOf } from '../../../http/viewer.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { listCatalogue } from '../catalogue/catalogue.usecases.ts';
import { importFormSchema, type ImportReport } from './import.schemas.ts';
import { importObservations } from './import.usecases.ts';
import { renderDataAdmin } from './import.views.ts';

/** The largest file the back office takes (larger ones go through `alliance87 data:import`). */
export const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;

/**
 * The data editors' screen: the catalogue with each indicator's version, and the form that
 * imports a file (or checks it, in a dry run), answered with the same report as the command line.
 */
export function registerDataAdmin(
  app: FastifyInstance,
  deps: AdminPageDeps & { db: Db; scriptUrl: (name: `${string}.js`) => string },
): void {
  const show = async (
    request: Parameters<typeof sendAdminPage>[0]['request'],
    reply: Parameters<typeof sendAdminPage>[0]['reply'],
    state: { report?: ImportReport; errors?: FieldErrors; values?: Record<string, string>; status?: number },
  ) => {
    const catalogue = await listCatalogue({ db: deps.db, page: 1, perPage: 200 });
    const csrf = deps.csrf.token(request, reply);
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.data'),
      current: '/admin/data',
      main: (tr) =>
        renderDataAdmin({
          tr,
          csrf,
          scriptUrl: deps.scriptUrl('upload-progress.js'),
          indicators: catalogue.items,
          ...state,
        }),
      ...(state.status ? { status: state.status } : {}),
    });
  };

  app.get('/admin/data', async (request, reply) => show(request, reply, {}));

  registerUploadRoutes(app, { csrf: deps.csrf }, (uploads) =>
    uploads.post('/admin/data/import', { maxFileBytes: UPLOAD_MAX_BYTES }, async (request, reply, upload) => {
      const form = parseForm(importFormSchema, upload.fields);
      const errors: FieldErrors = form.ok ? {} : { ...form.errors };
      if (upload.tooLarge) errors.file = { key: 'data.upload.tooLarge' };
      else if (upload.file.length === 0) errors.file = { key: 'data.upload.missing' };
      if (!form.ok || Object.keys(errors).length > 0) {
        return show(request, reply, { errors, values: upload.fields, status: 400 });
      }
      const report = await importObservations({
        db: deps.db,
        file: Readable.from([upload.file]),
        options: {
          format: form.data.format,
          fileName: upload.fileName || 'upload.csv',
          dryRun: form.data.dry_run,
          createIndicators: form.data.create_indicators,
          ...(form.data.indicator ? { indicator: form.data.indicator } : {}),
          ...(form.data.geo ? { geo: form.data.geo } : {}),
          ...(form.data.source ? { source: form.data.source } : {}),
        },
        actor: actorOf(request),
        ip: request.ip,
      });
      return show(request, reply, {
        report,
        values: upload.fields,
        status: report.problemCount > 0 ? 400 : 200,
      });
    }),
  );
}
