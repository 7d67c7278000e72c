import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAppError, notFound } from '../../../http/errors.ts';
import { countryName } from '../../../i18n/countries.ts';
import { fieldErrorsOf, parseForm, type FieldErrors } from '../../../http/forms.ts';
import { param, RECORD_ID } from '../../../http/params.ts';
import { registerUploadRoutes } from '../../../http/uploads.ts';
import { actorOf } from '../../../http/viewer.ts';
import { sendAdminPage } from '../../admin/index.ts';
import type { CountryPage, LifecycleAdminDeps } from '../lifecycle/lifecycle.admin.ts';
import { renderRemovePage, type FormState } from '../lifecycle/lifecycle.views.ts';
import { requireKeptCountry } from '../pathfinders.access.ts';
import { supportAnswerSchema, supportRequestSchema, workshopSchema } from './workshops.schemas.ts';
import {
  addWorkshopDocument,
  answerSupport,
  DOCUMENT_MAX_BYTES,
  getSupportQueue,
  getSupportRequest,
  changeWorkshop,
  getOrganizerChoices,
  getWorkshop,
  recordWorkshop,
  removeWorkshop,
  requestSupport,
} from './workshops.usecases.ts';
import {
  describeWorkshop,
  renderSupportQueue,
  renderSupportRequest,
  renderWorkshopPage,
  type WorkshopFormState,
} from './workshops.views.ts';

export type WorkshopsAdminDeps = LifecycleAdminDeps & { publicUrl: string; nudgeMail: () => void };

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** What was typed, as text (the organisers are several values of one field). */
function typed(body: unknown): { values: Record<string, string>; organizers: string[] } {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string' && name !== '_csrf') values[name] = value;
  }
  return { values, organizers: [fields.organizers ?? []].flat().map(String) };
}

/** The workshop a form names by its id (from the country's own list). */
const workshopChoice = (field: string) =>
  z.object({ [field]: RECORD_ID.catch(0) }).transform((value) => value[field] as number);

/**
 * Workshops from a country's page: the Secretariat or the country's focal point records one and
 * adds its documents; the focal point asks for technical support. The Secretariat answers the
 * requests from its queue (`/admin/support-requests`).
 */
export function registerWorkshopsAdmin(app: FastifyInstance, deps: WorkshopsAdminDeps, page: CountryPage): void {
  app.post('/admin/pathfinders/:iso3/workshops', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(workshopSchema, request.body);
    const { values, organizers } = typed(request.body);
    if (!form.ok) {
      return page.send(request, reply, { iso3, state: { workshopForm: { ...form, organizers } }, status: 400 });
    }
    try {
      await recordWorkshop({ db: deps.db, iso3, workshop: form.data, actor: actorOf(request), ip: request.ip });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.workshop.unknownOrganizer')) throw error;
      return page.send(request, reply, {
        iso3,
        state: { workshopForm: { values, organizers, errors: fieldErrorsOf(error) } },
        status: error.statusCode,
      });
    }
    return reply.redirect(`/admin/pathfinders/${iso3}?done=workshop#workshops-heading`, 303);
  });

  registerUploadRoutes(app, { csrf: deps.csrf }, (uploads) =>
    uploads.post(
      '/admin/pathfinders/:iso3/workshop-documents',
      { maxFileBytes: DOCUMENT_MAX_BYTES },
      async (request, reply, upload) => {
        const iso3 = requireKeptCountry(request);
        const workshopId = workshopChoice('document_workshop').parse(upload.fields);
        const refuse = (errors: FieldErrors, status: number) =>
          page.send(request, reply, {
            iso3,
            state: { documentForm: { values: upload.fields, errors } },
            status,
          });
        if (!workshopId) return refuse({ document_workshop: { key: 'form.error.choose' } }, 400);
        try {
          if (upload.tooLarge) {
            return await refuse({ document: { key: 'pathfinders.document.tooLarge' } }, 400);
          }
          await addWorkshopDocument({
            db: deps.db,
            iso3,
            workshopId,
            file: upload.file,
            fileName: upload.fileName,
            actor: actorOf(request),
            ip: request.ip,
          });
        } catch (error) {
          if (
            !isAppError(
              error,
              'pathfinders.document.missing',
              'pathfinders.document.tooLarge',
              'pathfinders.document.notPdf',
            )
          )
            throw error;
          return refuse(fieldErrorsOf(error), error.statusCode);
        }
        return reply.redirect(`/admin/pathfinders/${iso3}?done=document#workshops-heading`, 303);
      },
    ),
  );

  registerWorkshopCorrections(app, deps);

  app.post('/admin/pathfinders/:iso3/support-requests', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const workshopId = workshopChoice('support_workshop').parse(request.body ?? {});
    const form = parseForm(supportRequestSchema, request.body);
    const refuse = (state: FormState, status: number) =>
      page.send(request, reply, { iso3, state: { supportForm: state }, status });
    if (!form.ok || !workshopId) {
      const { values } = typed(request.body);
      const errors = form.ok ? {} : form.errors;
      return refuse(
        { values, errors: workshopId ? errors : { support_workshop: { key: 'form.error.choose' }, ...errors } },
        400,
      );
    }
    try {
      await requestSupport({
        db: deps.db,
        iso3,
        workshopId,
        request: form.data,
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.support.past')) throw error;
      return refuse({ values: typed(request.body).values, errors: fieldErrorsOf(error) }, error.statusCode);
    }
    return reply.redirect(`/admin/pathfinders/${iso3}?done=support#workshops-heading`, 303);
  });

  app.get('/admin/support-requests', async (request, reply) => {
    const queue = await getSupportQueue({ db: deps.db });
    const answered = z
      .object({
        answered: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .optional()
          .catch(undefined),
      })
      .parse(request.query ?? {}).answered;
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('pathfinders.support.queueTitle'),
      current: '/admin/support-requests',
      main: (tr) => renderSupportQueue({ tr, ...queue, answeredCountry: answered }),
    });
  });

  const sendRequest = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { form?: FormState; status?: number } = {},
  ) => {
    const found = await getSupportRequest({ db: deps.db, id: param(request, 'id') });
    if (!found) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: (tr) => tr.t('pathfinders.support.queueTitle'),
      current: '/admin/support-requests',
      main: (tr) =>
        renderSupportRequest({ tr, csrf: deps.csrf.token(request, reply), request: found, form: input.form }),
    });
  };

  app.get('/admin/support-requests/:id', async (request, reply) => sendRequest(request, reply));

  app.post('/admin/support-requests/:id/answer', async (request, reply) => {
    const form = parseForm(supportAnswerSchema, request.body);
    if (!form.ok) return sendRequest(request, reply, { form, status: 400 });
    let answered: { iso3: string };
    try {
      answered = await answerSupport({
        db: deps.db,
        id: param(request, 'id'),
        answer: form.data.answer,
        publicUrl: deps.publicUrl,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.support.answered')) throw error;
      return sendRequest(request, reply, {
        form: { values: typed(request.body).values, errors: fieldErrorsOf(error) },
        status: error.statusCode,
      });
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/support-requests?answered=${answered.iso3}`, 303);
  });
}

/**
 * The page of one workshop (its form to correct it) and the page that asks before removing it
 * with its documents. The workshop is looked up with the country of the address, so another
 * country's workshop answers "not found", whoever asks.
 */
function registerWorkshopCorrections(app: FastifyInstance, deps: WorkshopsAdminDeps): void {
  const load = async (request: FastifyRequest) => {
    const iso3 = requireKeptCountry(request);
    const workshop = await getWorkshop({ db: deps.db, iso3, id: param(request, 'id') });
    if (!workshop) throw notFound();
    return { iso3, workshop };
  };
  const send = async (request: FastifyRequest, reply: FastifyReply, form?: WorkshopFormState, status = 200) => {
    const { iso3, workshop } = await load(request);
    const organizerChoices = await getOrganizerChoices({ db: deps.db });
    return sendAdminPage({
      deps,
      request,
      reply,
      status,
      title: (tr) => countryName({ iso3, locale: tr.locale }),
      current: '/admin/pathfinders',
      main: (tr) =>
        renderWorkshopPage({ tr, csrf: deps.csrf.token(request, reply), iso3, workshop, organizerChoices, form }),
    });
  };
  const confirmPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const { iso3, workshop } = await load(request);
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => countryName({ iso3, locale: tr.locale }),
      current: '/admin/pathfinders',
      main: (tr) =>
        renderRemovePage({
          tr,
          csrf: deps.csrf.token(request, reply),
          iso3,
          what: describeWorkshop(tr, workshop),
          explain: tr.t('pathfinders.manage.removeWorkshop', { count: workshop.documents.length }),
          action: `/admin/pathfinders/${iso3}/workshops/${workshop.id}/remove`,
          anchor: 'workshops-heading',
        }),
    });
  };

  app.get('/admin/pathfinders/:iso3/workshops/:id', async (request, reply) => send(request, reply));
  app.post('/admin/pathfinders/:iso3/workshops/:id', async (request, reply) => {
    const { iso3, workshop } = await load(request);
    const form = parseForm(workshopSchema, request.body);
    const { values, organizers } = typed(request.body);
    if (!form.ok) return send(request, reply, { ...form, organizers }, 400);
    try {
      await changeWorkshop({
        db: deps.db,
        iso3,
        id: workshop.id,
        workshop: form.data,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.workshop.unknownOrganizer')) throw error;
      return send(request, reply, { values, organizers, errors: fieldErrorsOf(error) }, error.statusCode);
    }
    return reply.redirect(`/admin/pathfinders/${iso3}?done=workshopChanged#workshops-heading`, 303);
  });
  app.get('/admin/pathfinders/:iso3/workshops/:id/remove', confirmPage);
  app.post('/admin/pathfinders/:iso3/workshops/:id/remove', async (request, reply) => {
    const { iso3, workshop } = await load(request);
    // Without the confirmation, nothing is removed: the page that asks comes back.
    if ((request.body as Record<string, unknown> | undefined)?.confirm !== 'yes') return confirmPage(request, reply);
    await removeWorkshop({ db: deps.db, iso3, id: workshop.id, actor: actorOf(request), ip: request.ip });
    return reply.redirect(`/admin/pathfinders/${iso3}?done=removed#workshops-heading`, 303);
  });
}
