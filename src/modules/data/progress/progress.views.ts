import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { ageLabel, formatValue, indicatorLabel } from '../data.labels.ts';
import { END_THRESHOLD_PERCENT, TARGET_YEAR, type Assessment, type Verdict } from './progress.method.ts';
import type { ProgressItem } from './progress.usecases.ts';

const VERDICT_LABELS: Record<Verdict, MessageKey> = {
  on_track: 'progress.verdict.on_track',
  off_track: 'progress.verdict.off_track',
  insufficient_data: 'progress.verdict.insufficient_data',
};

const REASON_LABELS: Record<Exclude<Assessment['reason'], 'trend'>, MessageKey> = {
  no_data: 'progress.reason.no_data',
  one_point: 'progress.reason.one_point',
  not_comparable: 'progress.reason.not_comparable',
  reached: 'progress.reason.reached',
  target_passed: 'progress.reason.target_passed',
  rising_from_zero: 'progress.reason.rising_from_zero',
};

/** A yearly rate (0.159) as a percentage in the reader's language, signed or not: "−15.9 %", "15.9 %". */
function rate(tr: Translator, value: number, signed: boolean): string {
  const number = new Intl.NumberFormat(tr.locale, {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
    ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
  }).format(value * 100);
  return tr.t('data.value.percent', { value: number });
}

function threshold(tr: Translator): string {
  return formatValue(tr, END_THRESHOLD_PERCENT, 'percent');
}

/** One series' verdict, in words and with a mark that is not colour alone. */
function renderItem(tr: Translator, item: ProgressItem): SafeHtml {
  const { assessment: a } = item;
  const value = (number: number) => formatValue(tr, number, item.unit);
  const details: string[] = [];
  if (a.first && a.last && a.observedReduction !== null) {
    details.push(
      tr.t('progress.observed', {
        first: a.first.year,
        last: a.last.year,
        change: rate(tr, -a.observedReduction, true),
        from: value(a.first.value),
        to: value(a.last.value),
      }),
    );
  }
  if (a.last && a.requiredReduction !== null) {
    details.push(
      tr.t('progress.required', {
        year: a.last.year,
        threshold: threshold(tr),
        target: a.targetYear,
        rate: rate(tr, a.requiredReduction, false),
      }),
    );
  }
  if (a.reason !== 'trend') {
    details.push(tr.t(REASON_LABELS[a.reason], { threshold: threshold(tr), year: a.last?.year ?? '' }));
  }
  return html`<li class="progress-item verdict-${a.verdict}"><p class="progress-series">${tr.t('progress.item', {
    indicator: indicatorLabel(item.indicator, tr.locale),
    age: item.age === null ? '—' : ageLabel(tr, item.age),
    target: a.targetYear,
  })}</p>
<p><strong class="verdict"><span class="verdict-mark" aria-hidden="true"></span>${tr.t(VERDICT_LABELS[a.verdict])}</strong></p>
<ul>${details.map((line) => html`<li>${line}</li>`)}</ul></li>`;
}

/** The verdicts of a page's series, with a link to the method. */
export function renderProgress(input: { tr: Translator; items: readonly ProgressItem[]; empty: string }): SafeHtml {
  const { tr } = input;
  return html`${
    input.items.length === 0
      ? html`<p class="empty">${input.empty}</p>`
      : html`<ul class="progress-list">${input.items.map((item) => renderItem(tr, item))}</ul>`
  }
<p class="small"><a href="#progress-method">${tr.t('progress.method.link')}</a></p>`;
}

/** The method, written out for readers (`#progress-method`). */
export function renderProgressMethod(input: { tr: Translator; level?: 2 | 3 }): SafeHtml {
  const { tr } = input;
  const limit = threshold(tr);
  const heading = tr.t('progress.method.heading');
  return html`<section class="progress-method" aria-labelledby="progress-method">
${input.level === 3 ? html`<h3 id="progress-method">${heading}</h3>` : html`<h2 id="progress-method">${heading}</h2>`}
<p>${tr.t('progress.method.intro', { childLabourYear: TARGET_YEAR.child_labour, forcedLabourYear: TARGET_YEAR.forced_labour })}</p>
<ul>
<li>${tr.t('progress.method.series')}</li>
<li>${tr.t('progress.method.trend')}</li>
<li>${tr.t('progress.method.end', { threshold: limit })}</li>
<li>${tr.t('progress.method.needed', { threshold: limit })}</li>
<li>${tr.t('progress.method.verdict', { threshold: limit })}</li>
<li>${tr.t('progress.method.trafficking')}</li>
</ul>
</section>`;
}
