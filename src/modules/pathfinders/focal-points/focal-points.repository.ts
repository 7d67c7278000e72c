import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbExecutor } from '../../../db/database.ts';
import { pathfinderFocalPoints } from '../pathfinders.table.ts';

export interface FocalPoint {
  id: number;
  userId: number | null;
  name: string;
  title: string;
  ministry: string;
  email: string;
  phone: string | null;
  startedOn: string;
  endedOn: string | null;
}

const columns = {
  id: pathfinderFocalPoints.id,
  userId: pathfinderFocalPoints.userId,
  name: pathfinderFocalPoints.name,
  title: pathfinderFocalPoints.title,
  ministry: pathfinderFocalPoints.ministry,
  email: pathfinderFocalPoints.email,
  phone: pathfinderFocalPoints.phone,
  startedOn: pathfinderFocalPoints.startedOn,
  endedOn: pathfinderFocalPoints.endedOn,
};

/** Every focal point the country has had, the current one first. */
export async function listFocalPoints(db: DbExecutor, iso3: string): Promise<FocalPoint[]> {
  return db
    .select(columns)
    .from(pathfinderFocalPoints)
    .where(eq(pathfinderFocalPoints.iso3, iso3))
    .orderBy(desc(pathfinderFocalPoints.startedOn), desc(pathfinderFocalPoints.id));
}

export async function findCurrentFocalPoint(db: DbExecutor, iso3: string): Promise<FocalPoint | null> {
  const [row] = await db
    .select(columns)
    .from(pathfinderFocalPoints)
    .where(and(eq(pathfinderFocalPoints.iso3, iso3), isNull(pathfinderFocalPoints.endedOn)));
  return row ?? null;
}

export async function endFocalPoint(db: DbExecutor, input: { id: number; endedOn: string }): Promise<void> {
  await db.update(pathfinderFocalPoints).set({ endedOn: input.endedOn }).where(eq(pathfinderFocalPoints.id, input.id));
}

export async function insertFocalPoint(
  db: DbExecutor,
  input: Omit<FocalPoint, 'id' | 'endedOn'> & { iso3: string; createdBy: number | null },
): Promise<number> {
  const [row] = await db.insert(pathfinderFocalPoints).values(input).returning({ id: pathfinderFocalPoints.id });
  return row!.id;
}
