import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { localeOf } from '../../../http/public-surface.ts';
import { translator, type Translator } from '../../../i18n/i18n.ts';
import type { SafeHtml } from '../../../ui/html.ts';
import type { AccountsPageDeps } from '../accounts.pages.ts';
import { codeSchema, recoveryCodeSchema } from './second-factor.schemas.ts';
import { totpUri } from './second-factor.totp.ts';
import {
  beginTotpSetup,
  checkSecondFactor,
  readPendingTotpSecret,
  type SecondFactorResult,
} from './second-factor.usecases.ts';
import { renderCodeForm, renderRecoveryCodes, renderTotpSetup } from './second-factor.views.ts';

/** Wrong codes per client address and minute, on each route that checks one. */
export const CODE_RATE = { max: 10, timeWindow: '1 minute' };

/** The second factor of a sign-in: the code (or a recovery code), and setting up the app. */
export function registerSecondFactorPages(surface: FastifyInstance, deps: AccountsPageDeps): void {
  const { page } = deps;
  const setSessionCookie = (reply: FastifyReply, token: string) => deps.session.set(reply, token);

  const qrFor = (secret: string, account: string) =>
    QRCode.toString(totpUri({ secret, account, issuer: 'Alliance 8.7' }), { type: 'svg', margin: 1 });

  surface.get('/sign-in/code', async (request, reply) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    if (!viewer.secondFactorPending) return reply.redirect('/admin', 303);
    if (viewer.mustSetUpSecondFactor) return reply.redirect(`/${locale}/account/second-factor`, 303);
    return page({
      request,
      reply,
      locale,
      path: '/sign-in/code',
      titleKey: 'accounts.code.title',
      main: renderCodeForm({ tr: translator(locale), csrf: deps.csrf.token(request, reply) }),
    });
  });

  /** What follows a right or wrong answer to the second factor, the same for codes and recovery codes. */
  const afterSecondFactor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { result: SecondFactorResult; renderAgain: (problem: FieldErrors, status: number) => Promise<FastifyReply> },
  ) => {
    const locale = localeOf(request);
    const { result } = input;
    if (result.status === 'accepted') {
      deps.nudgeMail();
      setSessionCookie(reply, result.token);
      if (result.recoveryCodes) {
        return page({
          request,
          reply,
          locale,
          path: '/account/second-factor',
          titleKey: 'accounts.recoveryCodes.title',
          main: renderRecoveryCodes({ tr: translator(locale), codes: result.recoveryCodes, next: '/admin' }),
        });
      }
      if (result.recoveryCodesLeft !== null) {
        return reply.redirect(`/${locale}/account?recovery_left=${result.recoveryCodesLeft}`, 303);
      }
      return reply.redirect('/admin', 303);
    }
    if (result.status === 'locked') {
      request.log.warn(
        { userId: request.viewer?.userId },
        'second-factor code refused: the account waits after wrong codes',
      );
      return input.renderAgain(
        {
          _form: {
            key: 'accounts.code.locked',
            values: { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) },
          },
        },
        429,
      );
    }
    if (result.sessionEnded) {
      request.log.warn({ userId: request.viewer?.userId }, 'pending session ended after wrong second-factor codes');
      deps.nudgeMail();
      deps.session.clear(reply);
      deps.csrf.rotate(request, reply);
      return reply.redirect(`/${locale}/sign-in?codes_refused=1`, 303);
    }
    return input.renderAgain({ _form: { key: 'accounts.code.invalid' } }, 401);
  };

  /** The sign-in answers to the second factor: a code of the app, or a recovery code. */
  const answerRoute = (input: {
    path: '/sign-in/code' | '/sign-in/recovery';
    kind: 'totp' | 'recovery';
    read: (body: unknown) => { ok: true; code: string } | { ok: false; errors: FieldErrors };
    render: (input: { tr: Translator; csrf: string; errors: FieldErrors }) => SafeHtml;
  }) =>
    surface.post(input.path, { onRequest: surface.rateLimit(CODE_RATE) }, async (request, reply) => {
      const locale = localeOf(request);
      const tr = translator(locale);
      const viewer = request.viewer!;
      if (!viewer.secondFactorPending) return reply.redirect('/admin', 303);
      if (viewer.mustSetUpSecondFactor) return reply.redirect(`/${locale}/account/second-factor`, 303);
      const renderAgain = async (errors: FieldErrors, status: number) =>
        page({
          request,
          reply,
          locale,
          path: '/sign-in/code',
          titleKey: 'accounts.code.title',
          status,
          main: input.render({ tr, csrf: deps.csrf.token(request, reply), errors }),
        });
      const answer = input.read(request.body);
      if (!answer.ok) return renderAgain(answer.errors, 400);
      const result = await checkSecondFactor({
        db: deps.db,
        box: deps.secrets,
        sessionId: viewer.sessionId,
        userId: viewer.userId,
        answer: { kind: input.kind, code: answer.code },
        ip: request.ip,
      });
      return afterSecondFactor(request, reply, { result, renderAgain });
    });

  answerRoute({
    path: '/sign-in/code',
    kind: 'totp',
    read: (body) => {
      const form = parseForm(codeSchema, body);
      return form.ok ? { ok: true, code: form.data.code } : { ok: false, errors: form.errors };
    },
    render: ({ tr, csrf, errors }) => renderCodeForm({ tr, csrf, errors }),
  });
  answerRoute({
    path: '/sign-in/recovery',
    kind: 'recovery',
    read: (body) => {
      const form = parseForm(recoveryCodeSchema, body);
      return form.ok ? { ok: true, code: form.data.recovery_code } : { ok: false, errors: form.errors };
    },
    // The recovery form's own field carries the message.
    render: ({ tr, csrf, errors }) =>
      renderCodeForm({
        tr,
        csrf,
        recoveryOpen: true,
        recoveryErrors:
          errors._form?.key === 'accounts.code.invalid'
            ? { recovery_code: { key: 'accounts.recovery.invalid' } }
            : errors,
      }),
  });

  surface.get('/account/second-factor', async (request, reply) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    if (!viewer.mustSetUpSecondFactor)
      return reply.redirect(viewer.secondFactorPending ? `/${locale}/sign-in/code` : '/admin', 303);
    const secret = await beginTotpSetup({ db: deps.db, box: deps.secrets, userId: viewer.userId });
    return page({
      request,
      reply,
      locale,
      path: '/account/second-factor',
      titleKey: 'accounts.totpSetup.title',
      main: renderTotpSetup({
        tr: translator(locale),
        csrf: deps.csrf.token(request, reply),
        secret,
        qrSvg: await qrFor(secret, viewer.email),
      }),
    });
  });

  // Set-up only: an account that has a second factor never gets a new secret here, whatever is sent.
  surface.post('/account/second-factor', { onRequest: surface.rateLimit(CODE_RATE) }, async (request, reply) => {
    const locale = localeOf(request);
    const tr = translator(locale);
    const viewer = request.viewer!;
    if (!viewer.mustSetUpSecondFactor)
      return reply.redirect(viewer.secondFactorPending ? `/${locale}/sign-in/code` : '/admin', 303);
    const secret = await readPendingTotpSecret({ db: deps.db, box: deps.secrets, userId: viewer.userId });
    if (!secret) return reply.redirect(`/${locale}/account/second-factor`, 303);
    const renderAgain = async (errors: FieldErrors, status: number) =>
      page({
        request,
        reply,
        locale,
        path: '/account/second-factor',
        titleKey: 'accounts.totpSetup.title',
        status,
        main: renderTotpSetup({
          tr,
          csrf: deps.csrf.token(request, reply),
          errors,
          secret,
          qrSvg: await qrFor(secret, viewer.email),
        }),
      });
    const form = parseForm(codeSchema, request.body);
    if (!form.ok) return renderAgain(form.errors, 400);
    const result = await checkSecondFactor({
      db: deps.db,
      box: deps.secrets,
      sessionId: viewer.sessionId,
      userId: viewer.userId,
      answer: { kind: 'totp', code: form.data.code },
      ip: request.ip,
    });
    return afterSecondFactor(request, reply, { result, renderAgain });
  });
}
