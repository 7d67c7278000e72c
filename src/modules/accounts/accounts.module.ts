import type { SecretBox } from '../../config/secrets-key.ts';
import type { SiteCookie } from '../../http/cookies.ts';
import type { ModuleDescriptor } from '../../http/module.ts';
import { registerPeopleAdmin } from './people/people.admin.ts';
import { registerLanguageChoice } from './profile/profile.admin.ts';
import { registerAccountPages } from './accounts.pages.ts';
import { authAttempts, oneTimeTokens, recoveryCodes, roleAssignments, sessions, users } from './accounts.table.ts';

/** Accounts, roles and sessions: sign-in and account pages, the Secretariat's account screens. */
export const accountsModule = {
  name: 'accounts',
  tables: [users, roleAssignments, sessions, oneTimeTokens, authAttempts, recoveryCodes],
  mount: (context, needs) => {
    const deps = { ...context, ...needs };
    return {
      pages: (surface) => registerAccountPages(surface, deps),
      admin: (app) => {
        registerPeopleAdmin(app, deps);
        registerLanguageChoice(app, deps);
      },
    };
  },
} satisfies ModuleDescriptor<{ nudgeMail: () => void; secrets: SecretBox; session: SiteCookie }>;
