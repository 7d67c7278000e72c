export { ROLES, ROLE_LABELS, type Role, type RoleGrant } from './accounts.roles.ts';
export { users, roleAssignments } from './accounts.table.ts';
export { registerAccountPages } from './accounts.pages.ts';
export { resolveSession, SESSION_ABSOLUTE_MS, type SessionView } from './accounts.sessions.ts';
export { signIn } from './sign-in/sign-in.usecases.ts';
export {
  addRole,
  createAccountWithLink,
  ensureFirstSecretariat,
  inviteOrGrantFocalPoint,
  inviteOrGrantRepresentative,
  inviteUser,
  issueSignInLink,
  removeFocalPointRole,
  removeRole,
  restoreGrant,
} from './people/people.usecases.ts';
export { sealClearTotpSecrets } from './second-factor/second-factor.usecases.ts';
export { findUserByEmail, findUserById, listActiveHolders } from './accounts.repository.ts';
export { listOrganizationRepresentatives } from './people/people.repository.ts';
export { createToken, hashPassword, hashToken } from './accounts.passwords.ts';
export { createTotpSecret, decodeBase32, hotp, totpStep } from './second-factor/second-factor.totp.ts';
export { commandLineAccountSchema, inviteSchema } from './people/people.schemas.ts';
export { AccountsError } from './accounts.errors.ts';
export { accountsModule } from './accounts.module.ts';
