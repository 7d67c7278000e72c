import type { MessageKey } from '../../i18n/i18n.ts';
import type { Role } from './accounts.table.ts';

export { ROLES, type Role } from './accounts.table.ts';

/** A role held by a person, with what it is bound to. */
export interface RoleGrant {
  role: Role;
  country: string | null;
  organizationId: number | null;
  actionGroup: string | null;
}

/** Roles bound to something: what they need. */
export const ROLE_BINDING: Record<Role, 'country' | 'organization' | 'action_group' | null> = {
  secretariat: null,
  data_editor: null,
  gcg_member: null,
  focal_point: 'country',
  partner_rep: 'organization',
  ag_chair: 'action_group',
  ag_member: 'action_group',
};

/** Roles whose holders must use a second factor. */
export const ROLES_REQUIRING_TOTP: readonly Role[] = ['secretariat'];

export const ROLE_LABELS: Record<Role, MessageKey> = {
  secretariat: 'role.secretariat',
  data_editor: 'role.data_editor',
  gcg_member: 'role.gcg_member',
  focal_point: 'role.focal_point',
  partner_rep: 'role.partner_rep',
  ag_chair: 'role.ag_chair',
  ag_member: 'role.ag_member',
};
