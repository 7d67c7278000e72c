import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes opening the same folder silently lose rows.
 * One process at a time owns the embedded data folder; it records itself in a lock file
 * that also says where other processes can reach the database it serves.
 */
export interface LockOwner {
  pid: number;
  /**
   * When the owning process started (ms since the epoch). A process id alone is not enough: a
   * container restarted after a crash often gets the same id as the process that left the lock.
   */
  processStart?: number;
  role: 'server' | 'cli' | 'test';
  socketDir: string | null;
  startedAt: string;
}

export type LockResult = { acquired: true; release: () => void } | { acquired: false; owner: LockOwner };

export const LOCK_FILE_NAME = 'alliance87.lock';

/** This process's start, the same for every module instance and every lock it takes. */
const PROCESS_START = Math.round(performance.timeOrigin);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that wrote the lock still runs. A lock with this process's id is held only
 * if this very process wrote it: otherwise an earlier process with the same id left it behind.
 */
function isHeld(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return owner.processStart === PROCESS_START;
  return isAlive(owner.pid);
}

export function readLockOwner(dataDir: string): LockOwner | null {
  try {
    const raw = fs.readFileSync(path.join(dataDir, LOCK_FILE_NAME), 'utf8');
    const owner = JSON.parse(raw) as LockOwner;
    return typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(input: {
  dataDir: string;
  role: LockOwner['role'];
  socketDir: string | null;
}): LockResult {
  fs.mkdirSync(input.dataDir, { recursive: true });
  const lockPath = path.join(input.dataDir, LOCK_FILE_NAME);
  const owner: LockOwner = {
    pid: process.pid,
    processStart: PROCESS_START,
    role: input.role,
    socketDir: input.socketDir,
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const fd = fs.openSync(lockPath, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify(owner));
      fs.closeSync(fd);
      let released = false;
      return {
        acquired: true,
        release: () => {
          if (released) return;
          released = true;
          const current = readLockOwner(input.dataDir);
          if (current?.pid === process.pid && current.processStart === PROCESS_START)
            fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = readLockOwner(input.dataDir);
      if (existing && isHeld(existing)) {
        return { acquired: false, owner: existing };
      }
      // The owner died without cleaning up (or wrote a broken file, or its id is now this
      // process's): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${lockPath}`);
}

export function describeLockOwner(input: { dataDir: string; owner: LockOwner }): string {
  const what =
    input.owner.role === 'server'
      ? 'an Alliance 8.7 server'
      : input.owner.role === 'cli'
        ? 'an alliance87 command'
        : 'a test run';
  return (
    `The embedded database in ${input.dataDir} is in use by ${what} ` +
    `(process ${input.owner.pid}, since ${input.owner.startedAt}). ` +
    'Only one process may own an embedded database folder. Stop that process first, ' +
    'choose another folder with DATA_DIR, or use a PostgreSQL server with DATABASE_URL.'
  );
}
