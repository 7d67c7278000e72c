export { ROLES, ROLE_LABELS, type Role, type RoleGrant } from './accounts.roles.ts';
export { registerAccountPages } from './accounts.pages.ts';
export { registerAccountsAdmin } from './accounts.admin.ts';
export {
  addRole,
  createAccountWithLink,
  ensureFirstSecretariat,
  inviteOrGrantRepresentative,
  inviteUser,
  removeRole,
  restoreGrant,
  issueSignInLink,
  resolveSession,
  SESSION_ABSOLUTE_MS,
  signIn,
  type SessionView,
} from './accounts.usecases.ts';
export { sealClearTotpSecrets } from './accounts.second-factor.ts';
export { findUserByEmail, findUserById, listOrganizationRepresentatives } from './accounts.repository.ts';
export { createToken, hashPassword, hashToken } from './accounts.passwords.ts';
export { createTotpSecret, decodeBase32, hotp, totpStep } from './accounts.totp.ts';
export { commandLineAccountSchema, inviteSchema } from './accounts.schemas.ts';
export { AccountsError } from './accounts.errors.ts';
export { accountsModule } from './accounts.module.ts';
