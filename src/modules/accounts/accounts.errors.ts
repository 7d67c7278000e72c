import { AppError } from '../../http/errors.ts';

/** Errors of the accounts module; the code doubles as the translation key of its message. */
export class AccountsError extends AppError {
  constructor(
    override readonly code:
      | 'accounts.error.emailTaken'
      | 'accounts.error.alreadyActive'
      | 'accounts.error.deactivated'
      | 'accounts.error.organization'
      | 'accounts.error.userNotFound'
      | 'accounts.error.lastSecretariat'
      | 'accounts.error.currentPassword'
      | 'accounts.error.grantNotFound'
      | 'accounts.error.secondFactorActive'
      | 'accounts.error.noSecondFactor'
      | 'accounts.error.tooManyAttempts'
      | 'accounts.error.resetOwnSecondFactor'
      | 'accounts.error.code',
    override readonly field?: string,
  ) {
    super(code);
    this.name = 'AccountsError';
  }
}
