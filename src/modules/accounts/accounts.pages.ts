import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import type { SecretBox } from '../../config/secrets-key.ts';
import type { Db } from '../../db/database.ts';
import type { SiteCookie } from '../../http/cookies.ts';
import type { Csrf } from '../../http/csrf.ts';
import { sendPersonalPage } from '../../http/public-surface.ts';
import type { SiteContext } from '../../ui/layout.ts';
import { registerProfilePages } from './profile/profile.pages.ts';
import { registerSecondFactorPages } from './second-factor/second-factor.pages.ts';
import { registerSignInPages } from './sign-in/sign-in.pages.ts';

export interface AccountsModulePageDeps {
  db: Db;
  site: SiteContext;
  config: Pick<Config, 'publicUrl' | 'secureCookies'>;
  csrf: Csrf;
  /** Seals and opens the authenticator secrets kept in the database. */
  secrets: SecretBox;
  session: SiteCookie;
  /** Asks the mailer to send what was just queued. */
  nudgeMail: () => void;
}

/** What the pages of each part of the accounts receive: the module's needs and one page sender. */
export interface AccountsPageDeps extends AccountsModulePageDeps {
  page: (input: Omit<Parameters<typeof sendPersonalPage>[0], 'site'>) => ReturnType<typeof sendPersonalPage>;
}

/** The accounts' pages under `/{l}/`: sign-in, second factor, account. */
export function registerAccountPages(surface: FastifyInstance, deps: AccountsModulePageDeps): void {
  const withPage: AccountsPageDeps = {
    ...deps,
    page: (input) => sendPersonalPage({ ...input, site: deps.site }),
  };
  registerSignInPages(surface, withPage);
  registerSecondFactorPages(surface, withPage);
  registerProfilePages(surface, withPage);
}
