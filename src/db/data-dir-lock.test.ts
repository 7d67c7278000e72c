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

  it('takes over a lock left with this process’s id by an earlier process, as after a container restart', () => {
    const dataDir = folder();
    const lockPath = path.join(dataDir, LOCK_FILE_NAME);
    // The same process id, but a process that started a day before this one.
    const earlierStart = Math.round(performance.timeOrigin) - 24 * 60 * 60 * 1000;
    fs.writeFileSync(
      lockPath,
      JSON.stringify({
        pid: process.pid,
        processStart: earlierStart,
        role: 'server',
        socketDir: '/tmp/old',
        startedAt: '2026-11-29T03:00:00.000Z',
      }),
    );
    const result = acquireDataDirLock({ dataDir, role: 'server', socketDir: null });
    expect(result.acquired).toBe(true);
    const owner = readLockOwner(dataDir);
    expect(owner?.pid).toBe(process.pid);
    expect(owner?.processStart).not.toBe(earlierStart);
    expect(owner?.socketDir).toBeNull();

    // A lock with this process’s id written before start identities were recorded is stale too.
    if (result.acquired) result.release();
    fs.writeFileSync(
      lockPath,
      JSON.stringify({ pid: process.pid, role: 'server', socketDir: null, startedAt: '2026-11-29T03:00:00.000Z' }),
    );
    expect(acquireDataDirLock({ dataDir, role: 'server', socketDir: null }).acquired).toBe(true);
  });

  it('still refuses a second owner within the process that holds the lock', () => {
    const dataDir = folder();
    const first = acquireDataDirLock({ dataDir, role: 'server', socketDir: '/tmp/socket' });
    expect(first.acquired).toBe(true);
    const second = acquireDataDirLock({ dataDir, role: 'cli', socketDir: null });
    expect(second.acquired).toBe(false);
    if (!second.acquired) expect(second.owner).toMatchObject({ pid: process.pid, role: 'server' });
  });

  it('removes its lock file on release', () => {
    const dataDir = folder();
    const result = acquireDataDirLock({ dataDir, role: 'cli', socketDir: null });
    if (!result.acquired) throw new Error('expected the lock');
    result.release();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });
});
