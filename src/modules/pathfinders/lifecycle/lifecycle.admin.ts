import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { isAppError, notFound } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm } from '../../../http/forms.ts';
import { actorOf, hasAnyRole } from '../../../http/viewer.ts';
import { countryName } from '../../../i18n/countries.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { redirectToUpperCase, requireKeptCountry } from '../pathfinders.access.ts';
import { addCountrySchema, iso3Code, moveSchema } from './lifecycle.schemas.ts';
import {
  addPathfinderCountry,
  getCountryLifecycle,
  listPathfinderCountries,
  moveCountry,
} from './lifecycle.usecases.ts';
import {
  COUNTRY_PAGE_NOTICES,
  renderCountryList,
  renderCountryPage,
  renderLifecycleSection,
  type FormState,
} from './lifecycle.views.ts';

export interface LifecycleAdminDeps extends AdminPageDeps {
  db: Db;
}

const listQuerySchema = z.object({ added: iso3Code.optional().catch(undefined) });
const countryPageQuerySchema = z.object({ done: z.enum(COUNTRY_PAGE_NOTICES).optional().catch(undefined) });
const MOVE_ERRORS = [
  'pathfinders.move.future',
  'pathfinders.move.tooEarly',
  'pathfinders.move.notAllowed',
  'pathfinders.move.decisionRequired',
  'pathfinders.move.decisionDateRequired',
  'pathfinders.move.decisionAfter',
] as const;

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The Secretariat's list of countries and the page of one country, where its forms post. */
export function registerLifecycleAdmin(app: FastifyInstance, deps: LifecycleAdminDeps): void {
  const sendList = async (request: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    const rows = await listPathfinderCountries({ db: deps.db });
    const query = listQuerySchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status,
      title: (tr) => tr.t('admin.pathfinders'),
      current: '/admin/pathfinders',
      main: (tr) =>
        renderCountryList({
          tr,
          csrf: deps.csrf.token(request, reply),
          rows,
          today: today(),
          form,
          added: query.added,
        }),
    });
  };

  const sendCountry = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { iso3: string; moveForm?: FormState; status?: number },
  ) => {
    const found = await getCountryLifecycle({ db: deps.db, iso3: input.iso3 });
    if (!found) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: (tr) => countryName({ iso3: input.iso3, locale: tr.locale }),
      current: '/admin/pathfinders',
      main: (tr) =>
        renderCountryPage({
          tr,
          iso3: input.iso3,
          done: countryPageQuerySchema.parse(request.query ?? {}).done,
          sections: [
            renderLifecycleSection({
              tr,
              csrf: deps.csrf.token(request, reply),
              country: found.country,
              moves: found.moves,
              canMove: hasAnyRole(request.viewer, ['secretariat']),
              today: today(),
              form: input.moveForm,
            }),
          ],
        }),
    });
  };

  app.get('/admin/pathfinders', async (request, reply) => sendList(request, reply));

  app.post('/admin/pathfinders', async (request, reply) => {
    const form = parseForm(addCountrySchema, request.body);
    if (!form.ok) return sendList(request, reply, form, 400);
    try {
      await addPathfinderCountry({
        db: deps.db,
        country: form.data,
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.country.exists', 'pathfinders.move.future')) throw error;
      const values = request.body as Record<string, string>;
      return sendList(request, reply, { values, errors: fieldErrorsOf(error) }, error.statusCode);
    }
    return reply.redirect(`/admin/pathfinders?added=${form.data.country}`, 303);
  });

  app.get('/admin/pathfinders/:iso3', async (request, reply) => {
    const redirect = redirectToUpperCase(request, reply);
    if (redirect) return redirect;
    return sendCountry(request, reply, { iso3: requireKeptCountry(request) });
  });

  app.post('/admin/pathfinders/:iso3/moves', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(moveSchema, request.body);
    if (!form.ok) return sendCountry(request, reply, { iso3, moveForm: form, status: 400 });
    try {
      await moveCountry({
        db: deps.db,
        iso3,
        move: form.data,
        today: today(),
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, ...MOVE_ERRORS)) throw error;
      const values = request.body as Record<string, string>;
      return sendCountry(request, reply, {
        iso3,
        moveForm: { values, errors: fieldErrorsOf(error) },
        status: error.statusCode,
      });
    }
    return reply.redirect(`/admin/pathfinders/${iso3}?done=moved#lifecycle-heading`, 303);
  });
}
