export { auditLog } from './audit.table.ts';
export { recordAudit, CLI_ACTOR, SYSTEM_ACTOR, type Actor } from './audit.usecases.ts';
export { registerAuditAdmin } from './audit.admin.ts';
export { auditModule } from './audit.module.ts';
