import type { ModuleDescriptor } from '../../http/module.ts';
import { hasAnyRole } from '../../http/viewer.ts';
import type { EmailConfirmations } from '../mail/index.ts';
import { registerApplyPages } from './applications/applications.pages.ts';
import {
  APPLICATION_CONFIRMATION,
  confirmApplication,
  countOpenApplications,
  deleteUnconfirmedApplications,
} from './applications/applications.usecases.ts';
import { countPendingChangeRequests } from './change-requests/change-requests.usecases.ts';
import { registerPartnersApi } from './directory/directory.api.ts';
import { registerPartnerPages } from './directory/directory.pages.ts';
import { createDirectoryIndex } from './directory/directory.search-index.ts';
import { registerPartnerMedia } from './logos/logos.media.ts';
import { registerPartnersAdmin } from './partners.admin.ts';
import { loadPartnersDemo } from './partners.demo.ts';
import { countDemoOrganizations, deleteDemoOrganizations } from './partners.repository.ts';
import type { PeopleDirectory } from './partners.people.ts';
import {
  organizationActionGroups,
  organizationChangeRequests,
  organizationLogos,
  organizations,
  organizationStatusHistory,
  organizationTranslations,
  partnerApplicationEvents,
  partnerApplications,
} from './partners.table.ts';

/**
 * What the partners module needs from the others: people (accounts), a way to send mail soon,
 * and the confirmation of an applicant's address (mail).
 */
export interface PartnersNeeds {
  people: PeopleDirectory;
  nudgeMail: () => void;
  confirmations: EmailConfirmations;
}

/**
 * Partner organizations: the directory and profiles, the API and logos, applications and their
 * review, self-service, name and kind changes, and the Secretariat's registry.
 */
export const partnersModule = {
  name: 'partners',
  tables: [
    organizations,
    organizationTranslations,
    organizationStatusHistory,
    organizationActionGroups,
    partnerApplications,
    partnerApplicationEvents,
    organizationLogos,
    organizationChangeRequests,
  ],
  demo: loadPartnersDemo,
  countDemo: countDemoOrganizations,
  removeDemo: deleteDemoOrganizations,
  mount: (context, needs) => {
    const { db, defaultLocale } = context;
    const directory = createDirectoryIndex({
      db,
      defaultLocale,
      onError: (error) => context.log.warn({ err: error }, 'partner directory not read again; the next search retries'),
    });
    const deps = { ...context, ...needs, publicUrl: context.config.publicUrl };
    needs.confirmations.register(APPLICATION_CONFIRMATION, {
      purpose: 'partners.apply.purpose',
      onConfirmed: (tx, input) => confirmApplication(tx, { ...input, publicUrl: deps.publicUrl, people: needs.people }),
      onAbandoned: deleteUnconfirmedApplications,
    });
    const forSecretariat =
      (key: 'partners.queue.applications' | 'partners.queue.changes', href: string, count: () => Promise<number>) =>
      async (viewer: Parameters<typeof hasAnyRole>[0]) =>
        hasAnyRole(viewer, ['secretariat']) ? { key, count: await count(), href } : null;
    return {
      pages: (surface) => {
        registerPartnerPages(surface, { ...context, directory });
        registerApplyPages(surface, deps);
      },
      admin: (app) => registerPartnersAdmin(app, deps),
      api: (api) => registerPartnersApi(api, { db, directory, defaultLocale }),
      routes: (app) => registerPartnerMedia(app, { db }),
      queues: [
        forSecretariat('partners.queue.applications', '/admin/applications', () => countOpenApplications(db)),
        forSecretariat('partners.queue.changes', '/admin/change-requests', () => countPendingChangeRequests(db)),
      ],
      gauges: [
        {
          name: 'partner_directory_entries',
          help: 'Active partners held by the directory index',
          value: () => directory.stats().entries,
        },
        {
          name: 'partner_directory_loads',
          help: 'Times the directory index has read the partner records',
          value: () => directory.stats().loads,
        },
        {
          name: 'partner_directory_last_load_seconds',
          help: 'Time the directory index last took to read and prepare the partner records',
          value: () => (directory.stats().lastLoadMs ?? 0) / 1000,
        },
      ],
      invalidate: (table) => directory.invalidate(table),
      stop: () => directory.close(),
    };
  },
} satisfies ModuleDescriptor<PartnersNeeds>;
