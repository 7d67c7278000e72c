import type { ModuleDescriptor } from '../../http/module.ts';
import { registerMailAdmin } from './mail.admin.ts';
import { mailOutbox } from './mail.table.ts';
import { createMailer } from './mail.usecases.ts';

/** The outbox and its delivery in the background; other modules queue mail and nudge it. */
export const mailModule = {
  name: 'mail',
  tables: [mailOutbox],
  mount: (context) => {
    const mailer = createMailer({
      db: context.db,
      smtpUrl: context.config.smtpUrl,
      from: context.config.mailFrom,
      log: context.log,
    });
    return {
      mailer,
      /** Sends soon what a committed transaction queued. */
      nudge: () => mailer.nudge(),
      admin: (app) => registerMailAdmin(app, context),
      start: () => mailer.start(),
      stop: () => mailer.stop(),
    };
  },
} satisfies ModuleDescriptor;
