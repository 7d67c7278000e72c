import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config/config.ts';
import type { Database } from './db/database.ts';
import { restoreBackup, writeBackup } from './db/backup.ts';
import { recordAudit, type Actor } from './modules/audit/index.ts';

/**
 * Where a backup file named on the command line is: a bare file name (`2026-11-28.a87.gz`) is in
 * the data folder's `backups/`, next to the copies `restore` keeps; a path with a folder in it
 * (`./x.a87.gz`, `/srv/x.a87.gz`) is taken as it is, from the current folder.
 */
export function resolveBackupFile(input: { config: Config; name: string }): string {
  return path.basename(input.name) === input.name
    ? path.join(backupFolder(input.config), input.name)
    : path.resolve(input.name);
}

export function backupFolder(config: Config): string {
  return path.join(config.dataDir, 'backups');
}

/** Writes a backup of every record and records it in the audit log (written after the snapshot). */
export async function makeBackup(input: {
  database: Database;
  file: string;
  actor: Actor;
}): Promise<{ tables: number; rows: number; bytes: number }> {
  fs.mkdirSync(path.dirname(input.file), { recursive: true, mode: 0o700 });
  const result = await writeBackup(input.database, input.file);
  await recordAudit(input.database.db, {
    actor: input.actor,
    action: 'backups.written',
    entityType: 'backup',
    entityId: path.basename(input.file),
    after: { file: input.file, ...result },
  });
  return result;
}

/**
 * Replaces every record with the backup's, after keeping the current records in the data folder
 * (`backups/before-restore-<time>.a87.gz`, the undo). The audit record of the restore is written
 * in the restore's own transaction, after the backup's rows: it stays in the restored database.
 */
export async function restoreWithUndo(input: {
  database: Database;
  config: Config;
  file: string;
  actor: Actor;
  now?: Date;
}): Promise<{ undoFile: string; undoRows: number; tables: number; rows: number }> {
  const folder = backupFolder(input.config);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = (input.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const undoFile = path.join(folder, `before-restore-${stamp}.a87.gz`);
  const undo = await writeBackup(input.database, undoFile);
  const restored = await restoreBackup(input.database, input.file, {
    beforeCommit: (db, result) =>
      recordAudit(db, {
        actor: input.actor,
        action: 'backups.restored',
        entityType: 'backup',
        entityId: path.basename(input.file),
        before: { rows: undo.rows, keptIn: undoFile },
        after: { file: input.file, ...result },
      }),
  });
  return { undoFile, undoRows: undo.rows, ...restored };
}
