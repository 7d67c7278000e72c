import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError, notFound } from '../../../http/errors.ts';
import type { TranslationContribution } from '../../../http/module.ts';
import type { Viewer } from '../../../http/viewer.ts';
import { LOCALES, type Locale } from '../../../i18n/i18n.ts';
import type { SafeHtml } from '../../../ui/html.ts';
import { renderMarkdown } from '../../../ui/markdown.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { prepareStoryImage } from '../images/images.usecases.ts';
import {
  countStoriesWithStatus,
  findOrganizationForStories,
  findStory,
  findStoryImage,
  insertStory,
  isStorySlugTaken,
  listActiveOrganizations,
  listStoriesForEditors,
  listStoryTranslations,
  listStoryTranslationStates,
  replaceStoryImages,
  updateStory,
  upsertStoryTranslation,
  type StoryRow,
  type StoryTranslationRow,
} from '../news.repository.ts';
import type { StoryTextForm } from '../news.schemas.ts';
import type { StoryStatus } from '../news.table.ts';
import { imageOf } from '../news.usecases.ts';

/** What a viewer may do with stories: the Secretariat everything; a representative their organizations' proposals. */
export interface NewsScope {
  secretariat: boolean;
  organizationIds: number[];
}

export function scopeOf(viewer: Viewer): NewsScope {
  return {
    secretariat: viewer.roles.some((grant) => grant.role === 'secretariat'),
    organizationIds: viewer.roles.flatMap((grant) =>
      grant.role === 'partner_rep' && grant.organizationId !== null ? [grant.organizationId] : [],
    ),
  };
}

/** Whether the viewer may edit this story: the Secretariat always, a representative their organization's until it is published. */
export function mayEdit(scope: NewsScope, story: StoryRow): boolean {
  if (scope.secretariat) return true;
  return (
    story.organizationId !== null &&
    scope.organizationIds.includes(story.organizationId) &&
    story.status !== 'published'
  );
}

/** The story, if this viewer may open it (404 when it does not exist, 403 when it is not theirs). */
export async function requireStory(db: DbExecutor, input: { scope: NewsScope; id: number }): Promise<StoryRow> {
  const story = await findStory(db, { id: input.id });
  if (!story) throw notFound();
  if (!mayEdit(input.scope, story)) throw new AppError('news.story.not_editable');
  return story;
}

export async function listStoriesForViewer(
  db: Db,
  input: { scope: NewsScope; locale: Locale; status?: StoryStatus | undefined; page: number; perPage: number },
) {
  return listStoriesForEditors(db, {
    locale: input.locale,
    status: input.status,
    organizationIds: input.scope.secretariat ? null : input.scope.organizationIds,
    limit: input.perPage,
    offset: (input.page - 1) * input.perPage,
  });
}

export async function countStoriesToReview(db: Db): Promise<number> {
  return countStoriesWithStatus(db, 'submitted');
}

/**
 * A new story: the Secretariat's is a draft; a representative's is a proposal of their (active)
 * organization, waiting for the Secretariat.
 */
export async function createStory(input: {
  db: Db;
  viewer: Viewer;
  slug: string;
  organizationSlug?: string | undefined;
  actor: Actor;
  ip: string;
}): Promise<number> {
  const scope = scopeOf(input.viewer);
  return input.db.transaction(async (tx) => {
    let organizationId: number | null = null;
    if (!scope.secretariat) {
      const organization = input.organizationSlug ? await findOrganizationForStories(tx, input.organizationSlug) : null;
      if (!organization || !scope.organizationIds.includes(organization.id)) throw new AppError('forbidden');
      if (organization.status !== 'active') throw new AppError('news.organization.not_active');
      organizationId = organization.id;
    }
    if (await isStorySlugTaken(tx, input.slug)) throw new AppError('news.slug.taken', { field: 'slug' });
    const id = await insertStory(tx, {
      slug: input.slug,
      status: organizationId === null ? 'draft' : 'submitted',
      organizationId,
      submittedBy: organizationId === null ? null : input.viewer.userId,
      submitterEmail: organizationId === null ? null : input.viewer.email,
      submitterLocale: organizationId === null ? null : input.viewer.locale,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: organizationId === null ? 'news.story_created' : 'news.story_proposed',
      entityType: 'news_story',
      entityId: input.slug,
      after: { slug: input.slug, organizationId },
      ip: input.ip,
    });
    return id;
  });
}

/** Per language: its text, whether it is older than the source language's, and the draft state. */
export interface StoryLanguage {
  locale: Locale;
  text: StoryTranslationRow | null;
  /** The source language when this text is older than it. */
  behind: Locale | null;
}

function languagesOf(story: StoryRow, translations: readonly StoryTranslationRow[]): StoryLanguage[] {
  const source = translations.find((text) => text.locale === story.sourceLocale);
  return LOCALES.map((locale) => {
    const text = translations.find((candidate) => candidate.locale === locale) ?? null;
    const behind = source && text && text.locale !== source.locale && text.updatedAt < source.updatedAt;
    return { locale, text, behind: behind ? source.locale : null };
  });
}

export async function getStoryOverview(db: Db, input: { scope: NewsScope; id: number }) {
  const story = await requireStory(db, input);
  const translations = await listStoryTranslations(db, [story.id]);
  return { story, languages: languagesOf(story, translations), image: imageOf(story, '') };
}

export async function getStoryText(db: Db, input: { scope: NewsScope; id: number; locale: Locale }) {
  const story = await requireStory(db, input);
  const translations = await listStoryTranslations(db, [story.id]);
  return {
    story,
    text: translations.find((text) => text.locale === input.locale) ?? null,
    image: imageOf(story, ''),
  };
}

export function previewStoryText(form: StoryTextForm): { title: string; lead: string; body: SafeHtml } {
  return { title: form.title, lead: form.lead, body: renderMarkdown(form.body) };
}

/** Keeps a story's text in one language; a declined proposal that its partner edits is proposed again. */
export async function saveStoryText(input: {
  db: Db;
  scope: NewsScope;
  id: number;
  locale: Locale;
  form: StoryTextForm;
  actor: Actor;
  ip: string;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const story = await requireStory(tx, input);
    if (story.imageVersion && !input.form.image_alt)
      throw new AppError('news.image.alt_required', { field: 'image_alt' });
    await upsertStoryTranslation(tx, {
      storyId: story.id,
      locale: input.locale,
      title: input.form.title,
      lead: input.form.lead,
      bodyMarkdown: input.form.body,
      imageAlt: input.form.image_alt,
    });
    await updateStory(tx, story.id, {
      ...(story.sourceLocale ? {} : { sourceLocale: input.locale }),
      ...(story.status === 'declined' && !input.scope.secretariat ? { status: 'submitted', declineReason: null } : {}),
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'news.story_text_saved',
      entityType: 'news_story',
      entityId: `${story.slug}/${input.locale}`,
      after: { title: input.form.title },
      ip: input.ip,
    });
  });
}

export async function saveStoryDetails(input: {
  db: Db;
  scope: NewsScope;
  id: number;
  tags: string[];
  countries: string[];
  actor: Actor;
  ip: string;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const story = await requireStory(tx, input);
    const tags = [...new Set(input.tags)];
    const countries = [...new Set(input.countries)];
    await updateStory(tx, story.id, { tags, countries });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'news.story_details_updated',
      entityType: 'news_story',
      entityId: story.slug,
      before: { tags: story.tags, countries: story.countries },
      after: { tags, countries },
      ip: input.ip,
    });
  });
}

export async function saveStoryImage(input: {
  db: Db;
  scope: NewsScope;
  id: number;
  upload: Buffer;
  actor: Actor;
  ip: string;
}): Promise<void> {
  await requireStory(input.db, input);
  const prepared = await prepareStoryImage(input.upload);
  await input.db.transaction(async (tx) => {
    const story = await requireStory(tx, input);
    await replaceStoryImages(tx, { storyId: story.id, images: prepared.variants });
    await updateStory(tx, story.id, {
      imageVersion: prepared.version,
      imageWidth: prepared.width,
      imageHeight: prepared.height,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'news.story_image_updated',
      entityType: 'news_story',
      entityId: story.slug,
      after: { version: prepared.version, widths: prepared.variants.map((variant) => variant.width) },
      ip: input.ip,
    });
  });
}

/**
 * Publishes a story now, or at a later time (a scheduled story becomes public by itself). It needs
 * a text, and an image needs its alt text in every language the story has.
 */
export async function publishStory(input: {
  db: Db;
  scope: NewsScope;
  id: number;
  at: Date | null;
  now: Date;
  actor: Actor;
  ip: string;
}): Promise<{ scheduled: boolean }> {
  return input.db.transaction(async (tx) => {
    const story = await requireStory(tx, input);
    const translations = await listStoryTranslations(tx, [story.id]);
    if (translations.length === 0) throw new AppError('news.publish.no_text');
    if (story.imageVersion && translations.some((text) => !text.imageAlt))
      throw new AppError('news.publish.alt_missing');
    const at = input.at && input.at > input.now ? input.at : input.now;
    const scheduled = at > input.now;
    await updateStory(tx, story.id, { status: 'published', publishAt: at, declineReason: null });
    await recordAudit(tx, {
      actor: input.actor,
      action: scheduled ? 'news.story_scheduled' : 'news.story_published',
      entityType: 'news_story',
      entityId: story.slug,
      before: { status: story.status, publishAt: story.publishAt },
      after: { status: 'published', publishAt: at },
      ip: input.ip,
    });
    return { scheduled };
  });
}

/** Takes a story off the site (or cancels its scheduled publication): it becomes a draft again. */
export async function unpublishStory(input: { db: Db; scope: NewsScope; id: number; actor: Actor; ip: string }) {
  await input.db.transaction(async (tx) => {
    const story = await requireStory(tx, input);
    await updateStory(tx, story.id, { status: 'draft', publishAt: null });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'news.story_unpublished',
      entityType: 'news_story',
      entityId: story.slug,
      before: { status: story.status, publishAt: story.publishAt },
      after: { status: 'draft' },
      ip: input.ip,
    });
  });
}

/** Declines a partner's proposal with a reason, written to its author in their language. */
export async function declineStory(input: {
  db: Db;
  scope: NewsScope;
  id: number;
  reason: string;
  actor: Actor;
  ip: string;
}): Promise<void> {
  await input.db.transaction(async (tx) => {
    const story = await requireStory(tx, input);
    if (story.status !== 'submitted') throw new AppError('news.story.not_submitted');
    await updateStory(tx, story.id, { status: 'declined', declineReason: input.reason });
    if (story.submitterEmail) {
      const translations = await listStoryTranslations(tx, [story.id]);
      const locale = story.submitterLocale ?? 'en';
      const title = (translations.find((text) => text.locale === locale) ?? translations[0])?.title ?? story.slug;
      await queueTranslatedMail(tx, {
        to: story.submitterEmail,
        locale,
        kind: 'news.story_declined',
        subject: 'mail.storyDeclined.subject',
        body: 'mail.storyDeclined.body',
        values: { title, reason: input.reason },
      });
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: 'news.story_declined',
      entityType: 'news_story',
      entityId: story.slug,
      after: { reason: input.reason },
      ip: input.ip,
    });
  });
}

/** An image for the media route: public once the story is, and to those who may edit it before. */
export async function getStoryImage(
  db: Db,
  input: { id: number; width: number; now: Date; viewer: Viewer | null },
): Promise<{ image: Buffer; version: string; isPublic: boolean } | null> {
  const story = await findStory(db, { id: input.id });
  if (!story?.imageVersion) return null;
  const isPublic = story.status === 'published' && story.publishAt !== null && story.publishAt <= input.now;
  if (!isPublic && !(input.viewer && !input.viewer.secondFactorPending && mayEdit(scopeOf(input.viewer), story)))
    return null;
  const image = await findStoryImage(db, { storyId: story.id, width: input.width });
  return image ? { image, version: story.imageVersion, isPublic } : null;
}

/** The stories to translate or bring up to date, for `/admin/translations`. */
export async function storyTranslationStatus(db: Db, readerLocale: Locale): Promise<TranslationContribution> {
  const stories = await listStoryTranslationStates(db, readerLocale);
  return {
    heading: 'news.translations.heading',
    missing: 'news.translations.missing',
    behind: 'news.translations.behind',
    items: stories.map((story) => ({
      title: story.title ?? story.slug,
      detail: `/news/${story.slug}`,
      href: (locale: Locale) => `/admin/news/${story.id}/${locale}`,
      source: story.source,
      missing: LOCALES.filter((locale) => !story.languages.some((language) => language.locale === locale)),
      behind: story.languages.filter((language) => language.outdated).map((language) => language.locale),
    })),
  };
}

/** The organizations a representative may propose stories for (none for the Secretariat). */
export async function listProposingOrganizations(db: Db, scope: NewsScope) {
  return scope.secretariat ? [] : listActiveOrganizations(db, scope.organizationIds);
}
