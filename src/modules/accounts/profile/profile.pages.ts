import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { localeOf } from '../../../http/public-surface.ts';
import { translator } from '../../../i18n/i18n.ts';
import { AccountsError } from '../accounts.errors.ts';
import { actorOf } from '../accounts.identity.ts';
import type { AccountsPageDeps } from '../accounts.pages.ts';
import { CODE_RATE } from '../second-factor/second-factor.pages.ts';
import { renewRecoveryCodesSchema } from '../second-factor/second-factor.schemas.ts';
import { describeSecondFactor, renewRecoveryCodes } from '../second-factor/second-factor.usecases.ts';
import { renderRecoveryCodes } from '../second-factor/second-factor.views.ts';
import { changePasswordSchema, profileSchema } from './profile.schemas.ts';
import { changePassword, updateProfile } from './profile.usecases.ts';
import { renderAccount } from './profile.views.ts';

/** The signed-in person's account page: profile, password, second factor and recovery codes. */
export function registerProfilePages(surface: FastifyInstance, deps: AccountsPageDeps): void {
  const { page } = deps;

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
