import type { ModuleDescriptor } from '../../http/module.ts';
import { registerConfirmationPages } from './confirmations/confirmations.pages.ts';
import { emailConfirmations } from './confirmations/confirmations.table.ts';
import { createAbandonedPurge, createEmailConfirmations } from './confirmations/confirmations.usecases.ts';
import { registerMailAdmin } from './mail.admin.ts';
import { mailOutbox } from './mail.table.ts';
import { createMailer } from './mail.usecases.ts';

/**
 * The outbox and its delivery in the background; other modules queue mail and nudge it. It also
 * offers the confirmation of a visitor's address before anything else is mailed to it.
 */
export const mailModule = {
  name: 'mail',
  tables: [mailOutbox, emailConfirmations],
  mount: (context) => {
    const mailer = createMailer({
      db: context.db,
      smtpUrl: context.config.smtpUrl,
      from: context.config.mailFrom,
      log: context.log,
    });
    const nudge = () => mailer.nudge();
    const confirmations = createEmailConfirmations({ db: context.db, publicUrl: context.config.publicUrl });
    const purge = createAbandonedPurge({ confirmations, log: context.log });
    return {
      mailer,
      /** Sends soon what a committed transaction queued. */
      nudge,
      /** Submissions that wait for their sender's address (modules register their kinds). */
      confirmations,
      pages: (surface) => registerConfirmationPages(surface, { ...context, confirmations, nudgeMail: nudge }),
      admin: (app) => registerMailAdmin(app, context),
      start: () => {
        mailer.start();
        purge.start();
      },
      stop: async () => {
        await purge.stop();
        await mailer.stop();
      },
    };
  },
} satisfies ModuleDescriptor;
