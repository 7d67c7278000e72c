import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import type { Csrf } from '../../../http/csrf.ts';
import { isAppError } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm, type FieldErrors, type FormResult } from '../../../http/forms.ts';
import { localeOf, sendPersonalPage } from '../../../http/public-surface.ts';
import { registerUploadRoutes, type Upload } from '../../../http/uploads.ts';
import { translator, type MessageKey } from '../../../i18n/i18n.ts';
import type { SiteContext } from '../../../ui/layout.ts';
import type { EmailConfirmations } from '../../mail/index.ts';
import { draftLinkSchema, draftSchema, intentSchema, interestSchema } from './interests.schemas.ts';
import {
  checkLetter,
  getDraft,
  LETTER_MAX_BYTES,
  saveDraft,
  submitInterest,
  type LetterFacts,
  type LetterFile,
} from './interests.usecases.ts';
import { renderDraftExpired, renderInterestConfirmed, renderInterestForm } from './interests.views.ts';

export interface InterestPageDeps {
  db: Db;
  site: SiteContext;
  csrf: Csrf;
  confirmations: EmailConfirmations;
  publicUrl: string;
  nudgeMail: () => void;
}

/** The expression of interest: the form, its drafts' private links, the page after confirmation. */
export function registerInterestPages(surface: FastifyInstance, deps: InterestPageDeps): void {
  const page = (input: Omit<Parameters<typeof sendPersonalPage>[0], 'site' | 'section'>) =>
    sendPersonalPage({ ...input, site: deps.site, section: '/pathfinders' });

  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      values: Record<string, string>;
      errors: FieldErrors;
      status?: number;
      draftToken?: string | undefined;
      savedLink?: string | undefined;
      letter?: LetterFacts | null;
      path?: string;
      languageSearch?: string;
    },
  ) => {
    const locale = localeOf(request);
    const { status, path, languageSearch, ...form } = input;
    return page({
      request,
      reply,
      locale,
      path: path ?? '/pathfinders/apply',
      titleKey: 'pathfinders.interest.title',
      ...(status ? { status } : {}),
      ...(languageSearch ? { languageSearch } : {}),
      main: renderInterestForm({ tr: translator(locale), csrf: deps.csrf.token(request, reply), ...form }),
    });
  };

  surface.get('/pathfinders/apply', async (request, reply) => formPage(request, reply, { values: {}, errors: {} }));

  // The draft's private link: a secret in the address, tries limited per client address.
  surface.get(
    '/pathfinders/apply/draft',
    { onRequest: surface.rateLimit({ max: 30, timeWindow: '1 minute' }) },
    async (request, reply) => {
      const locale = localeOf(request);
      const { token, saved } = draftLinkSchema.parse(request.query ?? {});
      const draft = await getDraft({ db: deps.db, token });
      if (!draft) {
        return page({
          request,
          reply,
          locale,
          path: '/pathfinders/apply/draft',
          titleKey: 'accounts.link.expiredTitle',
          status: 410,
          main: renderDraftExpired(translator(locale)),
        });
      }
      const search = `?token=${encodeURIComponent(token)}`;
      return formPage(request, reply, {
        values: draft.values,
        errors: {},
        draftToken: token,
        letter: draft.letter,
        path: '/pathfinders/apply/draft',
        languageSearch: search,
        savedLink: saved ? `${deps.publicUrl}/${locale}/pathfinders/apply/draft${search}` : undefined,
      });
    },
  );

  registerUploadRoutes(surface, { csrf: deps.csrf }, (uploads) =>
    uploads.post(
      '/pathfinders/apply',
      { maxFileBytes: LETTER_MAX_BYTES, onRequest: surface.rateLimit({ max: 10, timeWindow: '1 minute' }) },
      async (request, reply, upload) => {
        const locale = localeOf(request);
        const { intent, draft: draftToken } = intentSchema.parse(upload.fields);
        const stored = draftToken ? await getDraft({ db: deps.db, token: draftToken }) : null;
        const refused = (input: { values: Record<string, string>; errors: FieldErrors; status: number }) =>
          formPage(request, reply, {
            ...input,
            draftToken: stored ? draftToken : undefined,
            letter: stored?.letter ?? null,
          });
        const letter = readLetter(upload);
        // A refused form shows every problem at once: the fields' and the letter's.
        const refuseForm = (form: FormResult<unknown>) =>
          refused({
            values: form.ok ? upload.fields : form.values,
            errors: { ...(form.ok ? {} : form.errors), ...(letter.problem ? { letter: { key: letter.problem } } : {}) },
            status: 400,
          });
        if (intent === 'draft') {
          const form = parseForm(draftSchema, upload.fields);
          if (!form.ok || letter.problem) return refuseForm(form);
          const saved = await withinLimits(() =>
            saveDraft({
              db: deps.db,
              draft: form.data,
              token: stored ? draftToken : undefined,
              letter: letter.file,
              locale,
              ip: request.ip,
            }),
          );
          if (!saved.ok) return refused({ values: upload.fields, ...saved });
          return reply.redirect(`/${locale}/pathfinders/apply/draft?token=${saved.value.token}&saved=1`, 303);
        }
        const form = parseForm(interestSchema, upload.fields);
        if (!form.ok || letter.problem) return refuseForm(form);
        const sent = await withinLimits(() =>
          submitInterest({
            db: deps.db,
            interest: form.data,
            draftToken: stored ? draftToken : undefined,
            letter: letter.file,
            locale,
            ip: request.ip,
            confirmations: deps.confirmations,
          }),
        );
        if (!sent.ok) return refused({ values: upload.fields, ...sent });
        deps.nudgeMail();
        // A refresh of the next page sends nothing again.
        return reply.redirect(`/${locale}/confirm/sent`, 303);
      },
    ),
  );

  surface.get('/pathfinders/apply/confirmed', async (request, reply) =>
    page({
      request,
      reply,
      locale: localeOf(request),
      path: '/pathfinders/apply/confirmed',
      titleKey: 'pathfinders.interest.thanksTitle',
      main: renderInterestConfirmed(translator(localeOf(request))),
    }),
  );
}

/** Runs a submission; past a limit, the message to show next to the form instead. */
async function withinLimits<T>(
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors; status: number }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!isAppError(error, 'pathfinders.interest.tooMany', 'mail.confirmation.too_many')) throw error;
    return { ok: false, errors: fieldErrorsOf(error), status: error.statusCode };
  }
}

/** The letter chosen, checked by its content (null: none), or its problem, said next to its field. */
function readLetter(upload: Upload): { file: LetterFile | null; problem: MessageKey | null } {
  try {
    return { file: checkLetter(upload), problem: null };
  } catch (error) {
    if (isAppError(error, 'pathfinders.letter.notPdf', 'pathfinders.letter.tooLarge')) {
      return { file: null, problem: error.code };
    }
    throw error;
  }
}
