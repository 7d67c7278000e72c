import type { MessageKey, Translator } from '../../i18n/i18n.ts';
import {
  ORGANIZATION_KINDS,
  type ActionGroup,
  type OrganizationKind,
  type OrganizationStatus,
} from './partners.table.ts';

export const KIND_LABELS: Record<OrganizationKind, MessageKey> = {
  government: 'partners.kind.government',
  international_org: 'partners.kind.international_org',
  regional_org: 'partners.kind.regional_org',
  workers_org: 'partners.kind.workers_org',
  employers_org: 'partners.kind.employers_org',
  civil_society: 'partners.kind.civil_society',
  academic: 'partners.kind.academic',
  other: 'partners.kind.other',
};

/** Every kind as options of a select, in the reader's language. */
export function kindOptions(tr: Translator): { value: OrganizationKind; label: string }[] {
  return ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: tr.t(KIND_LABELS[kind]) }));
}

export const ACTION_GROUP_LABELS: Record<ActionGroup, MessageKey> = {
  'supply-chains': 'actionGroup.supplyChains',
  migration: 'actionGroup.migration',
  'rule-of-law-and-governance': 'actionGroup.ruleOfLaw',
  'conflicts-and-humanitarian-settings': 'actionGroup.conflicts',
};

export const SORT_LABELS: Record<'name' | 'newest' | 'country', MessageKey> = {
  name: 'partners.sort.name',
  newest: 'partners.sort.newest',
  country: 'partners.sort.country',
};

export const ORGANIZATION_STATUS_LABELS: Record<OrganizationStatus, MessageKey> = {
  applicant: 'partners.status.applicant',
  active: 'partners.status.active',
  suspended: 'partners.status.suspended',
  withdrawn: 'partners.status.withdrawn',
};
