import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { isAppError, notFound } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm } from '../../../http/forms.ts';
import { actorOf, hasAnyRole } from '../../../http/viewer.ts';
import { countryName } from '../../../i18n/countries.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { getFocalPoints } from '../focal-points/focal-points.usecases.ts';
import { renderFocalPointSection } from '../focal-points/focal-points.views.ts';
import { renderReportSection } from '../reports/reports.views.ts';
import { getCountryCommitments } from '../commitments/commitments.usecases.ts';
import { renderCommitmentSection } from '../commitments/commitments.views.ts';
import { getWorkshopSectionData } from '../workshops/workshops.usecases.ts';
import { renderWorkshopSection, type WorkshopFormState } from '../workshops/workshops.views.ts';
import { keepsCountry, keptCountries, redirectToUpperCase, requireKeptCountry } from '../pathfinders.access.ts';
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
  renderOwnCountries,
  type FormState,
} from './lifecycle.views.ts';

export interface LifecycleAdminDeps extends AdminPageDeps {
  db: Db;
}

/** The forms of a country's page that can come back refused, with what was typed. */
export interface CountryPageState {
  moveForm?: FormState;
  focalPointForm?: FormState;
  reportForm?: FormState;
  workshopForm?: WorkshopFormState;
  documentForm?: FormState;
  supportForm?: FormState;
  instrumentForm?: FormState;
  commitmentForm?: FormState;
  ratificationForm?: FormState;
}

/** A country's page in the back office, where the forms of each part post and come back. */
export interface CountryPage {
  send(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { iso3: string; state?: CountryPageState; status?: number },
  ): Promise<FastifyReply>;
}

export function createCountryPage(deps: LifecycleAdminDeps): CountryPage {
  return {
    async send(request, reply, { iso3, state = {}, status = 200 }) {
      const found = await getCountryLifecycle({ db: deps.db, iso3 });
      if (!found) throw notFound();
      const focalPoints = await getFocalPoints({ db: deps.db, iso3 });
      const workshops = await getWorkshopSectionData({ db: deps.db, iso3 });
      const commitments = await getCountryCommitments({ db: deps.db, iso3 });
      const secretariat = hasAnyRole(request.viewer, ['secretariat']);
      return sendAdminPage({
        deps,
        request,
        reply,
        status,
        title: (tr) => countryName({ iso3, locale: tr.locale }),
        current: '/admin/pathfinders',
        main: (tr) => {
          const csrf = deps.csrf.token(request, reply);
          return renderCountryPage({
            tr,
            iso3,
            done: countryPageQuerySchema.parse(request.query ?? {}).done,
            sections: [
              renderLifecycleSection({
                tr,
                csrf,
                country: found.country,
                moves: found.moves,
                canMove: secretariat,
                today: today(),
                form: state.moveForm,
              }),
              renderReportSection({
                tr,
                csrf,
                iso3,
                dueOn: found.country.reportDueOn,
                today: today(),
                canSetDue: secretariat,
                form: state.reportForm,
              }),
              renderFocalPointSection({
                tr,
                csrf,
                iso3,
                focalPoints,
                canAppoint: secretariat,
                today: today(),
                form: state.focalPointForm,
              }),
              renderWorkshopSection({
                tr,
                csrf,
                iso3,
                ...workshops,
                // The focal point asks; the Secretariat answers from its queue.
                canRequestSupport: !secretariat && keepsCountry(request.viewer, iso3),
                today: today(),
                workshopForm: state.workshopForm,
                documentForm: state.documentForm,
                supportForm: state.supportForm,
              }),
              renderCommitmentSection({
                tr,
                csrf,
                iso3,
                data: commitments,
                canEdit: secretariat,
                instrumentForm: state.instrumentForm,
                commitmentForm: state.commitmentForm,
                ratificationForm: state.ratificationForm,
              }),
            ],
          });
        },
      });
    },
  };
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
export function registerLifecycleAdmin(app: FastifyInstance, deps: LifecycleAdminDeps, page: CountryPage): void {
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

  app.get('/admin/pathfinders', async (request, reply) => {
    if (hasAnyRole(request.viewer, ['secretariat'])) return sendList(request, reply);
    // A focal point goes to their country's page (or chooses, with several).
    const countries = keptCountries(request.viewer);
    if (countries.length === 1) return reply.redirect(`/admin/pathfinders/${countries[0]}`, 303);
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('pathfinders.admin.mine'),
      current: '/admin/pathfinders',
      main: (tr) => renderOwnCountries({ tr, countries }),
    });
  });

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
    return page.send(request, reply, { iso3: requireKeptCountry(request) });
  });

  app.post('/admin/pathfinders/:iso3/moves', async (request, reply) => {
    const iso3 = requireKeptCountry(request);
    const form = parseForm(moveSchema, request.body);
    if (!form.ok) return page.send(request, reply, { iso3, state: { moveForm: form }, status: 400 });
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
      return page.send(request, reply, {
        iso3,
        state: { moveForm: { values, errors: fieldErrorsOf(error) } },
        status: error.statusCode,
      });
    }
    return reply.redirect(`/admin/pathfinders/${iso3}?done=moved#lifecycle-heading`, 303);
  });
}
