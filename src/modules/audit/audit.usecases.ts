import type { DbExecutor } from '../../db/database.ts';
import { insertAuditEntry } from './audit.repository.ts';

/** Who did something: a signed-in person, or the system / the command line. */
export interface Actor {
  id: number | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, label: 'system' };
export const CLI_ACTOR: Actor = { id: null, label: 'cli' };

/** Records a change; call it inside the transaction that makes the change. */
export async function recordAudit(
  db: DbExecutor,
  input: {
    actor: Actor;
    action: string;
    entityType: string;
    entityId?: string | number | null;
    before?: unknown;
    after?: unknown;
    ip?: string | null;
  },
): Promise<void> {
  await insertAuditEntry(db, {
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId === undefined || input.entityId === null ? null : String(input.entityId),
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.ip ?? null,
  });
}
