export { createMailer, listOutbox, queueMail, queueTranslatedMail, MAX_ATTEMPTS } from './mail.usecases.ts';
export type { Mailer, MailerLog, OutboxItem } from './mail.usecases.ts';
export type { ListOutboxInput, QueueMailInput } from './mail.schemas.ts';
export { MAIL_STATUSES, type MailStatus } from './mail.table.ts';
export { mailModule } from './mail.module.ts';
export {
  CONFIRMATION_LIFETIME_MS,
  MAILS_PER_ADDRESS_PER_HOUR,
  REQUESTS_PER_CLIENT_PER_HOUR,
  SENDS_PER_REQUEST,
  type ConfirmationKind,
  type EmailConfirmations,
} from './confirmations/confirmations.usecases.ts';
