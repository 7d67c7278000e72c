import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { validationFailed } from '../../../http/errors.ts';
import { actorOf } from '../accounts.identity.ts';
import { languageChoiceSchema } from './profile.schemas.ts';
import { updateProfile } from './profile.usecases.ts';

/**
 * The back office's language switcher (in every page's header): the language is the signed-in
 * person's own, kept on their account, so their e-mails follow it too.
 */
export function registerLanguageChoice(app: FastifyInstance, deps: { db: Db }): void {
  app.post('/admin/language', async (request, reply) => {
    const viewer = request.viewer!;
    const choice = languageChoiceSchema.safeParse(request.body);
    if (!choice.success) throw validationFailed(choice.error);
    if (choice.data.locale !== viewer.locale) {
      await updateProfile({
        db: deps.db,
        userId: viewer.userId,
        name: viewer.name,
        locale: choice.data.locale,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    }
    return reply.redirect(choice.data.back, 303);
  });
}
