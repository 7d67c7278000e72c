export { auditLog } from './audit.table.ts';
export { recordAudit, CLI_ACTOR, SYSTEM_ACTOR, type Actor } from './audit.usecases.ts';
export { listAuditEntries, listAuditEntityTypes, type AuditEntry, type AuditFilter } from './audit.repository.ts';
export { registerAuditAdmin } from './audit.admin.ts';
