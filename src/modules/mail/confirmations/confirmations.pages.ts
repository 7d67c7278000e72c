import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Csrf } from '../../../http/csrf.ts';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { localeOf, sendPersonalPage } from '../../../http/public-surface.ts';
import { translator, type MessageKey } from '../../../i18n/i18n.ts';
import type { SafeHtml } from '../../../ui/html.ts';
import type { SiteContext } from '../../../ui/layout.ts';
import { confirmationTokenSchema, resendSchema, sentPageQuerySchema } from './confirmations.schemas.ts';
import type { ConfirmationState, EmailConfirmations } from './confirmations.usecases.ts';
import { renderConfirmationProblem, renderConfirmationPrompt, renderConfirmationSent } from './confirmations.views.ts';

export interface ConfirmationPageDeps {
  site: SiteContext;
  csrf: Csrf;
  confirmations: EmailConfirmations;
  nudgeMail: () => void;
}

/**
 * The pages of address confirmation, shared by every kind of submission: the page after a
 * submission (`/confirm/sent`), the link (`/confirm?token=`, a button that confirms), a new link.
 */
export function registerConfirmationPages(surface: FastifyInstance, deps: ConfirmationPageDeps): void {
  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { path: string; titleKey: MessageKey; main: SafeHtml; status?: number; languageSearch?: string },
  ) => sendPersonalPage({ request, reply, site: deps.site, locale: localeOf(request), ...input });

  const problem = (request: FastifyRequest, reply: FastifyReply, state: Exclude<ConfirmationState, 'pending'>) => {
    const tr = translator(localeOf(request));
    return page(request, reply, {
      path: '/confirm',
      titleKey: 'mail.confirmation.problemTitle',
      status: 410,
      main: renderConfirmationProblem({ tr, csrf: deps.csrf.token(request, reply), state }),
    });
  };

  const sentPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { resent: boolean; values: Record<string, string>; errors: FieldErrors; status?: number },
  ) =>
    page(request, reply, {
      path: '/confirm/sent',
      titleKey: 'mail.confirmation.sentTitle',
      ...(input.status ? { status: input.status } : {}),
      main: renderConfirmationSent({
        tr: translator(localeOf(request)),
        csrf: deps.csrf.token(request, reply),
        ...input,
      }),
    });

  // The links carry a secret (256 random bits): tries are limited per client address as well.
  const linkRate = { onRequest: surface.rateLimit({ max: 30, timeWindow: '1 minute' }) };

  surface.get('/confirm', linkRate, async (request, reply) => {
    const { token } = confirmationTokenSchema.parse(request.query ?? {});
    const { state, purpose } = await deps.confirmations.check({ token });
    if (state !== 'pending' || !purpose) return problem(request, reply, state === 'pending' ? 'unknown' : state);
    return page(request, reply, {
      path: '/confirm',
      titleKey: 'mail.confirmation.promptTitle',
      // Another language keeps the link working.
      languageSearch: `?token=${encodeURIComponent(token)}`,
      main: renderConfirmationPrompt({
        tr: translator(localeOf(request)),
        csrf: deps.csrf.token(request, reply),
        token,
        purpose,
      }),
    });
  });

  surface.post('/confirm', linkRate, async (request, reply) => {
    const { token } = confirmationTokenSchema.parse(request.body ?? {});
    const outcome = await deps.confirmations.confirm({ token, ip: request.ip });
    if (outcome.status !== 'confirmed') return problem(request, reply, outcome.status);
    deps.nudgeMail();
    return reply.redirect(`/${localeOf(request)}${outcome.next}`, 303);
  });

  surface.get('/confirm/sent', async (request, reply) => {
    const { resent } = sentPageQuerySchema.parse(request.query ?? {});
    return sentPage(request, reply, { resent: resent === '1', values: {}, errors: {} });
  });

  surface.post(
    '/confirm/resend',
    { onRequest: surface.rateLimit({ max: 5, timeWindow: '1 minute' }) },
    async (request, reply) => {
      const form = parseForm(resendSchema, request.body);
      if (!form.ok) return sentPage(request, reply, { resent: false, ...form, status: 400 });
      await deps.confirmations.resend({ email: form.data.email });
      deps.nudgeMail();
      return reply.redirect(`/${localeOf(request)}/confirm/sent?resent=1`, 303);
    },
  );
}
