import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Csrf } from '../../http/csrf.ts';
import { parseForm } from '../../http/forms.ts';
import { localeOf, sendPersonalPage } from '../../http/public-surface.ts';
import { translator, type MessageKey } from '../../i18n/i18n.ts';
import { html } from '../../ui/html.ts';
import type { SiteContext } from '../../ui/layout.ts';
import { answerSchema, applicationSchema } from './partners.applications.schemas.ts';
import {
  answerInformationRequest,
  findApplicationByAnswerToken,
  getApplication,
  submitApplication,
} from './partners.applications.ts';
import type { PeopleDirectory } from './partners.people.ts';
import { renderAnswerForm, renderApplicationForm, renderApplicationReceived } from './partners.applications.views.ts';

export interface ApplyPageDeps {
  db: Db;
  site: SiteContext;
  csrf: Csrf;
  people: PeopleDirectory;
  nudgeMail: () => void;
}

/** The application form and the page where an applicant answers the Secretariat's questions. */
export function registerApplyPages(surface: FastifyInstance, deps: ApplyPageDeps): void {
  const page = (input: Omit<Parameters<typeof sendPersonalPage>[0], 'site' | 'section'>) =>
    sendPersonalPage({ ...input, site: deps.site, section: '/partners' });

  surface.get('/partners/apply', async (request, reply) => {
    const locale = localeOf(request);
    return page({
      request,
      reply,
      locale,
      path: '/partners/apply',
      titleKey: 'partners.apply.title',
      main: renderApplicationForm({
        tr: translator(locale),
        csrf: deps.csrf.token(request, reply),
        values: {},
        errors: {},
      }),
    });
  });

  surface.post(
    '/partners/apply',
    { onRequest: surface.rateLimit({ max: 10, timeWindow: '1 minute' }) },
    async (request, reply) => {
      const locale = localeOf(request);
      const tr = translator(locale);
      const form = parseForm(applicationSchema, request.body);
      if (!form.ok) {
        return page({
          request,
          reply,
          locale,
          path: '/partners/apply',
          titleKey: 'partners.apply.title',
          status: 400,
          main: renderApplicationForm({
            tr,
            csrf: deps.csrf.token(request, reply),
            values: form.values,
            errors: form.errors,
          }),
        });
      }
      const { id } = await submitApplication({ db: deps.db, application: form.data, locale, ip: request.ip });
      deps.nudgeMail();
      return page({
        request,
        reply,
        locale,
        path: '/partners/apply',
        titleKey: 'partners.apply.thanksTitle',
        main: renderApplicationReceived({ tr, reference: id, email: form.data.contact_email }),
      });
    },
  );

  const answerPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      token: string;
      values: Record<string, string>;
      errors: Record<string, { key: MessageKey }>;
      status?: number;
    },
  ) => {
    const locale = localeOf(request);
    const tr = translator(locale);
    const application = await findApplicationByAnswerToken({ db: deps.db, token: input.token, people: deps.people });
    if (!application) {
      return page({
        request,
        reply,
        locale,
        path: '/partners/apply/answer',
        titleKey: 'accounts.link.expiredTitle',
        status: 410,
        main: html`<h1>${tr.t('accounts.link.expiredTitle')}</h1><p>${tr.t('partners.answer.expired')}</p>`,
      });
    }
    const details = await getApplication(deps.db, application.id);
    const question =
      [...(details?.events ?? [])].reverse().find((event) => event.event === 'info_requested')?.note ?? null;
    return page({
      request,
      reply,
      locale,
      path: '/partners/apply/answer',
      titleKey: 'partners.answer.title',
      status: input.status ?? 200,
      main: renderAnswerForm({
        tr,
        csrf: deps.csrf.token(request, reply),
        token: input.token,
        organization: application.name,
        question,
        values: input.values,
        errors: input.errors,
      }),
    });
  };

  // The answer link carries a secret: tries are limited per client address.
  const answerRate = { onRequest: surface.rateLimit({ max: 30, timeWindow: '1 minute' }) };
  surface.get('/partners/apply/answer', answerRate, async (request, reply) => {
    const token = (request.query as Record<string, unknown>).token;
    return answerPage(request, reply, { token: typeof token === 'string' ? token : '', values: {}, errors: {} });
  });

  surface.post('/partners/apply/answer', answerRate, async (request, reply) => {
    const locale = localeOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    const form = parseForm(answerSchema, body);
    if (!form.ok) return answerPage(request, reply, { token, values: form.values, errors: form.errors, status: 400 });
    const done = await answerInformationRequest({
      db: deps.db,
      token,
      answer: form.data.answer,
      ip: request.ip,
      people: deps.people,
    });
    if (!done) return answerPage(request, reply, { token: '', values: {}, errors: {} });
    return page({
      request,
      reply,
      locale,
      path: '/partners/apply/answer',
      titleKey: 'partners.answer.thanksTitle',
      main: html`<h1>${translator(locale).t('partners.answer.thanksTitle')}</h1><p class="flash" role="status">${translator(locale).t('partners.answer.thanks')}</p>`,
    });
  });
}
