import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../../db/database.ts';
import { organizations } from '../../partners/index.ts';
import type { UserRow } from '../accounts.repository.ts';
import { roleAssignments, users, type Role } from '../accounts.table.ts';

export async function listUsers(
  db: Db,
  input: {
    query?: string | undefined;
    role?: Role | undefined;
    status?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: UserRow[] }> {
  const parts: SQL[] = [];
  if (input.query) {
    const pattern = `%${input.query.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    parts.push(or(ilike(users.email, pattern), ilike(users.name, pattern))!);
  }
  if (input.status) parts.push(eq(users.status, input.status as UserRow['status']));
  if (input.role) {
    parts.push(
      inArray(
        users.id,
        db
          .select({ id: roleAssignments.userId })
          .from(roleAssignments)
          .where(and(eq(roleAssignments.role, input.role), isNull(roleAssignments.revokedAt))),
      ),
    );
  }
  const where = parts.length > 0 ? and(...parts) : undefined;
  const [totalRow] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(asc(sql`lower(${users.email})`))
    .limit(input.limit)
    .offset(input.offset);
  return { total: totalRow?.total ?? 0, rows };
}

/** People holding an active partner_rep role for an organization. */
export async function listOrganizationRepresentatives(
  db: DbExecutor,
  organizationId: number,
): Promise<{ grantId: number; userId: number; name: string; email: string; locale: string; status: string }[]> {
  return db
    .select({
      grantId: roleAssignments.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      locale: users.locale,
      status: users.status,
    })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.role, 'partner_rep'),
        eq(roleAssignments.organizationId, organizationId),
        isNull(roleAssignments.revokedAt),
      ),
    )
    .orderBy(asc(users.email));
}

/** The id of the organization with this slug, or null. */
export async function findOrganizationIdBySlug(db: DbExecutor, slug: string): Promise<number | null> {
  const [row] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  return row?.id ?? null;
}
