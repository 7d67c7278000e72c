import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import type { Csrf } from '../../../http/csrf.ts';
import { isAppError } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm, type FieldErrors } from '../../../http/forms.ts';
import { localeOf, sendPersonalPage } from '../../../http/public-surface.ts';
import { translator } from '../../../i18n/i18n.ts';
import type { SiteContext } from '../../../ui/layout.ts';
import type { EmailConfirmations } from '../../mail/index.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import { answerLinkSchema, answerSchema, applicationSchema } from './applications.schemas.ts';
import {
  answerInformationRequest,
  getApplicationStanding,
  getInformationRequest,
  submitApplication,
} from './applications.usecases.ts';
import {
  renderAnswerExpired,
  renderAnswerForm,
  renderAnswerReceived,
  renderApplicationConfirmed,
  renderApplicationForm,
  renderApplicationStanding,
  renderStandingUnknown,
} from './applications.views.ts';

export interface ApplyPageDeps {
  db: Db;
  site: SiteContext;
  csrf: Csrf;
  people: PeopleDirectory;
  confirmations: EmailConfirmations;
  nudgeMail: () => void;
}

/** The application form and the page where an applicant answers the Secretariat's questions. */
export function registerApplyPages(surface: FastifyInstance, deps: ApplyPageDeps): void {
  const page = (input: Omit<Parameters<typeof sendPersonalPage>[0], 'site' | 'section'>) =>
    sendPersonalPage({ ...input, site: deps.site, section: '/partners' });

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { values: Record<string, string>; errors: FieldErrors; status?: number },
  ) => {
    const locale = localeOf(request);
    return page({
      request,
      reply,
      locale,
      path: '/partners/apply',
      titleKey: 'partners.apply.title',
      ...(input.status ? { status: input.status } : {}),
      main: renderApplicationForm({ tr: translator(locale), csrf: deps.csrf.token(request, reply), ...input }),
    });
  };

  surface.get('/partners/apply', async (request, reply) => formPage(request, reply, { values: {}, errors: {} }));

  surface.post(
    '/partners/apply',
    { onRequest: surface.rateLimit({ max: 10, timeWindow: '1 minute' }) },
    async (request, reply) => {
      const locale = localeOf(request);
      const form = parseForm(applicationSchema, request.body);
      if (!form.ok) return formPage(request, reply, { values: form.values, errors: form.errors, status: 400 });
      try {
        await submitApplication({
          db: deps.db,
          application: form.data,
          locale,
          ip: request.ip,
          confirmations: deps.confirmations,
        });
      } catch (error) {
        if (!isAppError(error, 'mail.confirmation.too_many')) throw error;
        const values = Object.fromEntries(Object.entries(form.data).map(([name, value]) => [name, value ?? '']));
        return formPage(request, reply, { values, errors: fieldErrorsOf(error), status: error.statusCode });
      }
      deps.nudgeMail();
      // A refresh of the next page sends nothing again.
      return reply.redirect(`/${locale}/confirm/sent`, 303);
    },
  );

  surface.get('/partners/apply/confirmed', async (request, reply) =>
    page({
      request,
      reply,
      locale: localeOf(request),
      path: '/partners/apply/confirmed',
      titleKey: 'partners.apply.thanksTitle',
      main: renderApplicationConfirmed(translator(localeOf(request))),
    }),
  );

  // The applicant's private link: a secret in the address, tries limited per client address.
  surface.get(
    '/partners/apply/status',
    { onRequest: surface.rateLimit({ max: 30, timeWindow: '1 minute' }) },
    async (request, reply) => {
      const locale = localeOf(request);
      const { token } = answerLinkSchema.parse(request.query ?? {});
      const standing = await getApplicationStanding({ db: deps.db, token, people: deps.people });
      return page({
        request,
        reply,
        locale,
        path: '/partners/apply/status',
        titleKey: 'partners.standing.title',
        ...(standing ? { languageSearch: `?token=${encodeURIComponent(token)}` } : { status: 410 }),
        main: standing
          ? renderApplicationStanding({ tr: translator(locale), ...standing })
          : renderStandingUnknown(translator(locale)),
      });
    },
  );

  const answerPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { token: string; values: Record<string, string>; errors: FieldErrors; status?: number },
  ) => {
    const locale = localeOf(request);
    const tr = translator(locale);
    const asked = await getInformationRequest({ db: deps.db, token: input.token, people: deps.people });
    if (!asked) {
      return page({
        request,
        reply,
        locale,
        path: '/partners/apply/answer',
        titleKey: 'accounts.link.expiredTitle',
        status: 410,
        main: renderAnswerExpired(tr),
      });
    }
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
        organization: asked.organization,
        question: asked.question,
        values: input.values,
        errors: input.errors,
      }),
    });
  };

  // The answer link carries a secret: tries are limited per client address.
  const answerRate = { onRequest: surface.rateLimit({ max: 30, timeWindow: '1 minute' }) };
  surface.get('/partners/apply/answer', answerRate, async (request, reply) => {
    const { token } = answerLinkSchema.parse(request.query ?? {});
    return answerPage(request, reply, { token, values: {}, errors: {} });
  });

  surface.post('/partners/apply/answer', answerRate, async (request, reply) => {
    const locale = localeOf(request);
    const { token } = answerLinkSchema.parse(request.body ?? {});
    const form = parseForm(answerSchema, request.body);
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
      main: renderAnswerReceived(translator(locale)),
    });
  });
}
