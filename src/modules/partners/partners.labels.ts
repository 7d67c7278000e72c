import type { MessageKey } from '../../i18n/i18n.ts';
import type { ActionGroup, OrganizationKind } from './partners.table.ts';

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
