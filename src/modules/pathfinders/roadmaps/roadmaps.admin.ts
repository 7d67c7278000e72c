import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { actorOf, hasAnyRole } from '../../../http/viewer.ts';
import { countryName } from '../../../i18n/countries.ts';
import { sendAdminPage } from '../../admin/index.ts';
import type { LifecycleAdminDeps } from '../lifecycle/lifecycle.admin.ts';
import type { FormState } from '../lifecycle/lifecycle.views.ts';
import { requireKeptCountry } from '../pathfinders.access.ts';
import {
  actionSchema,
  adoptSchema,
  diffQuerySchema,
  prioritySchema,
  roadmapPageQuerySchema,
  startDraftSchema,
} from './roadmaps.schemas.ts';
import {
  addAction,
  addPriority,
  adoptDraft,
  changeAction,
  changePriority,
  compareVersions,
  getDraftAction,
  getDraftPriority,
  getRoadmapVersions,
  removeAction,
  removePriority,
  startDraft,
} from './roadmaps.usecases.ts';
import {
  renderActionPage,
  renderAdoptPage,
  renderDiffPage,
  renderPriorityPage,
  renderRoadmapPage,
  type RoadmapNotice,
} from './roadmaps.views.ts';

const CURRENT = '/admin/pathfinders';

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

interface RoadmapForms {
  draftForm?: FormState;
  priorityForm?: FormState;
  actionForm?: FormState;
}

/**
 * A country's roadmap in the back office: the Secretariat and the country's focal point edit the
 * draft; the Secretariat compares versions and adopts the draft.
 */
export function registerRoadmapsAdmin(app: FastifyInstance, deps: LifecycleAdminDeps): void {
  const base = (iso3: string) => `/admin/pathfinders/${iso3}/roadmap`;
  const done = (reply: FastifyReply, iso3: string, notice: RoadmapNotice, anchor = 'shown-heading') =>
    reply.redirect(`${base(iso3)}?done=${notice}#${anchor}`, 303);
  const refused = (request: FastifyRequest, error: Parameters<typeof fieldErrorsOf>[0]): FormState => ({
    values: request.body as Record<string, string>,
    errors: fieldErrorsOf(error),
  });

  const sendRoadmap = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { iso3: string; forms?: RoadmapForms; status?: number },
  ) => {
    const query = roadmapPageQuerySchema.parse(request.query ?? {});
    const found = await getRoadmapVersions({ db: deps.db, iso3: input.iso3, number: query.version });
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status,
      current: CURRENT,
      title: (tr) =>
        tr.t('pathfinders.roadmap.title', { country: countryName({ iso3: input.iso3, locale: tr.locale }) }),
      main: (tr) =>
        renderRoadmapPage({
          tr,
          csrf: deps.csrf.token(request, reply),
          iso3: input.iso3,
          ...found,
          isSecretariat: hasAnyRole(request.viewer, ['secretariat']),
          done: input.status === undefined ? query.done : undefined,
          ...input.forms,
        }),
    });
  };

  app.get('/admin/pathfinders/:iso3/roadmap', async (request, reply) =>
    sendRoadmap(request, reply, { iso3: requireKeptCountry(request) }),
  );

  app.post('/admin/pathfinders/:iso3/roadmap', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(startDraftSchema, request.body);
    if (!form.ok) return sendRoadmap(request, reply, { iso3, forms: { draftForm: form }, status: 400 });
    try {
      await startDraft({ db: deps.db, iso3, locale: form.data.locale, actor: actorOf(request), ip: request.ip });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.roadmap.draftExists')) throw error;
      return sendRoadmap(request, reply, {
        iso3,
        forms: { draftForm: refused(request, error) },
        status: error.statusCode,
      });
    }
    return done(reply, iso3, 'draft');
  });

  app.post('/admin/pathfinders/:iso3/roadmap/priorities', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(prioritySchema, request.body);
    if (!form.ok) return sendRoadmap(request, reply, { iso3, forms: { priorityForm: form }, status: 400 });
    await addPriority({ db: deps.db, iso3, form: form.data, actor: actorOf(request), ip: request.ip });
    return done(reply, iso3, 'priority');
  });

  const sendPriority = async (request: FastifyRequest, reply: FastifyReply, form?: FormState, status?: number) => {
    const iso3 = requireKeptCountry(request);
    const priority = await getDraftPriority({ db: deps.db, iso3, id: param(request, 'id') });
    if (!priority) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      status,
      current: CURRENT,
      title: (tr) => tr.t('pathfinders.roadmap.editPriority', { key: priority.key }),
      main: (tr) => renderPriorityPage({ tr, csrf: deps.csrf.token(request, reply), iso3, priority, form }),
    });
  };

  app.get('/admin/pathfinders/:iso3/roadmap/priorities/:id', async (request, reply) => sendPriority(request, reply));

  app.post('/admin/pathfinders/:iso3/roadmap/priorities/:id', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(prioritySchema, request.body);
    if (!form.ok) return sendPriority(request, reply, form, 400);
    await changePriority({
      db: deps.db,
      iso3,
      id: param(request, 'id'),
      form: form.data,
      actor: actorOf(request),
      ip: request.ip,
    });
    return done(reply, iso3, 'priority');
  });

  app.post('/admin/pathfinders/:iso3/roadmap/priorities/:id/remove', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    await removePriority({ db: deps.db, iso3, id: param(request, 'id'), actor: actorOf(request), ip: request.ip });
    return done(reply, iso3, 'removed');
  });

  app.post('/admin/pathfinders/:iso3/roadmap/actions', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(actionSchema, request.body);
    if (!form.ok) return sendRoadmap(request, reply, { iso3, forms: { actionForm: form }, status: 400 });
    try {
      await addAction({ db: deps.db, iso3, form: form.data, actor: actorOf(request), ip: request.ip });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.roadmap.unknownPriority')) throw error;
      return sendRoadmap(request, reply, {
        iso3,
        forms: { actionForm: refused(request, error) },
        status: error.statusCode,
      });
    }
    return done(reply, iso3, 'action');
  });

  const sendAction = async (request: FastifyRequest, reply: FastifyReply, form?: FormState, status?: number) => {
    const iso3 = requireKeptCountry(request);
    const found = await getDraftAction({ db: deps.db, iso3, id: param(request, 'id') });
    if (!found) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      status,
      current: CURRENT,
      title: (tr) => tr.t('pathfinders.roadmap.editAction', { key: found.action.key }),
      main: (tr) => renderActionPage({ tr, csrf: deps.csrf.token(request, reply), iso3, ...found, form }),
    });
  };

  app.get('/admin/pathfinders/:iso3/roadmap/actions/:id', async (request, reply) => sendAction(request, reply));

  app.post('/admin/pathfinders/:iso3/roadmap/actions/:id', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(actionSchema, request.body);
    if (!form.ok) return sendAction(request, reply, form, 400);
    try {
      await changeAction({
        db: deps.db,
        iso3,
        id: param(request, 'id'),
        form: form.data,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.roadmap.unknownPriority')) throw error;
      return sendAction(request, reply, refused(request, error), error.statusCode);
    }
    return done(reply, iso3, 'action');
  });

  app.post('/admin/pathfinders/:iso3/roadmap/actions/:id/remove', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    await removeAction({ db: deps.db, iso3, id: param(request, 'id'), actor: actorOf(request), ip: request.ip });
    return done(reply, iso3, 'removed');
  });

  const sendAdopt = async (request: FastifyRequest, reply: FastifyReply, form?: FormState, status?: number) => {
    const iso3 = requireKeptCountry(request);
    const found = await getRoadmapVersions({ db: deps.db, iso3 });
    const draft = found.versions.find((version) => version.status === 'draft');
    if (!draft) return reply.redirect(base(iso3), 303);
    const compared = await compareVersions({ db: deps.db, iso3, to: draft.number });
    if (!compared) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      status,
      current: CURRENT,
      title: (tr) =>
        tr.t('pathfinders.roadmap.adoptTitle', {
          number: draft.number,
          country: countryName({ iso3, locale: tr.locale }),
        }),
      main: (tr) =>
        renderAdoptPage({
          tr,
          csrf: deps.csrf.token(request, reply),
          iso3,
          draft,
          from: compared.from,
          diff: compared.diff,
          today: today(),
          form,
        }),
    });
  };

  app.get('/admin/pathfinders/:iso3/roadmap/adopt', async (request, reply) => sendAdopt(request, reply));

  app.post('/admin/pathfinders/:iso3/roadmap/adopt', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(adoptSchema, request.body);
    if (!form.ok) return sendAdopt(request, reply, form, 400);
    try {
      await adoptDraft({
        db: deps.db,
        iso3,
        adoptedOn: form.data.adopted_on,
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.move.future', 'pathfinders.roadmap.empty', 'pathfinders.roadmap.noDraft'))
        throw error;
      return sendAdopt(request, reply, refused(request, error), error.statusCode);
    }
    return done(reply, iso3, 'adopted', 'versions-heading');
  });

  app.get('/admin/pathfinders/:iso3/roadmap/diff', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const query = diffQuerySchema.parse(request.query ?? {});
    const compared = await compareVersions({ db: deps.db, iso3, from: query.from, to: query.to });
    if (!compared) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      current: CURRENT,
      title: (tr) => tr.t('pathfinders.roadmap.diff.title', { country: countryName({ iso3, locale: tr.locale }) }),
      main: (tr) => renderDiffPage({ tr, iso3, ...compared }),
    });
  });
}
