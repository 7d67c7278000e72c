import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../../config/config.ts';
import type { SecretBox } from '../../config/secrets-key.ts';
import type { Db } from '../../db/database.ts';
import type { SiteCookie } from '../../http/cookies.ts';
import type { Csrf } from '../../http/csrf.ts';
import { parseForm, type FieldErrors } from '../../http/forms.ts';
import { localeOf, sendPersonalPage } from '../../http/public-surface.ts';
import { isLocale, translator, type Locale, type Translator } from '../../i18n/i18n.ts';
import type { SafeHtml } from '../../ui/html.ts';
import type { SiteContext } from '../../ui/layout.ts';
import { AccountsError } from './accounts.errors.ts';
import {
  changePasswordSchema,
  codeSchema,
  forgotSchema,
  profileSchema,
  recoveryCodeSchema,
  renewRecoveryCodesSchema,
  setPasswordSchema,
  signInSchema,
} from './accounts.schemas.ts';
import {
  beginTotpSetup,
  checkSecondFactor,
  describeSecondFactor,
  readPendingTotpSecret,
  renewRecoveryCodes,
  type SecondFactorResult,
} from './accounts.second-factor.ts';
import { totpUri } from './accounts.totp.ts';
import {
  actorOf,
  changePassword,
  readToken,
  requestPasswordReset,
  setPasswordWithToken,
  signIn,
  signOut,
  updateProfile,
} from './accounts.usecases.ts';
import {
  renderAccount,
  renderCodeForm,
  renderForgot,
  renderLinkExpired,
  renderRecoveryCodes,
  renderSetPassword,
  renderSignIn,
  renderTotpSetup,
} from './accounts.views.ts';

export interface AccountsPageDeps {
  db: Db;
  site: SiteContext;
  config: Pick<Config, 'publicUrl' | 'secureCookies'>;
  csrf: Csrf;
  /** Seals and opens the authenticator secrets kept in the database. */
  secrets: SecretBox;
  session: SiteCookie;
  /** Asks the mailer to send what was just queued. */
  nudgeMail: () => void;
}

/**
 * Where to go after signing in: only a clean path of this site (printable ASCII, no control
 * characters, no backslash, never `//other.example`), else nowhere in particular.
 */
export function safeNext(next: unknown): string | null {
  if (typeof next !== 'string' || next.length > 500) return null;
  return /^\/(?![/\\])[\x21-\x5b\x5d-\x7e]*$/.test(next) ? next : null;
}

/** Wrong codes per client address and minute, on each route that checks one. */
const CODE_RATE = { max: 10, timeWindow: '1 minute' };
/** One-time links tried per client address and minute. */
const LINK_RATE = { max: 30, timeWindow: '1 minute' };

export function registerAccountPages(surface: FastifyInstance, deps: AccountsPageDeps): void {
  const page = (input: Omit<Parameters<typeof sendPersonalPage>[0], 'site'>) =>
    sendPersonalPage({ ...input, site: deps.site });

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

  const accountPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      profile?: { values: Record<string, string>; errors: FieldErrors };
      password?: FieldErrors;
      recovery?: FieldErrors;
      status?: number;
    },
  ) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    const query = request.query as Record<string, string | undefined>;
    const saved = query.saved;
    const secondFactor = await describeSecondFactor({ db: deps.db, userId: viewer.userId });
    const recoveryLeft = /^\d{1,2}$/.test(query.recovery_left ?? '') ? Number(query.recovery_left) : null;
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
        secondFactor: { ...secondFactor, errors: state.recovery ?? {}, justUsedRecoveryCode: recoveryLeft !== null },
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

  surface.post('/account/recovery-codes', { onRequest: surface.rateLimit(CODE_RATE) }, async (request, reply) => {
    const locale = localeOf(request);
    const viewer = request.viewer!;
    const form = parseForm(renewRecoveryCodesSchema, request.body);
    if (!form.ok) return accountPage(request, reply, { recovery: form.errors, status: 400 });
    let codes: string[];
    try {
      codes = await renewRecoveryCodes({
        db: deps.db,
        userId: viewer.userId,
        password: form.data.current_password,
        ip: request.ip,
      });
    } catch (error) {
      if (error instanceof AccountsError) {
        return accountPage(request, reply, {
          recovery: { [error.field ?? '_form']: { key: error.code } },
          status: error.code === 'accounts.error.tooManyAttempts' ? 429 : 400,
        });
      }
      throw error;
    }
    deps.nudgeMail();
    return page({
      request,
      reply,
      locale,
      path: '/account',
      titleKey: 'accounts.recoveryCodes.title',
      main: renderRecoveryCodes({ tr: translator(locale), codes, next: `/${locale}/account` }),
    });
  });
}
