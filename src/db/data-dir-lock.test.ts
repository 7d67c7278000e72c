import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, describeLockOwner, LOCK_FILE_NAME, readLockOwner } from './data-dir-lock.ts';

const folders: string[] = [];
function folder(): string {
  const created = fs.mkdtempSync(path.join(os.tmpdir(), 'a87-lock-'));
  folders.push(created);
  return created;
}
afterEach(() => {
  for (const created of folders.splice(0)) fs.rmSync(created, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('lets one owner in and tells the next one who holds it', () => {
    const dataDir = folder();
    const first = acquireDataDirLock({ dataDir, role: 'server', socketDir: '/tmp/socket' });
    expect(first.acquired).toBe(true);
    // Another process: pretend to be the parent process, which is alive.
    const lockPath = path.join(dataDir, LOCK_FILE_NAME);
    const owner = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    fs.writeFileSync(lockPath, JSON.stringify({ ...owner, pid: process.ppid }));
    const second = acquireDataDirLock({ dataDir, role: 'server', socketDir: null });
    expect(second.acquired).toBe(false);
    if (!second.acquired) {
      expect(second.owner.pid).toBe(process.ppid);
      expect(second.owner.socketDir).toBe('/tmp/socket');
      const message = describeLockOwner({ dataDir, owner: second.owner });
      expect(message).toContain('in use by an Alliance 8.7 server');
      expect(message).toContain('DATA_DIR');
    }
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dataDir = folder();
    fs.writeFileSync(
      path.join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({ pid: 2 ** 22 + 12345, role: 'server', socketDir: null, startedAt: '2020-01-01' }),
    );
    const result = acquireDataDirLock({ dataDir, role: 'cli', socketDir: null });
    expect(result.acquired).toBe(true);
    expect(readLockOwner(dataDir)?.pid).toBe(process.pid);
  });

  it('removes its lock file on release', () => {
    const dataDir = folder();
    const result = acquireDataDirLock({ dataDir, role: 'cli', socketDir: null });
    if (!result.acquired) throw new Error('expected the lock');
    result.release();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});
