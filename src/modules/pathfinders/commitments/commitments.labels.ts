import type { MessageKey } from '../../../i18n/i18n.ts';
import type { ImportDataset, IMPORT_LAYOUTS } from './commitments.schemas.ts';
import type { Commitment, InstrumentKind, RatificationStatus, Standard } from './commitments.table.ts';

export const INSTRUMENT_KIND_LABELS: Record<InstrumentKind, MessageKey> = {
  action_plan: 'pathfinders.instrument.kind.action_plan',
  law: 'pathfinders.instrument.kind.law',
  policy: 'pathfinders.instrument.kind.policy',
};

export const COMMITMENT_LABELS: Record<Commitment, MessageKey> = {
  call_to_action: 'pathfinders.commitment.call_to_action',
  buenos_aires_2017: 'pathfinders.commitment.buenos_aires_2017',
  durban_2022: 'pathfinders.commitment.durban_2022',
};

export const STANDARD_LABELS: Record<Standard, MessageKey> = {
  C029: 'pathfinders.standard.C029',
  P029: 'pathfinders.standard.P029',
  C105: 'pathfinders.standard.C105',
  C138: 'pathfinders.standard.C138',
  C182: 'pathfinders.standard.C182',
  palermo: 'pathfinders.standard.palermo',
};

export const RATIFICATION_STATUS_LABELS: Record<RatificationStatus, MessageKey> = {
  ratified: 'pathfinders.ratification.status.ratified',
  acceded: 'pathfinders.ratification.status.acceded',
  signed: 'pathfinders.ratification.status.signed',
  not_ratified: 'pathfinders.ratification.status.not_ratified',
  denounced: 'pathfinders.ratification.status.denounced',
};

/** What each column of each kind of file holds (the import page and decisions 021 and 025 say the same). */
export const IMPORT_COLUMN_LABELS: {
  [Dataset in ImportDataset]: Record<(typeof IMPORT_LAYOUTS)[Dataset]['columns'][number], MessageKey>;
} = {
  ratifications: {
    country: 'pathfinders.import.column.country',
    standard: 'pathfinders.import.column.standard',
    status: 'pathfinders.import.column.status',
    date: 'pathfinders.import.column.date',
    source: 'pathfinders.import.column.source',
  },
  instruments: {
    country: 'pathfinders.import.column.country',
    type: 'pathfinders.import.column.type',
    title: 'pathfinders.import.column.title',
    year: 'pathfinders.import.column.year',
    url: 'pathfinders.import.column.url',
  },
  commitments: {
    country: 'pathfinders.import.column.country',
    commitment: 'pathfinders.import.column.commitment',
    year: 'pathfinders.import.column.commitmentYear',
    note: 'pathfinders.import.column.note',
    source: 'pathfinders.import.column.source',
  },
};

export const IMPORT_DATASET_LABELS: Record<ImportDataset, MessageKey> = {
  ratifications: 'pathfinders.import.dataset.ratifications',
  instruments: 'pathfinders.import.dataset.instruments',
  commitments: 'pathfinders.import.dataset.commitments',
};
