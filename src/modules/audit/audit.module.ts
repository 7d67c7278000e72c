import type { ModuleDescriptor } from '../../http/module.ts';
import { registerAuditAdmin } from './audit.admin.ts';
import { auditLog } from './audit.table.ts';

/** The audit log: every write that matters records who did what; the Secretariat reads it. */
export const auditModule = {
  name: 'audit',
  tables: [auditLog],
  mount: (context, needs) => ({ admin: (app) => registerAuditAdmin(app, { ...context, ...needs }) }),
} satisfies ModuleDescriptor<{ findUserIdByEmail: (email: string) => Promise<number | null> }>;
