import type { Db, DbExecutor } from '../../db/database.ts';
import {
  findAuditNames,
  insertAuditEntry,
  listAuditEntityTypes,
  listAuditEntries,
  type AuditEntry,
  type AuditFilter,
  type AuditNames,
} from './audit.repository.ts';

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

/** Who did it, as a reader is told: a person by name, the platform, the command line, or an address. */
export type AuditActor =
  { kind: 'person'; name: string } | { kind: 'system' } | { kind: 'cli' } | { kind: 'address'; label: string };

/** A role in a record of the log, with what it is bound to, by name. */
export interface AuditRole {
  role: string;
  organization: string | null;
  country: string | null;
  actionGroup: string | null;
}

/** One record of the log with the names a sentence needs, and the record itself for the details. */
export interface AuditLine {
  id: number;
  at: Date;
  action: string;
  entityType: string;
  actor: AuditActor;
  /** The person, organization, application or page the record is about, by name. */
  target: string | null;
  role: AuditRole | null;
  /** The new status of an organization, or the new stage of a pathfinder country. */
  status: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

type Json = Record<string, unknown>;

function objectOf(value: unknown): Json | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null;
}

function numberOf(value: unknown): number | null {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : null;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The role a grant or a removal is about: the record after a grant, before a removal. */
function roleRecordOf(entry: AuditEntry): Json | null {
  if (entry.action === 'accounts.role_granted') return objectOf(entry.after);
  if (entry.action === 'accounts.role_revoked') return objectOf(entry.before);
  return null;
}

/** The numbers of the people, organizations and applications a page of the log names. */
function namesNeeded(entries: readonly AuditEntry[]): {
  people: number[];
  organizations: number[];
  applications: number[];
} {
  const people = new Set<number>();
  const organizations = new Set<number>();
  const applications = new Set<number>();
  for (const entry of entries) {
    if (entry.actorId !== null) people.add(entry.actorId);
    const id = numberOf(entry.entityId);
    if (id !== null && entry.entityType === 'user') people.add(id);
    if (id !== null && entry.entityType === 'organization') organizations.add(id);
    if (id !== null && entry.entityType === 'partner_application') applications.add(id);
    const bound = numberOf(roleRecordOf(entry)?.organizationId);
    if (bound !== null) organizations.add(bound);
  }
  return { people: [...people], organizations: [...organizations], applications: [...applications] };
}

function personName(names: AuditNames, id: number | null): string | null {
  const person = id === null ? undefined : names.people.get(id);
  return person ? person.name || person.email : null;
}

function actorOf(entry: AuditEntry, names: AuditNames): AuditActor {
  const name = personName(names, entry.actorId);
  if (name) return { kind: 'person', name };
  if (entry.actorId === null && entry.actorLabel === SYSTEM_ACTOR.label) return { kind: 'system' };
  if (entry.actorId === null && entry.actorLabel === CLI_ACTOR.label) return { kind: 'cli' };
  return { kind: 'address', label: entry.actorLabel };
}

function targetOf(entry: AuditEntry, names: AuditNames): string | null {
  const id = numberOf(entry.entityId);
  const named =
    id === null
      ? null
      : entry.entityType === 'user'
        ? personName(names, id)
        : entry.entityType === 'organization'
          ? names.organizations.get(id)
          : entry.entityType === 'partner_application'
            ? names.applications.get(id)
            : null;
  // A record about someone unknown (a failed sign-in) names them by the address they typed.
  return named ?? entry.entityId;
}

function roleOf(entry: AuditEntry, names: AuditNames): AuditRole | null {
  const record = roleRecordOf(entry);
  const role = textOf(record?.role);
  if (!record || !role) return null;
  const organizationId = numberOf(record.organizationId);
  return {
    role,
    organization: organizationId === null ? null : (names.organizations.get(organizationId) ?? `#${organizationId}`),
    country: textOf(record.country),
    actionGroup: textOf(record.actionGroup),
  };
}

/**
 * A page of the audit log for a reader: each record with the names of who did it and what it is
 * about (as they are called today, the organizations in the reader's language).
 */
export async function readAuditLog(input: {
  db: Db;
  filter: AuditFilter;
  limit: number;
  offset: number;
  locale: string;
}): Promise<{ total: number; lines: AuditLine[]; entityTypes: string[] }> {
  const [{ total, entries }, entityTypes] = await Promise.all([
    listAuditEntries(input.db, { filter: input.filter, limit: input.limit, offset: input.offset }),
    listAuditEntityTypes(input.db),
  ]);
  const names = await findAuditNames(input.db, { ...namesNeeded(entries), locale: input.locale });
  const lines = entries.map((entry): AuditLine => ({
    id: entry.id,
    at: entry.at,
    action: entry.action,
    entityType: entry.entityType,
    actor: actorOf(entry, names),
    target: targetOf(entry, names),
    role: roleOf(entry, names),
    status:
      entry.action === 'partners.organization_status_changed'
        ? textOf(objectOf(entry.after)?.status)
        : entry.action === 'pathfinders.stage_moved'
          ? textOf(objectOf(entry.after)?.stage)
          : null,
    before: entry.before,
    after: entry.after,
    ip: entry.ip,
  }));
  return { total, lines, entityTypes };
}
