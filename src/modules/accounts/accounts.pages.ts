import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/database.ts';
import type { Csrf } from '../../http/csrf.ts';
import { parseForm, type FieldErrors } from '../../http/forms.ts';
import { SESSION_COOKIE } from '../../http/page-cache.ts';
import { localeOf, sendPersonalPage } from '../../http/public-surface.ts';
import { translator, type Locale } from '../../i18n/i18n.ts';
import type { SiteContext } from '../../ui/layout.ts';
import { AccountsError } from './accounts.errors.ts';
import {
  changePasswordSchema,
  codeSchema,
  forgotSchema,
  profileSchema,
  setPasswordSchema,
  signInSchema,
} from './accounts.schemas.ts';
import { totpUri } from './accounts.totp.ts';
import {
  actorOf,
  changePassword,
  completeSecondFactor,
  readToken,
  requestPasswordReset,
  SESSION_ABSOLUTE_MS,
  setPasswordWithToken,
  signIn,
  signOut,
  startTotpSetup,
  updateProfile,
} from './accounts.usecases.ts';
import {
  renderAccount,
  renderCodeForm,
  renderForgot,
  renderLinkExpired,
  renderSetPassword,
  renderSignIn,
  renderTotpSetup,
} from './accounts.views.ts';

export interface AccountsPageDeps {
  db: Db;
  site: SiteContext;
  config: Pick<Config, 'publicUrl' | 'secureCookies'>;
  csrf: Csrf;
  /** Asks the mailer to send what was just queued. */
  nudgeMail: () => void;
}

/** Only paths of this site, never another host (`//evil.example`). */
function safeNext(next: string | undefined): string | null {
  return next && /^\/(?![/\\])[^\s]*$/.test(next) ? next : null;
}

export function registerAccountPages(surface: FastifyInstance, deps: AccountsPageDeps): void {
  const page = (input: Omit<Parameters<typeof sendPersonalPage>[0], 'site'>) =>
    sendPersonalPage({ ...input, site: deps.site });

  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      maxAge: SESSION_ABSOLUTE_MS / 1000,
    });

  const afterPassword = (
    reply: FastifyReply,
    locale: Locale,
    input: { secondFactorPending: boolean; needsSetup: boolean; next: string | null },
  ) => {
    if (input.secondFactorPending) {
      return reply.redirect(input.needsSetup ? `/${locale}/account/second-factor` : `/${locale}/sign-in/code`, 303);
    }
    return reply.redirect(input.next ?? '/admin', 303);
  };

  surface.get('/sign-in', async (request, reply) => {
    const locale = localeOf(request);
    const query = request.query as Record<string, string | undefined>;
    const next = safeNext(query.next) ?? undefined;
    if (request.viewer && !request.viewer.secondFactorPending) return reply.redirect(next ?? '/admin', 303);
    return page({
      request,
      reply,
      locale,
      path: '/sign-in',
      titleKey: 'accounts.signIn.title',
      main: renderSignIn({
        tr: translator(locale),
        csrf: deps.csrf.token(request, reply),
        ...(next ? { next } : {}),
        signedOut: query.signed_out === '1',
      }),
    });
  });

  // Per address: the back-off of signIn(); per client: this limit.
  surface.post(
    '/sign-in',
    { onRequest: surface.rateLimit({ max: 30, timeWindow: '1 minute' }) },
    async (request, reply) => {
      const locale = localeOf(request);
      const tr = translator(locale);
      const form = parseForm(signInSchema, request.body);
      const csrf = deps.csrf.token(request, reply);
      if (!form.ok) {
        const next = safeNext(form.values.next) ?? undefined;
        return page({
          request,
          reply,
          locale,
          path: '/sign-in',
          titleKey: 'accounts.signIn.title',
          status: 400,
          main: renderSignIn({ tr, csrf, values: form.values, errors: form.errors, ...(next ? { next } : {}) }),
        });
      }
      const next = safeNext(form.data.next);
      const result = await signIn({
        db: deps.db,
        email: form.data.email,
        password: form.data.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        previousSessionId: request.viewer?.sessionId ?? null,
      });
      if (result.status !== 'signed_in') {
        const locked = result.status === 'locked';
        return page({
          request,
          reply,
          locale,
          path: '/sign-in',
          titleKey: 'accounts.signIn.title',
          status: locked ? 429 : 401,
          main: renderSignIn({
            tr,
            csrf,
            values: { email: form.data.email },
            ...(next ? { next } : {}),
            problem: locked ? 'accounts.signIn.locked' : 'accounts.signIn.invalid',
            ...(locked ? { problemValues: { minutes: Math.max(1, Math.ceil(result.retryAfterSeconds / 60)) } } : {}),
          }),
        });
      }
      setSessionCookie(reply, result.token);
      return afterPassword(reply, locale, {
        secondFactorPending: result.secondFactorPending,
        needsSetup: !result.user.totpEnabledAt,
        next,
      });
    },
  );

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

  const acceptCode =
    (path: '/sign-in/code' | '/account/second-factor') => async (request: FastifyRequest, reply: FastifyReply) => {
      const locale = localeOf(request);
      const tr = translator(locale);
      const viewer = request.viewer!;
      if (!viewer.secondFactorPending) return reply.redirect('/admin', 303);
      const csrf = deps.csrf.token(request, reply);
      const render = async (errors: FieldErrors, problem?: 'accounts.code.invalid') => {
        if (path === '/sign-in/code') return renderCodeForm({ tr, csrf, errors, ...(problem ? { problem } : {}) });
        const secret = await startTotpSetup({ db: deps.db, userId: viewer.userId });
        const qrSvg = await QRCode.toString(totpUri({ secret, account: viewer.email, issuer: 'Alliance 8.7' }), {
          type: 'svg',
          margin: 1,
        });
        return renderTotpSetup({ tr, csrf, errors, secret, qrSvg, ...(problem ? { problem } : {}) });
      };
      const form = parseForm(codeSchema, request.body);
      if (!form.ok) {
        return page({
          request,
          reply,
          locale,
          path,
          titleKey: path === '/sign-in/code' ? 'accounts.code.title' : 'accounts.totpSetup.title',
          status: 400,
          main: await render(form.errors),
        });
      }
      const accepted = await completeSecondFactor({
        db: deps.db,
        sessionId: viewer.sessionId,
        userId: viewer.userId,
        code: form.data.code,
        ip: request.ip,
      });
      if (!accepted) {
        return page({
          request,
          reply,
          locale,
          path,
          titleKey: path === '/sign-in/code' ? 'accounts.code.title' : 'accounts.totpSetup.title',
          status: 401,
          main: await render({}, 'accounts.code.invalid'),
        });
      }
      return reply.redirect('/admin', 303);
    };
  surface.post('/sign-in/code', acceptCode('/sign-in/code'));

  surface.get('/account/second-factor', async (request, reply) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    if (!viewer.mustSetUpSecondFactor)
      return reply.redirect(viewer.secondFactorPending ? `/${locale}/sign-in/code` : '/admin', 303);
    const secret = await startTotpSetup({ db: deps.db, userId: viewer.userId });
    const qrSvg = await QRCode.toString(totpUri({ secret, account: viewer.email, issuer: 'Alliance 8.7' }), {
      type: 'svg',
      margin: 1,
    });
    return page({
      request,
      reply,
      locale,
      path: '/account/second-factor',
      titleKey: 'accounts.totpSetup.title',
      main: renderTotpSetup({ tr: translator(locale), csrf: deps.csrf.token(request, reply), secret, qrSvg }),
    });
  });
  surface.post('/account/second-factor', acceptCode('/account/second-factor'));

  surface.post('/sign-out', async (request, reply) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    await signOut({
      db: deps.db,
      sessionId: viewer.sessionId,
      actor: actorOf({ id: viewer.userId, email: viewer.email }),
      ip: request.ip,
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`/${locale}/sign-in?signed_out=1`, 303);
  });

  surface.get('/password/forgot', async (request, reply) => {
    const locale = localeOf(request);
    return page({
      request,
      reply,
      locale,
      path: '/password/forgot',
      titleKey: 'accounts.forgot.title',
      main: renderForgot({ tr: translator(locale), csrf: deps.csrf.token(request, reply) }),
    });
  });

  surface.post(
    '/password/forgot',
    { onRequest: surface.rateLimit({ max: 10, timeWindow: '1 minute' }) },
    async (request, reply) => {
      const locale = localeOf(request);
      const tr = translator(locale);
      const form = parseForm(forgotSchema, request.body);
      const csrf = deps.csrf.token(request, reply);
      if (!form.ok) {
        return page({
          request,
          reply,
          locale,
          path: '/password/forgot',
          titleKey: 'accounts.forgot.title',
          status: 400,
          main: renderForgot({ tr, csrf, values: form.values, errors: form.errors }),
        });
      }
      await requestPasswordReset({
        db: deps.db,
        email: form.data.email,
        publicUrl: deps.config.publicUrl,
        ip: request.ip,
      });
      deps.nudgeMail();
      return page({
        request,
        reply,
        locale,
        path: '/password/forgot',
        titleKey: 'accounts.forgot.title',
        main: renderForgot({ tr, csrf, sent: true }),
      });
    },
  );

  const linkExpired = (request: FastifyRequest, reply: FastifyReply, locale: Locale) =>
    page({
      request,
      reply,
      locale,
      path: '/account/set-password',
      titleKey: 'accounts.link.expiredTitle',
      status: 410,
      main: renderLinkExpired(translator(locale)),
    });

  surface.get('/account/set-password', async (request, reply) => {
    const locale = localeOf(request);
    const tr = translator(locale);
    const rawToken = (request.query as Record<string, unknown>).token;
    const token = typeof rawToken === 'string' ? rawToken : '';
    const found = await readToken({ db: deps.db, token });
    if (!found) return linkExpired(request, reply, locale);
    reply.header('referrer-policy', 'no-referrer');
    return page({
      request,
      reply,
      locale,
      path: '/account/set-password',
      titleKey: found.purpose === 'password_reset' ? 'accounts.setPassword.resetTitle' : 'accounts.setPassword.title',
      main: renderSetPassword({
        tr,
        csrf: deps.csrf.token(request, reply),
        token,
        askName: !found.user.name,
        purpose: found.purpose,
      }),
    });
  });

  surface.post('/account/set-password', async (request, reply) => {
    const locale = localeOf(request);
    const tr = translator(locale);
    const csrf = deps.csrf.token(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof body.token === 'string' ? body.token : '';
    const found = await readToken({ db: deps.db, token });
    if (!found) return linkExpired(request, reply, locale);
    const askName = !found.user.name;
    const form = parseForm(
      askName ? setPasswordSchema.and(profileSchema.pick({ name: true })) : setPasswordSchema,
      body,
    );
    if (!form.ok) {
      return page({
        request,
        reply,
        locale,
        path: '/account/set-password',
        titleKey: found.purpose === 'password_reset' ? 'accounts.setPassword.resetTitle' : 'accounts.setPassword.title',
        status: 400,
        main: renderSetPassword({
          tr,
          csrf,
          token,
          askName,
          purpose: found.purpose,
          values: form.values,
          errors: form.errors,
        }),
      });
    }
    const result = await setPasswordWithToken({
      db: deps.db,
      token,
      password: form.data.password,
      name: form.data.name,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    if (!result) return linkExpired(request, reply, locale);
    setSessionCookie(reply, result.token);
    return afterPassword(reply, locale, {
      secondFactorPending: result.secondFactorPending,
      needsSetup: !result.user.totpEnabledAt,
      next: null,
    });
  });

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      profile?: { values: Record<string, string>; errors: FieldErrors };
      password?: FieldErrors;
      status?: number;
    },
  ) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    const saved = (request.query as Record<string, string | undefined>).saved;
    return page({
      request,
      reply,
      locale,
      path: '/account',
      titleKey: 'accounts.profile.title',
      status: state.status ?? 200,
      main: renderAccount({
        tr: translator(locale),
        csrf: deps.csrf.token(request, reply),
        email: viewer.email,
        profile: state.profile ?? { values: { name: viewer.name, locale: viewer.locale }, errors: {} },
        password: { errors: state.password ?? {} },
        ...(saved === 'profile' || saved === 'password' ? { saved } : {}),
      }),
    });
  };

  surface.get('/account', async (request, reply) => accountPage(request, reply, {}));

  surface.post('/account', async (request, reply) => {
    const viewer = request.viewer!;
    const form = parseForm(profileSchema, request.body);
    if (!form.ok)
      return accountPage(request, reply, { profile: { values: form.values, errors: form.errors }, status: 400 });
    await updateProfile({
      db: deps.db,
      userId: viewer.userId,
      name: form.data.name,
      locale: form.data.locale,
      actor: actorOf({ id: viewer.userId, email: viewer.email }),
      ip: request.ip,
    });
    return reply.redirect(`/${form.data.locale}/account?saved=profile`, 303);
  });

  surface.post('/account/password', async (request, reply) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    const form = parseForm(changePasswordSchema, request.body);
    if (!form.ok) return accountPage(request, reply, { password: form.errors, status: 400 });
    try {
      await changePassword({
        db: deps.db,
        userId: viewer.userId,
        sessionId: viewer.sessionId,
        currentPassword: form.data.current_password,
        newPassword: form.data.password,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    } catch (error) {
      if (error instanceof AccountsError) {
        return accountPage(request, reply, {
          password: { [error.field ?? '_form']: { key: error.code } },
          status: 400,
        });
      }
      throw error;
    }
    return reply.redirect(`/${locale}/account?saved=password`, 303);
  });
}
