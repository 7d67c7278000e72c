import { countryName } from '../../../i18n/countries.ts';
import { LANGUAGE_NAMES, type Translator } from '../../../i18n/i18n.ts';
import { selectField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { pagination } from '../../../ui/pagination.ts';
import type { NewsListQuery } from '../news.schemas.ts';
import type { StoryForReader, StoryImage } from '../news.usecases.ts';

/** How wide the image is shown: the page's column on a wide screen, the screen on a phone. */
const STORY_SIZES = '(min-width: 48rem) 46rem, 100vw';
const LIST_SIZES = '12rem';

/** A story's image, offering each width made so the browser takes the one the screen needs. */
export function storyPicture(image: StoryImage, input: { sizes: 'story' | 'list'; lang?: string }): SafeHtml {
  const sizes = input.sizes === 'story' ? STORY_SIZES : LIST_SIZES;
  const srcset = image.sources.map((source) => `${source.url} ${source.width}w`).join(', ');
  return html`<img src="${image.src}" srcset="${srcset}" sizes="${sizes}" width="${image.width}" height="${image.height}" alt="${image.alt}"${
    input.lang ? html` lang="${input.lang}"` : ''
  } loading="${input.sizes === 'list' ? 'lazy' : 'eager'}" decoding="async">`;
}

function storyDate(tr: Translator, story: StoryForReader): SafeHtml {
  return html`<time datetime="${story.publishedAt.toISOString()}">${tr.t('news.publishedOn', { date: story.publishedAt })}</time>`;
}

function fallbackNotice(tr: Translator, story: StoryForReader): SafeHtml | '' {
  return story.isFallback
    ? html`<p class="notice" role="note">${tr.t('content.fallbackNotice', { language: tr.languageName(story.locale) })}</p>`
    : '';
}

function tagLinks(tr: Translator, story: StoryForReader): SafeHtml | '' {
  if (story.tags.length === 0 && story.countries.length === 0) return '';
  const link = (query: string, label: string) =>
    html`<li><a href="${localePath(tr.locale, '/news')}?${query}">${label}</a></li>`;
  return html`<ul class="inline-list" aria-label="${tr.t('news.topics')}">${story.tags.map((tag) =>
    link(`tag=${encodeURIComponent(tag)}`, `#${tag}`),
  )}${story.countries.map((iso3) => link(`country=${iso3}`, countryName({ iso3, locale: tr.locale })))}</ul>`;
}

/** One story in a list: its title linked, date, lead, and its image if it has one. */
function teaser(tr: Translator, story: StoryForReader, input: { heading: 'h2' | 'h3'; image: boolean }): SafeHtml {
  const lang = story.isFallback ? html` lang="${story.locale}"` : '';
  const href = localePath(tr.locale, `/news/${story.slug}`);
  const title =
    input.heading === 'h2'
      ? html`<h2${lang}><a href="${href}">${story.title}</a></h2>`
      : html`<h3${lang}><a href="${href}">${story.title}</a></h3>`;
  return html`<li>${input.image && story.image ? storyPicture({ ...story.image, alt: '' }, { sizes: 'list' }) : ''}${title}
<p class="small">${storyDate(tr, story)}${story.isFallback ? html` · ${tr.t('news.inLanguage', { language: LANGUAGE_NAMES[story.locale] })}` : ''}${story.isDemo ? html` · <span class="badge">${tr.t('news.demoBadge')}</span>` : ''}</p>
${story.lead ? html`<p${lang}>${story.lead}</p>` : ''}</li>`;
}

/** The public list: filters, the stories newest first, pages, and the feed's link. */
export function renderNewsList(input: {
  tr: Translator;
  query: NewsListQuery;
  list: {
    total: number;
    page: number;
    perPage: number;
    stories: StoryForReader[];
    tags: string[];
    countries: string[];
  };
}): SafeHtml {
  const { tr, query, list } = input;
  const filtered = Boolean(query.tag || query.country);
  const path = localePath(tr.locale, '/news');
  return html`<h1>${tr.t('news.title')}</h1>
<p><a href="${localePath(tr.locale, '/news/feed.xml')}" type="application/atom+xml">${tr.t('news.feed.link')}</a></p>
${
  list.tags.length > 0 || list.countries.length > 0
    ? html`<form method="get" action="${path}" class="filters" role="search" aria-label="${tr.t('news.filters')}">
${selectField({ tr, name: 'tag', label: tr.t('news.filter.tag'), value: query.tag ?? '', options: [{ value: '', label: tr.t('news.filter.all') }, ...list.tags.map((tag) => ({ value: tag, label: `#${tag}` }))] })}
${selectField({ tr, name: 'country', label: tr.t('news.filter.country'), value: query.country ?? '', options: [{ value: '', label: tr.t('news.filter.all') }, ...list.countries.map((iso3) => ({ value: iso3, label: countryName({ iso3, locale: tr.locale }) }))] })}
<div class="field"><button type="submit" class="secondary">${tr.t('form.filter')}</button></div>
</form>`
    : ''
}
${
  list.stories.length === 0
    ? html`<p class="empty">${filtered ? tr.t('news.emptyFiltered') : tr.t('news.empty')}</p>`
    : html`<ul class="record-list news-list">${list.stories.map((story) => teaser(tr, story, { heading: 'h2', image: true }))}</ul>
${pagination({ tr, path, query: { tag: query.tag, country: query.country }, page: list.page, perPage: list.perPage, total: list.total })}`
}`;
}

/** The languages the story exists in, each but the one shown linked to its text. */
function availableLanguages(tr: Translator, story: StoryForReader): SafeHtml {
  const path = `/news/${story.slug}`;
  return html`<p class="small">${tr.t('news.availableIn')} ${story.locales.map(
    (locale, index) =>
      html`${index > 0 ? ', ' : ''}${
        locale === story.locale
          ? html`<span lang="${locale}">${LANGUAGE_NAMES[locale]}</span>`
          : html`<a href="${localePath(locale, path)}" hreflang="${locale}" lang="${locale}">${LANGUAGE_NAMES[locale]}</a>`
      }`,
  )}</p>`;
}

export function renderStory(input: { tr: Translator; story: StoryForReader & { body: SafeHtml } }): SafeHtml {
  const { tr, story } = input;
  const lang = story.isFallback ? html` lang="${story.locale}"` : '';
  return html`<p><a href="${localePath(tr.locale, '/news')}">${tr.t('news.back')}</a></p>
<article>
<h1${lang}>${story.title}</h1>
${fallbackNotice(tr, story)}
${story.isDemo ? html`<p class="notice" role="note">${tr.t('news.demoNotice')}</p>` : ''}
<p class="small">${storyDate(tr, story)}</p>
${story.lead ? html`<p class="lead"${lang}>${story.lead}</p>` : ''}
${story.image ? html`<figure class="story-image">${storyPicture(story.image, { sizes: 'story', ...(story.isFallback ? { lang: story.locale } : {}) })}</figure>` : ''}
<div class="prose"${lang}>${story.body}</div>
${tagLinks(tr, story)}
${availableLanguages(tr, story)}
</article>`;
}

/** The home page's latest news: the newest stories, without images (the home page stays light). */
export function renderLatestNews(input: { tr: Translator; stories: StoryForReader[] }): SafeHtml {
  const { tr } = input;
  return html`<section aria-labelledby="news-heading"><h2 id="news-heading">${tr.t('home.newsHeading')}</h2>${
    input.stories.length === 0
      ? html`<p class="empty">${tr.t('home.newsEmpty')}</p>`
      : html`<ul class="record-list">${input.stories.map((story) => teaser(tr, story, { heading: 'h3', image: false }))}</ul>
<p><a href="${localePath(tr.locale, '/news')}">${tr.t('news.allNews')}</a></p>`
  }</section>`;
}
