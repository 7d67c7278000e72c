import type { Db, DbExecutor } from '../../db/database.ts';
import type { Locale } from '../../i18n/i18n.ts';
import type { Actor } from '../audit/index.ts';

/** A person holding the representative role of an organization. */
export interface Representative {
  grantId: number;
  userId: number;
  name: string;
  email: string;
  locale: string;
  status: string;
}

/**
 * What the partners module needs to know about people: accounts, roles and one-time links belong
 * to the accounts module, which reads the partner tables for role bindings. So that the two do not
 * import each other, the server gives this to the partners module (see `server.ts`).
 */
export interface PeopleDirectory {
  /**
   * Invites an organization's contact as its representative, or gives the role to their account
   * (in the caller's transaction). With `sendMail: false` no invitation is mailed: the caller
   * sends the set-password link (null when the person already had an account).
   */
  inviteRepresentative(input: {
    db: DbExecutor;
    email: string;
    name: string;
    locale: Locale;
    organizationSlug: string;
    actor: Actor;
    sendMail?: boolean;
  }): Promise<{ setPasswordLink: string | null }>;
  /** The active Secretariat members, to tell them what waits for them (each in their language). */
  listSecretariat(db: DbExecutor): Promise<{ email: string; name: string; locale: string }[]>;
  /** The organization's active representatives. */
  listRepresentatives(db: DbExecutor, organizationId: number): Promise<Representative[]>;
  removeRepresentative(input: {
    db: Db;
    userId: number;
    grantId: number;
    actor: Actor;
    ip: string | null;
  }): Promise<void>;
  /** Gives back a representative role of this organization that was removed (false for any other grant). */
  restoreRepresentative(input: {
    db: Db;
    userId: number;
    grantId: number;
    organizationId: number;
    actor: Actor;
    ip: string | null;
  }): Promise<boolean>;
  /** An account, to tell the person of a decision in their language (null when it does not exist). */
  findPerson(
    db: DbExecutor,
    userId: number,
  ): Promise<{ email: string; name: string; locale: string; status: string } | null>;
  /** A one-time token and the hash kept of it (the applicant's answer link). */
  createToken(): { token: string; hash: string };
  hashToken(token: string): string;
}
