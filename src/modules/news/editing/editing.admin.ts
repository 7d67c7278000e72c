import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { AppError, isAppError } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm, type FieldErrors } from '../../../http/forms.ts';
import type { PageCache } from '../../../http/page-cache.ts';
import { param } from '../../../http/params.ts';
import { registerUploadRoutes } from '../../../http/uploads.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { DEFAULT_PER_PAGE } from '../../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { STORY_IMAGE_MAX_BYTES } from '../images/images.usecases.ts';
import {
  adminListQuerySchema,
  confirmFormSchema,
  declineFormSchema,
  doneQuerySchema,
  newStoryFormSchema,
  publishFormSchema,
  storyDetailsFormSchema,
  storyTextFormSchema,
} from '../news.schemas.ts';
import { NEWS_TABLES } from '../news.table.ts';
import {
  createStory,
  declineStory,
  getStoryOverview,
  getStoryText,
  listProposingOrganizations,
  listStoriesForViewer,
  previewStoryText,
  publishStory,
  saveStoryDetails,
  saveStoryImage,
  saveStoryText,
  scopeOf,
  unpublishStory,
} from './editing.usecases.ts';
import { renderStoryEditor, renderStoryList, renderStoryOverview } from './editing.views.ts';

type EditingDeps = AdminPageDeps & { db: Db; pageCache: PageCache; now: () => Date };

type OverviewForm = {
  values: Record<string, string>;
  errors: FieldErrors;
  which: 'details' | 'publish' | 'unpublish' | 'decline';
};

/**
 * The back office's stories: the Secretariat writes, publishes (now or later), takes off and
 * declines; a partner's representative proposes stories for their organization and edits them
 * until they are published. Each story is checked against the viewer by the use cases.
 */
export function registerNewsAdmin(app: FastifyInstance, deps: EditingDeps): void {
  const changed = () => deps.pageCache.invalidateTables(NEWS_TABLES);
  const scope = (request: FastifyRequest) => scopeOf(request.viewer!);

  const list = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { values: Record<string, string>; errors: FieldErrors },
  ) => {
    const query = adminListQuerySchema.parse(request.query ?? {});
    const viewerScope = scope(request);
    const [found, organizations] = await Promise.all([
      listStoriesForViewer(deps.db, {
        scope: viewerScope,
        locale: request.viewer!.locale,
        status: query.status,
        page: query.page,
        perPage: DEFAULT_PER_PAGE,
      }),
      listProposingOrganizations(deps.db, viewerScope),
    ]);
    return sendAdminPage({
      deps,
      request,
      reply,
      status: form ? 400 : 200,
      title: (tr) => tr.t('admin.news'),
      current: '/admin/news',
      main: (tr) =>
        renderStoryList({
          tr,
          csrf: deps.csrf.token(request, reply),
          now: deps.now(),
          status: query.status,
          page: query.page,
          perPage: DEFAULT_PER_PAGE,
          list: found,
          organizations,
          secretariat: viewerScope.secretariat,
          form,
        }),
    });
  };

  app.get('/admin/news', async (request, reply) => list(request, reply));

  app.post('/admin/news', async (request, reply) => {
    const form = parseForm(newStoryFormSchema, request.body);
    if (!form.ok) return list(request, reply, form);
    try {
      const id = await createStory({
        db: deps.db,
        viewer: request.viewer!,
        slug: form.data.slug,
        organizationSlug: form.data.organization,
        actor: actorOf(request),
        ip: request.ip,
      });
      return await reply.redirect(`/admin/news/${id}?done=created`, 303);
    } catch (error) {
      if (!isAppError(error, 'news.slug.taken', 'news.organization.not_active')) throw error;
      const values = { slug: form.data.slug, organization: form.data.organization ?? '' };
      return list(request, reply, { values, errors: fieldErrorsOf(error) });
    }
  });

  const overview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { form?: OverviewForm; imageError?: MessageKey; status?: number } = {},
  ) => {
    const viewerScope = scope(request);
    const found = await getStoryOverview(deps.db, { scope: viewerScope, id: param(request, 'id') });
    const { done } = doneQuerySchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: state.status ?? (state.form ? 400 : 200),
      title: () => found.languages.find((language) => language.text)?.text?.title ?? found.story.slug,
      current: '/admin/news',
      main: (tr) =>
        renderStoryOverview({
          tr,
          csrf: deps.csrf.token(request, reply),
          now: deps.now(),
          ...found,
          secretariat: viewerScope.secretariat,
          done,
          form: state.form,
          imageError: state.imageError,
        }),
    });
  };

  app.get('/admin/news/:id', async (request, reply) => overview(request, reply));

  app.post('/admin/news/:id/details', async (request, reply) => {
    const form = parseForm(storyDetailsFormSchema, request.body);
    if (!form.ok) return overview(request, reply, { form: { ...form, which: 'details' } });
    const id = param(request, 'id');
    await saveStoryDetails({
      db: deps.db,
      scope: scope(request),
      id,
      ...form.data,
      actor: actorOf(request),
      ip: request.ip,
    });
    changed();
    return reply.redirect(`/admin/news/${id}?done=details`, 303);
  });

  registerUploadRoutes(app, { csrf: deps.csrf }, (uploads) =>
    uploads.post('/admin/news/:id/image', { maxFileBytes: STORY_IMAGE_MAX_BYTES }, async (request, reply, upload) => {
      const id = param(request, 'id');
      try {
        if (upload.tooLarge) throw new AppError('news.image.too_large', { field: 'image' });
        await saveStoryImage({
          db: deps.db,
          scope: scope(request),
          id,
          upload: upload.file,
          actor: actorOf(request),
          ip: request.ip,
        });
      } catch (error) {
        if (!isAppError(error, 'news.image.missing', 'news.image.too_large', 'news.image.not_image')) throw error;
        return overview(request, reply, { imageError: error.code, status: error.statusCode });
      }
      changed();
      return reply.redirect(`/admin/news/${id}?done=image`, 303);
    }),
  );

  app.post('/admin/news/:id/publish', async (request, reply) => {
    const form = parseForm(publishFormSchema, request.body);
    if (!form.ok) return overview(request, reply, { form: { ...form, which: 'publish' } });
    const id = param(request, 'id');
    try {
      const { scheduled } = await publishStory({
        db: deps.db,
        scope: scope(request),
        id,
        at: form.data.at,
        now: deps.now(),
        actor: actorOf(request),
        ip: request.ip,
      });
      changed();
      return await reply.redirect(`/admin/news/${id}?done=${scheduled ? 'scheduled' : 'published'}`, 303);
    } catch (error) {
      if (!isAppError(error, 'news.publish.no_text', 'news.publish.alt_missing')) throw error;
      const values = Object.fromEntries(
        Object.entries((request.body ?? {}) as Record<string, unknown>).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '_csrf',
        ),
      );
      return overview(request, reply, { form: { values, errors: fieldErrorsOf(error), which: 'publish' } });
    }
  });

  app.post('/admin/news/:id/unpublish', async (request, reply) => {
    const form = parseForm(confirmFormSchema, request.body);
    if (!form.ok) return overview(request, reply, { form: { ...form, which: 'unpublish' } });
    const id = param(request, 'id');
    await unpublishStory({ db: deps.db, scope: scope(request), id, actor: actorOf(request), ip: request.ip });
    changed();
    return reply.redirect(`/admin/news/${id}?done=unpublished`, 303);
  });

  app.post('/admin/news/:id/decline', async (request, reply) => {
    const form = parseForm(declineFormSchema, request.body);
    if (!form.ok) return overview(request, reply, { form: { ...form, which: 'decline' } });
    const id = param(request, 'id');
    await declineStory({
      db: deps.db,
      scope: scope(request),
      id,
      reason: form.data.reason,
      actor: actorOf(request),
      ip: request.ip,
    });
    return reply.redirect(`/admin/news/${id}?done=declined`, 303);
  });

  const editor = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: {
      values?: Record<string, string>;
      errors?: FieldErrors;
      preview?: ReturnType<typeof previewStoryText>;
    } = {},
  ) => {
    const locale = param(request, 'locale');
    const found = await getStoryText(deps.db, { scope: scope(request), id: param(request, 'id'), locale });
    const { done } = doneQuerySchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: state.errors ? 400 : 200,
      title: (tr) => `${found.text?.title ?? found.story.slug} · ${tr.t('content.editor.edit')}`,
      current: '/admin/news',
      main: (tr) =>
        renderStoryEditor({
          tr,
          csrf: deps.csrf.token(request, reply),
          story: found.story,
          locale,
          text: found.text,
          hasImage: found.image !== null,
          done,
          ...state,
        }),
    });
  };

  app.get('/admin/news/:id/:locale', async (request, reply) => editor(request, reply));

  app.post('/admin/news/:id/:locale', async (request, reply) => {
    const form = parseForm(storyTextFormSchema, request.body);
    if (!form.ok) return editor(request, reply, { values: form.values, errors: form.errors });
    const values = {
      title: form.data.title,
      lead: form.data.lead,
      body: form.data.body,
      image_alt: form.data.image_alt,
    };
    if (form.data.intent === 'preview') return editor(request, reply, { values, preview: previewStoryText(form.data) });
    const id = param(request, 'id');
    const locale = param(request, 'locale');
    try {
      await saveStoryText({
        db: deps.db,
        scope: scope(request),
        id,
        locale,
        form: form.data,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'news.image.alt_required')) throw error;
      return editor(request, reply, { values, errors: fieldErrorsOf(error) });
    }
    changed();
    return reply.redirect(`/admin/news/${id}/${locale}?done=saved`, 303);
  });
}
