import { countryName } from '../../i18n/countries.ts';
import { dictionaries, type Locale, type MessageKey, type Translator } from '../../i18n/i18n.ts';
import { selectField, textField } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { pagination } from '../../ui/pagination.ts';
import { dataTable } from '../../ui/tables.ts';
import type { AuditFilterForm } from './audit.schemas.ts';
import type { AuditActor, AuditLine, AuditRole } from './audit.usecases.ts';

/** Each recorded action, told as a sentence; an action not listed here is shown by its code. */
const SENTENCES: Record<string, MessageKey> = {
  'accounts.sign_in_refused_backoff': 'audit.sentence.signInRefused',
  'accounts.sign_in_failed': 'audit.sentence.signInFailed',
  'accounts.password_accepted': 'audit.sentence.passwordAccepted',
  'accounts.signed_in': 'audit.sentence.signedIn',
  'accounts.signed_out': 'audit.sentence.signedOut',
  'accounts.second_factor_failed': 'audit.sentence.secondFactorFailed',
  'accounts.second_factor_enabled': 'audit.sentence.secondFactorEnabled',
  'accounts.second_factor_refused_backoff': 'audit.sentence.secondFactorRefused',
  'accounts.recovery_code_failed': 'audit.sentence.recoveryCodeFailed',
  'accounts.recovery_code_used': 'audit.sentence.recoveryCodeUsed',
  'accounts.recovery_codes_renewed': 'audit.sentence.recoveryCodesRenewed',
  'accounts.second_factor_reset': 'audit.sentence.secondFactorReset',
  'accounts.reset_requested': 'audit.sentence.resetRequested',
  'accounts.reset_request_limited': 'audit.sentence.resetLimited',
  'accounts.password_reset': 'audit.sentence.passwordReset',
  'accounts.password_set': 'audit.sentence.passwordSet',
  'accounts.role_granted': 'audit.sentence.roleGranted',
  'accounts.role_revoked': 'audit.sentence.roleRevoked',
  'accounts.user_invited': 'audit.sentence.userInvited',
  'accounts.sign_in_link_issued': 'audit.sentence.signInLinkIssued',
  'accounts.user_deactivated': 'audit.sentence.userDeactivated',
  'accounts.user_reactivated': 'audit.sentence.userReactivated',
  'accounts.profile_updated': 'audit.sentence.profileUpdated',
  'accounts.password_changed': 'audit.sentence.passwordChanged',
  'accounts.user_created': 'audit.sentence.userCreated',
  'partners.application_submitted': 'audit.sentence.applicationSubmitted',
  'partners.application_approved': 'audit.sentence.applicationApproved',
  'partners.organization_created': 'audit.sentence.organizationCreated',
  'partners.application_declined': 'audit.sentence.applicationDeclined',
  'partners.application_info_requested': 'audit.sentence.applicationInfoRequested',
  'partners.application_answered': 'audit.sentence.applicationAnswered',
  'partners.profile_updated': 'audit.sentence.partnerProfileUpdated',
  'partners.organization_withdrawn': 'audit.sentence.organizationWithdrawn',
  'partners.organization_status_changed': 'audit.sentence.organizationStatusChanged',
  'partners.change_requested': 'audit.sentence.changeRequested',
  'partners.change_approved': 'audit.sentence.changeApproved',
  'partners.change_declined': 'audit.sentence.changeDeclined',
  'partners.logo_updated': 'audit.sentence.logoUpdated',
  'content.page_text_updated': 'audit.sentence.pageTextUpdated',
  'pathfinders.country_added': 'audit.sentence.pathfinderCountryAdded',
  'pathfinders.stage_moved': 'audit.sentence.pathfinderStageMoved',
  'content.page_created': 'audit.sentence.pageCreated',
  'content.page_draft_saved': 'audit.sentence.pageDraftSaved',
  'content.page_published': 'audit.sentence.pagePublished',
  'content.page_restored': 'audit.sentence.pageRestored',
  'content.page_slug_changed': 'audit.sentence.pageSlugChanged',
  'content.menu_updated': 'audit.sentence.menuUpdated',
  'pathfinders.focal_point_appointed': 'audit.sentence.pathfinderFocalPointAppointed',
  'pathfinders.report_due_set': 'audit.sentence.pathfinderReportDueSet',
  'pathfinders.workshop_recorded': 'audit.sentence.pathfinderWorkshopRecorded',
  'pathfinders.workshop_document_added': 'audit.sentence.pathfinderWorkshopDocumentAdded',
  'pathfinders.support_requested': 'audit.sentence.pathfinderSupportRequested',
  'pathfinders.support_answered': 'audit.sentence.pathfinderSupportAnswered',
  'pathfinders.instrument_added': 'audit.sentence.pathfinderInstrumentAdded',
  'pathfinders.commitment_recorded': 'audit.sentence.pathfinderCommitmentRecorded',
  'pathfinders.ratification_recorded': 'audit.sentence.pathfinderRatificationRecorded',
  'pathfinders.ratifications_imported': 'audit.sentence.pathfinderRatificationsImported',
  'pathfinders.instruments_imported': 'audit.sentence.pathfinderInstrumentsImported',
  'pathfinders.commitments_imported': 'audit.sentence.pathfinderCommitmentsImported',
  'pathfinders.instrument_changed': 'audit.sentence.pathfinderInstrumentChanged',
  'pathfinders.instrument_removed': 'audit.sentence.pathfinderInstrumentRemoved',
  'pathfinders.commitment_removed': 'audit.sentence.pathfinderCommitmentRemoved',
  'pathfinders.ratification_removed': 'audit.sentence.pathfinderRatificationRemoved',
  'pathfinders.workshop_changed': 'audit.sentence.pathfinderWorkshopChanged',
  'pathfinders.workshop_removed': 'audit.sentence.pathfinderWorkshopRemoved',
  'pathfinders.roadmap_draft_started': 'audit.sentence.pathfinderRoadmapDraftStarted',
  'pathfinders.roadmap_priority_added': 'audit.sentence.pathfinderRoadmapPriorityAdded',
  'pathfinders.roadmap_priority_changed': 'audit.sentence.pathfinderRoadmapPriorityChanged',
  'pathfinders.roadmap_priority_removed': 'audit.sentence.pathfinderRoadmapPriorityRemoved',
  'pathfinders.roadmap_action_added': 'audit.sentence.pathfinderRoadmapActionAdded',
  'pathfinders.roadmap_action_changed': 'audit.sentence.pathfinderRoadmapActionChanged',
  'pathfinders.roadmap_action_removed': 'audit.sentence.pathfinderRoadmapActionRemoved',
  'pathfinders.roadmap_adopted': 'audit.sentence.pathfinderRoadmapAdopted',
  'pathfinders.report_started': 'audit.sentence.pathfinderReportStarted',
  'pathfinders.report_saved': 'audit.sentence.pathfinderReportSaved',
  'pathfinders.report_submitted': 'audit.sentence.pathfinderReportSubmitted',
  'pathfinders.report_attachment_added': 'audit.sentence.pathfinderReportAttachmentAdded',
  'pathfinders.report_acknowledged': 'audit.sentence.pathfinderReportAcknowledged',
  'pathfinders.interest_submitted': 'audit.sentence.interestSubmitted',
  'pathfinders.interest_accepted': 'audit.sentence.interestAccepted',
  'pathfinders.interest_declined': 'audit.sentence.interestDeclined',
  'news.story_created': 'audit.sentence.storyCreated',
  'news.story_proposed': 'audit.sentence.storyProposed',
  'news.story_text_saved': 'audit.sentence.storyTextSaved',
  'news.story_details_updated': 'audit.sentence.storyDetailsUpdated',
  'news.story_image_updated': 'audit.sentence.storyImageUpdated',
  'news.story_published': 'audit.sentence.storyPublished',
  'news.story_scheduled': 'audit.sentence.storyScheduled',
  'news.story_unpublished': 'audit.sentence.storyUnpublished',
  'news.story_declined': 'audit.sentence.storyDeclined',
  'demo.loaded': 'audit.sentence.demoLoaded',
  'demo.removed': 'audit.sentence.demoRemoved',
  'mail.unconfirmed_purged': 'audit.sentence.unconfirmedPurged',
  'backups.written': 'audit.sentence.backupWritten',
  'backups.restored': 'audit.sentence.backupRestored',
  'data.imported': 'audit.sentence.dataImported',
  'data.indicator_created': 'audit.sentence.indicatorCreated',
  'data.indicator_updated': 'audit.sentence.indicatorUpdated',
  'data.version_restored': 'audit.sentence.dataVersionRestored',
};

/** The kinds of records the filter offers, by name; another kind is offered by its code. */
const ENTITY_TYPES: Record<string, MessageKey> = {
  user: 'audit.entityType.user',
  organization: 'audit.entityType.organization',
  partner_application: 'audit.entityType.application',
  content_page: 'audit.entityType.contentPage',
  content_menu: 'audit.entityType.menu',
  news_story: 'audit.entityType.newsStory',
  demo: 'audit.entityType.demo',
  backup: 'audit.entityType.backup',
  pathfinder_country: 'audit.entityType.pathfinderCountry',
  pathfinder_ratifications: 'audit.entityType.pathfinderRatifications',
  pathfinder_interest: 'audit.entityType.pathfinderInterest',
  indicator: 'audit.entityType.indicator',
};

const ACTION_GROUPS: Record<string, MessageKey> = {
  'supply-chains': 'actionGroup.supplyChains',
  migration: 'actionGroup.migration',
  'rule-of-law-and-governance': 'actionGroup.ruleOfLaw',
  'conflicts-and-humanitarian-settings': 'actionGroup.conflicts',
};

/** A message named by a record's value (`role.secretariat`), if the dictionaries have it. */
function knownMessage(tr: Translator, key: string, fallback: string): string {
  return key in dictionaries.en ? tr.t(key as MessageKey) : fallback;
}

function actorName(tr: Translator, actor: AuditActor): string {
  if (actor.kind === 'person') return actor.name;
  if (actor.kind === 'system') return tr.t('audit.actor.system');
  if (actor.kind === 'cli') return tr.t('audit.actor.cli');
  return actor.label;
}

function roleName(tr: Translator, role: AuditRole): string {
  const name = knownMessage(tr, `role.${role.role}`, role.role);
  const binding =
    role.organization ??
    (role.country ? countryName({ iso3: role.country, locale: tr.locale }) : null) ??
    (role.actionGroup
      ? ACTION_GROUPS[role.actionGroup]
        ? tr.t(ACTION_GROUPS[role.actionGroup]!)
        : role.actionGroup
      : null);
  return binding ? `${name} (${binding})` : name;
}

/** A record as a sentence in the reader's language: who did what, to whom or to which record. */
export function describeAuditLine(tr: Translator, line: AuditLine): string {
  const actor = actorName(tr, line.actor);
  const key = SENTENCES[line.action];
  if (!key) return tr.t('audit.sentence.other', { actor, action: line.action });
  const country = line.entityType === 'pathfinder_country' && line.target;
  const statusKey =
    line.action === 'pathfinders.stage_moved' ? `pathfinders.stage.${line.status}` : `partners.status.${line.status}`;
  return tr.t(key, {
    actor,
    target: country ? countryName({ iso3: country, locale: tr.locale }) : (line.target ?? '—'),
    role: line.role ? roleName(tr, line.role) : '—',
    status: line.status ? knownMessage(tr, statusKey, line.status) : '—',
  });
}

const dateTimes = new Map<Locale, Intl.DateTimeFormat>();

function formatMoment(locale: Locale, at: Date): string {
  let format = dateTimes.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
    dateTimes.set(locale, format);
  }
  return `${format.format(at)} UTC`;
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 1);
}

function details(tr: Translator, line: AuditLine): SafeHtml {
  return html`<details><summary>${tr.t('audit.details')}</summary>
<p class="small">${tr.t('audit.code', { code: line.action })}${line.ip ? html` · ${tr.t('audit.address', { ip: line.ip })}` : ''}</p>
${line.before !== null ? html`<p>${tr.t('audit.before')}</p><pre class="json">${json(line.before)}</pre>` : ''}
${line.after !== null ? html`<p>${tr.t('audit.after')}</p><pre class="json">${json(line.after)}</pre>` : ''}</details>`;
}

/** The audit log: the filters, then one sentence per record, with its details folded away. */
export function renderAuditLog(input: {
  tr: Translator;
  filter: AuditFilterForm;
  entityTypes: readonly string[];
  lines: readonly AuditLine[];
  page: number;
  perPage: number;
  total: number;
}): SafeHtml {
  const { tr, filter } = input;
  const entityOptions = input.entityTypes.map((type) => ({
    value: type,
    label: ENTITY_TYPES[type] ? tr.t(ENTITY_TYPES[type]) : type,
  }));
  return html`<h1>${tr.t('admin.audit')}</h1>
<form method="get" action="/admin/audit" class="filters" role="search">
${textField({ tr, name: 'actor', type: 'email', label: tr.t('audit.filter.actor'), value: filter.actor })}
${selectField({ tr, name: 'entity', label: tr.t('audit.filter.entity'), value: filter.entity, options: [{ value: '', label: tr.t('form.all') }, ...entityOptions] })}
${textField({ tr, name: 'entity_id', label: tr.t('audit.filter.entityId'), value: filter.entity_id })}
${textField({ tr, name: 'from', type: 'date', label: tr.t('audit.filter.from'), value: filter.from })}
${textField({ tr, name: 'to', type: 'date', label: tr.t('audit.filter.to'), value: filter.to })}
<div class="field"><button type="submit" class="secondary">${tr.t('form.filter')}</button></div>
</form>
${
  input.lines.length === 0
    ? html`<p class="empty">${tr.t('audit.empty')}</p>`
    : dataTable({
        caption: tr.t('admin.audit'),
        captionHidden: true,
        className: 'audit-log',
        columns: [tr.t('audit.when'), tr.t('audit.what'), tr.t('audit.detailsColumn')],
        rows: input.lines.map((line) => [
          html`<time datetime="${line.at.toISOString()}">${formatMoment(tr.locale, line.at)}</time>`,
          describeAuditLine(tr, line),
          details(tr, line),
        ]),
      })
}
${pagination({ tr, path: '/admin/audit', query: { ...filter }, page: input.page, perPage: input.perPage, total: input.total })}`;
}
