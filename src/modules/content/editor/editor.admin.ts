import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { AppError, isAppError } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm, type FieldErrors } from '../../../http/forms.ts';
import type { TranslationProvider } from '../../../http/module.ts';
import type { PageCache } from '../../../http/page-cache.ts';
import { param } from '../../../http/params.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { SiteContext } from '../../../ui/layout.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { CONTENT_TABLES } from '../content.usecases.ts';
import { editorNoticeSchema, pageEditFormSchema, restoreFormSchema, slugFormSchema } from '../content.schemas.ts';
import {
  createPage,
  getEditorText,
  getHistory,
  getPageOverview,
  getTranslationStatus,
  listPagesWithStatus,
  previewText,
  renamePage,
  restoreRevision,
  saveRevision,
} from './editor.usecases.ts';
import {
  renderHistory,
  renderPageEditor,
  renderPageList,
  renderPageOverview,
  renderTranslationStatus,
} from './editor.views.ts';

type EditorDeps = AdminPageDeps & {
  db: Db;
  pageCache: PageCache;
  site: SiteContext;
  /** Other modules' items to translate (stories…), listed after the pages. */
  translations?: readonly TranslationProvider[] | undefined;
};

interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

/**
 * The Secretariat's pages: the list, a page's overview (its address), the editor of each language
 * (preview, draft, publish) and the history (differences, restore). Publishing drops the cached
 * public pages at once; the change feed tells the other processes.
 */
export function registerEditorAdmin(app: FastifyInstance, deps: EditorDeps): void {
  const published = () => deps.pageCache.invalidateTables(CONTENT_TABLES);

  const list = async (request: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const pages = await listPagesWithStatus(deps.db, request.viewer!.locale);
    return sendAdminPage({
      deps,
      request,
      reply,
      status: form ? 400 : 200,
      title: (tr) => tr.t('admin.pages'),
      current: '/admin/pages',
      main: (tr) => renderPageList({ tr, csrf: deps.csrf.token(request, reply), pages, form }),
    });
  };

  app.get('/admin/pages', async (request, reply) => list(request, reply));

  app.get('/admin/translations', async (request, reply) => {
    const locale = request.viewer!.locale;
    const [languages, others] = await Promise.all([
      getTranslationStatus(deps.db, locale),
      Promise.all((deps.translations ?? []).map((provider) => provider(locale))),
    ]);
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('content.translations.title'),
      current: '/admin/pages',
      main: (tr) => renderTranslationStatus({ tr, languages, others }),
    });
  });

  app.post('/admin/pages', async (request, reply) => {
    const form = parseForm(slugFormSchema, request.body);
    if (!form.ok) return list(request, reply, form);
    try {
      const id = await createPage({
        db: deps.db,
        slug: form.data.slug,
        servedPaths: deps.site.publicPaths,
        actor: actorOf(request),
        ip: request.ip,
      });
      return await reply.redirect(`/admin/pages/${id}?done=created`, 303);
    } catch (error) {
      if (!isAppError(error, 'content.slug.reserved', 'content.slug.taken')) throw error;
      return list(request, reply, { values: { slug: form.data.slug }, errors: fieldErrorsOf(error) });
    }
  });

  const overview = async (request: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const { page, languages } = await getPageOverview(deps.db, param(request, 'id'));
    const { done } = editorNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: form ? 400 : 200,
      title: () => page.slug,
      current: '/admin/pages',
      main: (tr) => renderPageOverview({ tr, csrf: deps.csrf.token(request, reply), page, languages, done, form }),
    });
  };

  app.get('/admin/pages/:id', async (request, reply) => overview(request, reply));

  app.post('/admin/pages/:id/slug', async (request, reply) => {
    const form = parseForm(slugFormSchema, request.body);
    if (!form.ok) return overview(request, reply, form);
    const id = param(request, 'id');
    try {
      await renamePage({
        db: deps.db,
        pageId: id,
        slug: form.data.slug,
        servedPaths: deps.site.publicPaths,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'content.slug.reserved', 'content.slug.taken', 'content.slug.home')) throw error;
      return overview(request, reply, { values: { slug: form.data.slug }, errors: fieldErrorsOf(error) });
    }
    published();
    return reply.redirect(`/admin/pages/${id}?done=slug`, 303);
  });

  const editor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: Record<string, string>; errors?: FieldErrors; preview?: ReturnType<typeof previewText> } = {},
  ) => {
    const locale = param(request, 'locale');
    const found = await getEditorText(deps.db, { pageId: param(request, 'id'), locale });
    const { done } = editorNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: state.errors ? 400 : 200,
      title: (tr) => `${found.text?.title ?? found.page.slug} · ${tr.t('content.editor.edit')}`,
      current: '/admin/pages',
      main: (tr) =>
        renderPageEditor({ tr, csrf: deps.csrf.token(request, reply), ...found, locale, done, ...state }),
    });
  };

  app.get('/admin/pages/:id/:locale', async (request, reply) => editor(request, reply));

  app.post('/admin/pages/:id/:locale', async (request, reply) => {
    const form = parseForm(pageEditFormSchema, request.body);
    if (!form.ok) return editor(request, reply, { values: form.values, errors: form.errors });
    if (form.data.intent === 'preview') {
      const values = { title: form.data.title, summary: form.data.summary, body: form.data.body };
      return editor(request, reply, { values, preview: previewText(form.data) });
    }
    const id = param(request, 'id');
    const locale = param(request, 'locale');
    const publish = form.data.intent === 'publish';
    await saveRevision({ db: deps.db, pageId: id, locale, form: form.data, publish, actor: actorOf(request), ip: request.ip });
    if (publish) published();
    return reply.redirect(`/admin/pages/${id}/${locale}?done=${publish ? 'published' : 'draft'}`, 303);
  });

  app.get('/admin/pages/:id/:locale/history', async (request, reply) => {
    const locale = param(request, 'locale');
    const { page, entries } = await getHistory(deps.db, { pageId: param(request, 'id'), locale });
    const { done } = editorNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => `${page.slug} · ${tr.t('content.editor.history')}`,
      current: '/admin/pages',
      main: (tr) => renderHistory({ tr, csrf: deps.csrf.token(request, reply), page, locale, entries, done }),
    });
  });

  app.post('/admin/pages/:id/:locale/restore', async (request, reply) => {
    const id = param(request, 'id');
    const locale = param(request, 'locale');
    const form = restoreFormSchema.safeParse(request.body ?? {});
    if (!form.success) throw new AppError('content.revision.notFound');
    await restoreRevision({
      db: deps.db,
      pageId: id,
      locale,
      revisionId: form.data.revision,
      actor: actorOf(request),
      ip: request.ip,
    });
    published();
    return reply.redirect(`/admin/pages/${id}/${locale}/history?done=restored`, 303);
  });
}
