import type { Db, DbExecutor } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { inviteOrGrantFocalPoint, removeFocalPointRole } from '../../accounts/index.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';
import { lockCountry } from '../lifecycle/lifecycle.repository.ts';
import {
  endFocalPoint,
  findCurrentFocalPoint,
  insertFocalPoint,
  listFocalPoints,
  type FocalPoint,
} from './focal-points.repository.ts';
import type { Appointment } from './focal-points.schemas.ts';

export type { FocalPoint } from './focal-points.repository.ts';

/** The country's focal points, the current one first (for those who keep the country's record). */
export function getFocalPoints(input: { db: Db; iso3: string }): Promise<FocalPoint[]> {
  return listFocalPoints(input.db, input.iso3);
}

/** What the public sees of the focal point: their ministry only. */
export async function getFocalPointMinistry(input: { db: Db; iso3: string }): Promise<string | null> {
  return (await findCurrentFocalPoint(input.db, input.iso3))?.ministry ?? null;
}

/**
 * The Secretariat names a country's focal point. The person gets the role, bound to the country
 * (invited by e-mail when they have no account yet); the focal point they replace ends on the
 * day the new one starts, loses the role for this country, and stays in the history.
 */
export async function appointFocalPoint(input: {
  db: Db;
  iso3: string;
  appointment: Appointment;
  today: string;
  actor: Actor;
  publicUrl: string;
  ip: string | null;
}): Promise<void> {
  const { appointment } = input;
  if (appointment.started_on > input.today) throw new AppError('pathfinders.move.future', { field: 'started_on' });
  await input.db.transaction(async (tx) => {
    if (!(await lockCountry(tx, input.iso3))) throw new AppError('not_found');
    await recordFocalPointAppointment(tx, input);
  });
}

/**
 * Names the focal point inside a transaction that holds the country's row (locked): the one
 * replaced ends that day and loses the role, the new one gets it, the audit record.
 */
export async function recordFocalPointAppointment(
  tx: DbExecutor,
  input: { iso3: string; appointment: Appointment; actor: Actor; publicUrl: string; ip: string | null },
): Promise<void> {
  const { appointment } = input;
  const current = await findCurrentFocalPoint(tx, input.iso3);
  if (current) {
    if (appointment.started_on < current.startedOn) {
      throw new AppError('pathfinders.focalPoint.tooEarly', {
        field: 'started_on',
        values: { date: current.startedOn },
      });
    }
    await endFocalPoint(tx, { id: current.id, endedOn: appointment.started_on });
    if (current.userId !== null) {
      await removeFocalPointRole({
        db: tx,
        userId: current.userId,
        country: input.iso3,
        actor: input.actor,
        ip: input.ip,
      });
    }
  }
  const userId = await inviteOrGrantFocalPoint({
    db: tx,
    email: appointment.email,
    name: appointment.name,
    locale: appointment.locale,
    country: input.iso3,
    actor: input.actor,
    publicUrl: input.publicUrl,
    ip: input.ip,
  });
  const id = await insertFocalPoint(tx, {
    iso3: input.iso3,
    userId,
    name: appointment.name,
    title: appointment.title,
    ministry: appointment.ministry,
    email: appointment.email,
    phone: appointment.phone,
    startedOn: appointment.started_on,
    createdBy: input.actor.id,
  });
  await recordAudit(tx, {
    actor: input.actor,
    action: 'pathfinders.focal_point_appointed',
    entityType: 'pathfinder_country',
    entityId: input.iso3,
    before: current ? { focalPoint: current.id, name: current.name, ministry: current.ministry } : null,
    after: {
      focalPoint: id,
      name: appointment.name,
      ministry: appointment.ministry,
      startedOn: appointment.started_on,
    },
    ip: input.ip,
  });
}
