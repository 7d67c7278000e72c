import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../../http/forms.ts';
import { localeOf } from '../../../http/public-surface.ts';
import { isLocale, translator, type Locale } from '../../../i18n/i18n.ts';
import type { AccountsPageDeps } from '../accounts.pages.ts';
import { profileSchema } from '../profile/profile.schemas.ts';
import { forgotSchema, setPasswordSchema, signInSchema } from './sign-in.schemas.ts';
import { readToken, requestPasswordReset, setPasswordWithToken, signIn, signOut } from './sign-in.usecases.ts';
import { renderForgot, renderLinkExpired, renderSetPassword, renderSignIn } from './sign-in.views.ts';
import { actorOf } from '../accounts.identity.ts';

/**
 * Where to go after signing in: only a clean path of this site (printable ASCII, no control
 * characters, no backslash, never `//other.example`), else nowhere in particular.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  return /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next) ? next : null;
}

/** One-time links tried per client address and minute. */
const LINK_RATE = { max: 30, timeWindow: '1 minute' };

/** Sign-in with the password, sign-out, the password reset and the pages of one-time links. */
export function registerSignInPages(surface: FastifyInstance, deps: AccountsPageDeps): void {
  const { page } = deps;
  const setSessionCookie = (reply: FastifyReply, token: string) => deps.session.set(reply, token);

  /** Once the password is accepted the account is known: what follows is in its language. */
  const afterPassword = (
    reply: FastifyReply,
    pageLocale: Locale,
    input: { secondFactorPending: boolean; needsSetup: boolean; next: string | null; accountLocale: string },
  ) => {
    const locale = isLocale(input.accountLocale) ? input.accountLocale : pageLocale;
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
        ...(query.signed_out === '1' ? { notice: 'accounts.signOut.done' as const } : {}),
        ...(query.codes_refused === '1' ? { notice: 'accounts.code.sessionEnded' as const } : {}),
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
        if (locked) request.log.warn('sign-in refused: the account waits after wrong passwords');
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
      deps.csrf.rotate(request, reply);
      return afterPassword(reply, locale, {
        secondFactorPending: result.secondFactorPending,
        needsSetup: !result.user.totpEnabledAt,
        next,
        accountLocale: result.user.locale,
      });
    },
  );

  surface.post('/sign-out', async (request, reply) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    await signOut({
      db: deps.db,
      sessionId: viewer.sessionId,
      actor: actorOf({ id: viewer.userId, email: viewer.email }),
      ip: request.ip,
    });
    deps.session.clear(reply);
    deps.csrf.rotate(request, reply);
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

  // The language switcher of a one-time link's page keeps the link's token, and only it: the
  // switcher's links stay on this site and the page sends no Referer, so the token goes nowhere else.
  const tokenSearch = (token: string) => `?token=${encodeURIComponent(token)}`;

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

  surface.get('/account/set-password', { onRequest: surface.rateLimit(LINK_RATE) }, async (request, reply) => {
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
      languageSearch: tokenSearch(token),
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

  surface.post('/account/set-password', { onRequest: surface.rateLimit(LINK_RATE) }, async (request, reply) => {
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
        languageSearch: tokenSearch(token),
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
    deps.csrf.rotate(request, reply);
    return afterPassword(reply, locale, {
      secondFactorPending: result.secondFactorPending,
      needsSetup: !result.user.totpEnabledAt,
      next: null,
      accountLocale: result.user.locale,
    });
  });
}
