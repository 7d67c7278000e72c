import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import type { DatePrecision, PathfinderStage } from './pathfinders.table.ts';

export const STAGE_LABELS: Record<PathfinderStage, MessageKey> = {
  interest_expressed: 'pathfinders.stage.interest_expressed',
  under_review: 'pathfinders.stage.under_review',
  mapping: 'pathfinders.stage.mapping',
  strategic_workshop: 'pathfinders.stage.strategic_workshop',
  roadmap_adopted: 'pathfinders.stage.roadmap_adopted',
  status_granted: 'pathfinders.stage.status_granted',
  implementing: 'pathfinders.stage.implementing',
  declined: 'pathfinders.stage.declined',
  withdrawn: 'pathfinders.stage.withdrawn',
};

/** A recorded day as precisely as its source gives it: "7 February 2019", "March 2020", "2019". */
export function formatRecordedDay(input: { tr: Translator; day: string | null; precision: DatePrecision }): string {
  const { tr, day } = input;
  if (!day) return tr.t('pathfinders.date.unknown');
  const date = new Date(`${day}T00:00:00Z`);
  if (input.precision === 'year') return String(date.getUTCFullYear());
  if (input.precision === 'month') {
    return new Intl.DateTimeFormat(tr.locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
  }
  return tr.formatDate(date);
}
