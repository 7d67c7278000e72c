export { createMailer, listOutbox, queueMail, queueTranslatedMail, MAX_ATTEMPTS } from './mail.usecases.ts';
export type { Mailer, MailerLog, OutboxItem } from './mail.usecases.ts';
export type { ListOutboxInput, QueueMailInput } from './mail.schemas.ts';
export { MAIL_STATUSES, type MailStatus } from './mail.table.ts';
export { mailModule } from './mail.module.ts';
