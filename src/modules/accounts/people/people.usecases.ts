import type { Db, DbExecutor } from '../../../db/database.ts';
import { translator, type Locale } from '../../../i18n/i18n.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { queueTranslatedMail } from '../../mail/index.ts';
import { AccountsError } from '../accounts.errors.ts';
import { localeOfUser } from '../accounts.identity.ts';
import { issueToken, setPasswordLink } from '../accounts.links.ts';
import {
  countActiveHolders,
  deleteSessionsOfUser,
  expireTokensOf,
  findUserByEmail,
  findUserById,
  insertGrant,
  insertUser,
  listGrants,
  revokeGrant,
  updateUser,
} from '../accounts.repository.ts';
import { ROLE_LABELS, type Role } from '../accounts.roles.ts';
import { findOrganizationIdBySlug } from './people.repository.ts';
import type { GrantInput, InviteInput } from './people.schemas.ts';

async function resolveOrganization(db: DbExecutor, slug: string | undefined): Promise<number | null> {
  if (!slug) return null;
  const id = await findOrganizationIdBySlug(db, slug);
  if (id === null) throw new AccountsError('accounts.error.organization', 'organization');
  return id;
}

async function grantRole(
  db: DbExecutor,
  input: { userId: number; grant: GrantInput; actor: Actor; ip: string | null },
): Promise<void> {
  await insertAuditedGrant(db, {
    ...input,
    role: input.grant.role,
    binding: {
      country: input.grant.role === 'focal_point' ? (input.grant.country ?? null) : null,
      organizationId:
        input.grant.role === 'partner_rep' ? await resolveOrganization(db, input.grant.organization) : null,
      actionGroup: ['ag_chair', 'ag_member'].includes(input.grant.role) ? (input.grant.action_group ?? null) : null,
    },
  });
}

/** Adds a role with its binding and records it in the audit log (`note` adds to the record). */
async function insertAuditedGrant(
  db: DbExecutor,
  input: {
    userId: number;
    role: Role;
    binding: { country: string | null; organizationId: number | null; actionGroup: string | null };
    actor: Actor;
    ip: string | null;
    note?: Record<string, unknown>;
  },
): Promise<void> {
  const row = await insertGrant(db, {
    userId: input.userId,
    role: input.role,
    grantedBy: input.actor.id,
    ...input.binding,
  });
  await recordAudit(db, {
    actor: input.actor,
    action: 'accounts.role_granted',
    entityType: 'user',
    entityId: input.userId,
    after: { grantId: row.id, role: row.role, ...input.binding, ...input.note },
    ip: input.ip,
  });
}

/**
 * Creates an account with one role and returns a one-time link to set its password. The
 * Secretariat's invitations also e-mail the link, in the invited person's language.
 */
export async function inviteUser(input: {
  /** A database, or the transaction of a larger change (the invitation then commits with it). */
  db: DbExecutor;
  invitation: InviteInput;
  actor: Actor;
  publicUrl: string;
  sendMail: boolean;
  ip: string | null;
  now?: Date;
  /** The link's kind when no mail is sent (a sign-in link by default; an invitation lasts longer). */
  purpose?: 'invitation' | 'sign_in';
}): Promise<{ userId: number; link: string }> {
  const now = input.now ?? new Date();
  const invitation = input.invitation;
  return input.db.transaction(async (tx) => {
    if (await findUserByEmail(tx, invitation.email)) throw new AccountsError('accounts.error.emailTaken', 'email');
    const user = await insertUser(tx, {
      email: invitation.email.trim(),
      name: invitation.name,
      locale: invitation.locale,
      status: 'invited',
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.user_invited',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email, name: user.name, locale: user.locale },
      ip: input.ip,
    });
    await grantRole(tx, { userId: user.id, grant: invitation, actor: input.actor, ip: input.ip });
    const purpose = input.sendMail ? 'invitation' : (input.purpose ?? 'sign_in');
    const token = await issueToken(tx, { userId: user.id, purpose, now });
    const link = setPasswordLink({ publicUrl: input.publicUrl, locale: invitation.locale, token });
    if (input.sendMail) {
      await queueTranslatedMail(tx, {
        to: user.email,
        locale: invitation.locale,
        kind: 'accounts.invitation',
        subject: 'mail.invitation.subject',
        body: 'mail.invitation.body',
        values: { name: user.name, role: translator(invitation.locale).t(ROLE_LABELS[invitation.role]), link },
      });
    }
    return { userId: user.id, link };
  });
}

/**
 * The command line's `users:create`: creates the account with its role and returns a one-time
 * link to set its password. An account that was never activated (invited, no password yet) gets
 * a new link instead, earlier unused links stop working, and it is given the role if it lacks it.
 * An active account is refused: its owner resets the password from the sign-in page.
 */
export async function createAccountWithLink(input: {
  db: Db;
  account: InviteInput;
  actor: Actor;
  publicUrl: string;
  now?: Date;
}): Promise<{ userId: number; link: string; created: boolean; roleAdded: boolean }> {
  const now = input.now ?? new Date();
  const { account, actor } = input;
  return input.db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, account.email);
    if (!existing) {
      const invited = await inviteUser({ ...input, db: tx, invitation: account, sendMail: false, ip: null, now });
      return { ...invited, created: true, roleAdded: true };
    }
    if (existing.status === 'active') throw new AccountsError('accounts.error.alreadyActive', 'email');
    if (existing.status !== 'invited' || existing.passwordHash) {
      throw new AccountsError('accounts.error.deactivated', 'email');
    }
    const grants = await listGrants(tx, { userIds: [existing.id], includeRevoked: false });
    const roleAdded = !grants.some(
      (grant) =>
        grant.role === account.role &&
        (account.role !== 'focal_point' || grant.country === account.country) &&
        (account.role !== 'partner_rep' || grant.organizationSlug === account.organization) &&
        (!['ag_chair', 'ag_member'].includes(account.role) || grant.actionGroup === account.action_group),
    );
    if (roleAdded) await grantRole(tx, { userId: existing.id, grant: account, actor, ip: null });
    await expireTokensOf(tx, { userId: existing.id, purposes: ['invitation', 'sign_in'] });
    const token = await issueToken(tx, { userId: existing.id, purpose: 'sign_in', now });
    await recordAudit(tx, {
      actor,
      action: 'accounts.sign_in_link_issued',
      entityType: 'user',
      entityId: existing.id,
      after: { reason: 'never_activated', earlierLinksExpired: true },
    });
    const link = setPasswordLink({ publicUrl: input.publicUrl, locale: localeOfUser(existing), token });
    return { userId: existing.id, link, created: false, roleAdded };
  });
}

/** A new one-time sign-in link for an existing account (the command line's way in). */
export async function issueSignInLink(input: { db: Db; userId: number; publicUrl: string; actor: Actor }) {
  return input.db.transaction(async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AccountsError('accounts.error.userNotFound');
    const token = await issueToken(tx, { userId: user.id, purpose: 'sign_in', now: new Date() });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.sign_in_link_issued',
      entityType: 'user',
      entityId: user.id,
    });
    return setPasswordLink({ publicUrl: input.publicUrl, locale: localeOfUser(user), token });
  });
}

export async function addRole(input: {
  db: DbExecutor;
  userId: number;
  grant: GrantInput;
  actor: Actor;
  ip: string | null;
}) {
  await input.db.transaction(async (tx) => {
    if (!(await findUserById(tx, input.userId))) throw new AccountsError('accounts.error.userNotFound');
    await grantRole(tx, input);
  });
}

export async function removeRole(input: {
  /** A database, or the transaction of a larger change. */
  db: DbExecutor;
  userId: number;
  grantId: number;
  actor: Actor;
  ip: string | null;
}) {
  await input.db.transaction(async (tx) => {
    const revoked = await revokeGrant(tx, { grantId: input.grantId, userId: input.userId, revokedBy: input.actor.id });
    if (!revoked) throw new AccountsError('accounts.error.grantNotFound');
    if (revoked.role === 'secretariat' && (await countActiveHolders(tx, 'secretariat')) === 0) {
      throw new AccountsError('accounts.error.lastSecretariat');
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: 'accounts.role_revoked',
      entityType: 'user',
      entityId: input.userId,
      before: {
        grantId: revoked.id,
        role: revoked.role,
        country: revoked.country,
        organizationId: revoked.organizationId,
        actionGroup: revoked.actionGroup,
      },
      ip: input.ip,
    });
  });
}

/**
 * Gives back a role that was removed (the undo of a removal): a new grant with the same role and
 * binding. `expect` lets a caller insist on what the grant was (a page of one organization can
 * only give back that organization's representatives). False when there is no such removed grant.
 */
export async function restoreGrant(input: {
  db: Db;
  userId: number;
  grantId: number;
  expect?: { role: Role; organizationId?: number };
  actor: Actor;
  ip: string | null;
}): Promise<boolean> {
  return input.db.transaction(async (tx) => {
    const grants = await listGrants(tx, { userIds: [input.userId], includeRevoked: true });
    const removed = grants.find((grant) => grant.id === input.grantId && grant.revokedAt);
    if (!removed) return false;
    if (input.expect) {
      if (removed.role !== input.expect.role) return false;
      if (input.expect.organizationId !== undefined && removed.organizationId !== input.expect.organizationId)
        return false;
    }
    const binding = {
      country: removed.country,
      organizationId: removed.organizationId,
      actionGroup: removed.actionGroup,
    };
    const same = grants.some(
      (grant) =>
        !grant.revokedAt &&
        grant.role === removed.role &&
        grant.country === binding.country &&
        grant.organizationId === binding.organizationId &&
        grant.actionGroup === binding.actionGroup,
    );
    if (same) return true;
    await insertAuditedGrant(tx, {
      userId: input.userId,
      role: removed.role,
      binding,
      actor: input.actor,
      ip: input.ip,
      note: { restores: removed.id },
    });
    return true;
  });
}

/** Deactivates (or reactivates) an account. History stays; sessions of a deactivated account end. */
export async function setUserStatus(input: {
  db: Db;
  userId: number;
  status: 'active' | 'deactivated';
  actor: Actor;
  ip: string | null;
}) {
  await input.db.transaction(async (tx) => {
    const user = await findUserById(tx, input.userId);
    if (!user) throw new AccountsError('accounts.error.userNotFound');
    // Reactivating an account that never set a password leaves it invited.
    const status = input.status === 'active' && !user.passwordHash ? 'invited' : input.status;
    await updateUser(tx, { id: user.id, values: { status } });
    if (status === 'deactivated') {
      await deleteSessionsOfUser(tx, user.id);
      if ((await countActiveHolders(tx, 'secretariat')) === 0)
        throw new AccountsError('accounts.error.lastSecretariat');
    }
    await recordAudit(tx, {
      actor: input.actor,
      action: status === 'deactivated' ? 'accounts.user_deactivated' : 'accounts.user_reactivated',
      entityType: 'user',
      entityId: user.id,
      before: { status: user.status },
      after: { status },
      ip: input.ip,
    });
  });
}

/**
 * On a database without any active Secretariat account, creates one and returns a one-time link
 * to it, once: a later start only says that the account still waits for its first sign-in
 * (a new link comes from the command line, `users:create`), so that no live link is printed
 * into a log at every start.
 */
export async function ensureFirstSecretariat(input: {
  db: Db;
  email: string;
  locale: Locale;
  publicUrl: string;
}): Promise<{ status: 'created'; link: string; email: string } | { status: 'waiting'; email: string } | null> {
  return input.db.transaction(async (tx) => {
    const existing = await findUserByEmail(tx, input.email);
    const anyActive = (await countActiveHolders(tx, 'secretariat')) > 0;
    if (anyActive) return null;
    if (existing) {
      const grants = await listGrants(tx, { userIds: [existing.id], includeRevoked: false });
      if (existing.status !== 'invited' || !grants.some((grant) => grant.role === 'secretariat')) return null;
      return { status: 'waiting', email: existing.email };
    }
    const user = await insertUser(tx, { email: input.email, name: '', locale: input.locale, status: 'invited' });
    const actor: Actor = { id: null, label: 'system' };
    await recordAudit(tx, {
      actor,
      action: 'accounts.user_created',
      entityType: 'user',
      entityId: user.id,
      after: { email: user.email },
    });
    await grantRole(tx, { userId: user.id, grant: { role: 'secretariat' }, actor, ip: null });
    const token = await issueToken(tx, { userId: user.id, purpose: 'sign_in', now: new Date() });
    return {
      status: 'created',
      link: setPasswordLink({ publicUrl: input.publicUrl, locale: input.locale, token }),
      email: user.email,
    };
  });
}

/**
 * Gives a person a role: the role added to the account of a known address, else an account made
 * and an invitation sent by e-mail (or, with `sendMail: false`, a set-password link for the
 * caller's own message). Runs in the caller's transaction.
 */
async function inviteOrGrant(input: {
  db: DbExecutor;
  email: string;
  name: string;
  locale: Locale;
  grant: GrantInput;
  actor: Actor;
  publicUrl: string;
  ip: string | null;
  sendMail?: boolean;
}): Promise<{ userId: number; setPasswordLink: string | null }> {
  const existing = await findUserByEmail(input.db, input.email);
  if (existing) {
    await addRole({ db: input.db, userId: existing.id, grant: input.grant, actor: input.actor, ip: input.ip });
    return { userId: existing.id, setPasswordLink: null };
  }
  const invited = await inviteUser({
    db: input.db,
    invitation: { email: input.email, name: input.name, locale: input.locale, ...input.grant },
    actor: input.actor,
    publicUrl: input.publicUrl,
    sendMail: input.sendMail ?? true,
    purpose: 'invitation',
    ip: input.ip,
  });
  return { userId: invited.userId, setPasswordLink: invited.link };
}

/** Makes a person the representative of an organization (see `inviteOrGrant`). */
export async function inviteOrGrantRepresentative(input: {
  db: DbExecutor;
  email: string;
  name: string;
  locale: Locale;
  organizationSlug: string;
  actor: Actor;
  publicUrl: string;
  /**
   * False: no invitation mail; the caller sends the set-password link in its own message (the
   * approval of an application says it was accepted, then invites).
   */
  sendMail?: boolean;
}): Promise<{ setPasswordLink: string | null }> {
  const { organizationSlug, ...person } = input;
  const { setPasswordLink } = await inviteOrGrant({
    ...person,
    grant: { role: 'partner_rep', organization: organizationSlug, country: undefined, action_group: undefined },
    ip: null,
  });
  return { setPasswordLink };
}

/** Makes a person the focal point of a country (see `inviteOrGrant`); returns the account's id. */
export async function inviteOrGrantFocalPoint(input: {
  db: DbExecutor;
  email: string;
  name: string;
  locale: Locale;
  country: string;
  actor: Actor;
  publicUrl: string;
  ip: string | null;
}): Promise<number> {
  const { country, ...person } = input;
  const { userId } = await inviteOrGrant({
    ...person,
    grant: { role: 'focal_point', country, organization: undefined, action_group: undefined },
  });
  return userId;
}

/** Removes a person's focal point role for one country (each grant of it, audited); the history keeps them. */
export async function removeFocalPointRole(input: {
  db: DbExecutor;
  userId: number;
  country: string;
  actor: Actor;
  ip: string | null;
}): Promise<void> {
  const grants = await listGrants(input.db, { userIds: [input.userId], includeRevoked: false });
  for (const grant of grants) {
    if (grant.role !== 'focal_point' || grant.country !== input.country) continue;
    await removeRole({ db: input.db, userId: input.userId, grantId: grant.id, actor: input.actor, ip: input.ip });
  }
}
