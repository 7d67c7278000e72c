import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Csrf } from '../../../http/csrf.ts';
import { isAppError, notFound } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { registerUploadRoutes } from '../../../http/uploads.ts';
import { actorOf, hasAnyRole } from '../../../http/viewer.ts';
import { countryName } from '../../../i18n/countries.ts';
import { translator, type MessageKey } from '../../../i18n/i18n.ts';
import { sendAdminPage } from '../../admin/index.ts';
import type { CountryPage, LifecycleAdminDeps } from '../lifecycle/lifecycle.admin.ts';
import type { FormState } from '../lifecycle/lifecycle.views.ts';
import { requireKeptCountry } from '../pathfinders.access.ts';
import { acknowledgeSchema, reportDueSchema, reportFormSchema, startReportSchema } from './reports.schemas.ts';
import { z } from 'zod';
import {
  acknowledgeReport,
  ATTACHMENT_MAX_BYTES,
  attachFile,
  getAttachment,
  getCountryReports,
  getReport,
  listWaitingReports,
  saveReport,
  setReportDueDate,
  startReport,
  type ReportActionRow,
} from './reports.usecases.ts';
import {
  renderReportList,
  renderReportPage,
  renderReportPrint,
  renderWaitingReports,
  type ReportNotice,
} from './reports.views.ts';
import { attachmentDisposition } from '../../../http/pdf.ts';
import { sendReportCsv } from './reports.download.ts';

const CURRENT = '/admin/pathfinders';
const reportQuerySchema = z.object({
  done: z.enum(['started', 'saved', 'submitted', 'attached', 'acknowledged']).optional().catch(undefined),
});

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

interface ReportsAdminDeps extends LifecycleAdminDeps {
  csrf: Csrf;
  publicUrl: string;
  nudgeMail: () => void;
}

/**
 * The yearly reports in the back office: the Secretariat sets the due day; the focal point (or the
 * Secretariat) begins a report, fills it, attaches files and submits it; the Secretariat
 * acknowledges it from its queue.
 */
export function registerReportsAdmin(app: FastifyInstance, deps: ReportsAdminDeps, page: CountryPage): void {
  app.post('/admin/pathfinders/:iso3/report-due', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(reportDueSchema, request.body);
    if (!form.ok) return page.send(request, reply, { iso3, state: { reportForm: form }, status: 400 });
    await setReportDueDate({ db: deps.db, iso3, dueOn: form.data.due_on, actor: actorOf(request), ip: request.ip });
    return reply.redirect(`/admin/pathfinders/${iso3}?done=reportDue#report-heading`, 303);
  });

  app.get('/admin/pathfinders/reports', async (request, reply) => {
    const reports = await listWaitingReports({ db: deps.db });
    return sendAdminPage({
      deps,
      request,
      reply,
      current: CURRENT,
      title: (tr) => tr.t('pathfinders.report.queueTitle'),
      main: (tr) => renderWaitingReports({ tr, reports }),
    });
  });

  const sendList = async (request: FastifyRequest, reply: FastifyReply, form?: FormState, status?: number) => {
    const iso3 = requireKeptCountry(request);
    const found = await getCountryReports({ db: deps.db, iso3 });
    return sendAdminPage({
      deps,
      request,
      reply,
      status,
      current: CURRENT,
      title: (tr) => tr.t('pathfinders.report.listTitle', { country: countryName({ iso3, locale: tr.locale }) }),
      main: (tr) =>
        renderReportList({
          tr,
          csrf: deps.csrf.token(request, reply),
          iso3,
          ...found,
          thisYear: new Date().getUTCFullYear(),
          form,
        }),
    });
  };

  app.get('/admin/pathfinders/:iso3/reports', async (request, reply) => sendList(request, reply));

  app.post('/admin/pathfinders/:iso3/reports', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(startReportSchema, request.body);
    if (!form.ok) return sendList(request, reply, form, 400);
    let id: number;
    try {
      id = await startReport({
        db: deps.db,
        iso3,
        year: form.data.year,
        locale: request.viewer!.locale,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.report.yearTaken', 'pathfinders.report.noRoadmap')) throw error;
      return sendList(
        request,
        reply,
        { values: request.body as Record<string, string>, errors: fieldErrorsOf(error) },
        error.statusCode,
      );
    }
    return reply.redirect(`/admin/pathfinders/${iso3}/reports/${id}?done=started`, 303);
  });

  const loadReport = async (request: FastifyRequest) => {
    const iso3 = requireKeptCountry(request);
    const view = await getReport({ db: deps.db, iso3, id: param(request, 'id') });
    if (!view) throw notFound();
    return { iso3, view };
  };

  const sendReport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { form?: FormState; fileError?: MessageKey; acknowledgeForm?: FormState; status?: number } = {},
  ) => {
    const { iso3, view } = await loadReport(request);
    return sendAdminPage({
      deps,
      request,
      reply,
      status: state.status,
      current: CURRENT,
      title: (tr) =>
        tr.t('pathfinders.report.title', { country: countryName({ iso3, locale: tr.locale }), year: view.report.year }),
      main: (tr) =>
        renderReportPage({
          tr,
          csrf: deps.csrf.token(request, reply),
          iso3,
          view,
          isSecretariat: hasAnyRole(request.viewer, ['secretariat']),
          done: state.status === undefined ? reportQuerySchema.parse(request.query ?? {}).done : undefined,
          form: state.form,
          fileError: state.fileError,
          acknowledgeForm: state.acknowledgeForm,
          maxMegabytes: ATTACHMENT_MAX_BYTES / 1024 / 1024,
        }),
    });
  };

  const done = (reply: FastifyReply, iso3: string, id: number, notice: ReportNotice) =>
    reply.redirect(`/admin/pathfinders/${iso3}/reports/${id}?done=${notice}`, 303);

  app.get('/admin/pathfinders/:iso3/reports/:id', async (request, reply) => sendReport(request, reply));

  app.post('/admin/pathfinders/:iso3/reports/:id', async (request, reply) => {
    const { iso3, view } = await loadReport(request);
    const keys = view.roadmap.actions.map((action) => action.key);
    const form = parseForm(reportFormSchema(keys), request.body);
    if (!form.ok) return sendReport(request, reply, { form, status: 400 });
    const data = form.data as Record<string, string>;
    const actions: ReportActionRow[] = keys.map((key) => ({
      actionKey: key,
      status: data[`status_${key}`] as ReportActionRow['status'],
      narrative: data[`narrative_${key}`] ?? '',
    }));
    const submit = data.intent === 'submit';
    try {
      await saveReport({
        db: deps.db,
        iso3,
        id: view.report.id,
        overallNarrative: data.overall_narrative ?? '',
        actions,
        submit,
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.report.readOnly')) throw error;
      const values = request.body as Record<string, string>;
      return sendReport(request, reply, { form: { values, errors: fieldErrorsOf(error) }, status: error.statusCode });
    }
    return done(reply, iso3, view.report.id, submit ? 'submitted' : 'saved');
  });

  registerUploadRoutes(app, { csrf: deps.csrf }, (uploads) =>
    uploads.post(
      '/admin/pathfinders/:iso3/reports/:id/attachments',
      { maxFileBytes: ATTACHMENT_MAX_BYTES },
      async (request, reply, upload) => {
        const { iso3, view } = await loadReport(request);
        try {
          await attachFile({
            db: deps.db,
            iso3,
            id: view.report.id,
            fileName: upload.fileName,
            file: upload.file,
            tooLarge: upload.tooLarge,
            actor: actorOf(request),
            ip: request.ip,
          });
        } catch (error) {
          if (
            !isAppError(
              error,
              'pathfinders.report.fileMissing',
              'pathfinders.report.fileTooLarge',
              'pathfinders.report.notPdf',
            )
          ) {
            throw error;
          }
          return sendReport(request, reply, { fileError: error.code, status: error.statusCode });
        }
        return done(reply, iso3, view.report.id, 'attached');
      },
    ),
  );

  app.get('/admin/pathfinders/:iso3/reports/:id/attachments/:attachmentId', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const file = await getAttachment({
      db: deps.db,
      iso3,
      reportId: param(request, 'id'),
      id: param(request, 'attachmentId'),
    });
    if (!file) throw notFound();
    return reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachmentDisposition(file.fileName))
      .type('application/pdf')
      .send(file.content);
  });

  app.post('/admin/pathfinders/:iso3/reports/:id/acknowledge', async (request, reply) => {
    const { iso3, view } = await loadReport(request);
    const form = parseForm(acknowledgeSchema, request.body);
    if (!form.ok) return sendReport(request, reply, { acknowledgeForm: form, status: 400 });
    await acknowledgeReport({
      db: deps.db,
      iso3,
      id: view.report.id,
      note: form.data.note,
      today: today(),
      publicUrl: deps.publicUrl,
      actor: actorOf(request),
      ip: request.ip,
    });
    deps.nudgeMail();
    return done(reply, iso3, view.report.id, 'acknowledged');
  });

  app.get('/admin/pathfinders/:iso3/reports/:id/print', async (request, reply) => {
    const { iso3, view } = await loadReport(request);
    return sendAdminPage({
      deps,
      request,
      reply,
      current: CURRENT,
      title: (tr) =>
        tr.t('pathfinders.report.title', { country: countryName({ iso3, locale: tr.locale }), year: view.report.year }),
      main: (tr) => renderReportPrint({ tr, iso3, view }),
    });
  });

  app.get('/admin/pathfinders/:iso3/reports/:id/actions.csv', async (request, reply) => {
    const { view } = await loadReport(request);
    return sendReportCsv(reply, { tr: translator(request.viewer!.locale), view, cacheControl: 'private, no-store' });
  });
}
