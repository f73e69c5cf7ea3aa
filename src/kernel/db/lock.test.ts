import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, acquireDirLock } from './lock.ts';

describe('embedded database directory lock', () => {
  it('refuses a second holder with a clear error, and is released', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-lock-'));
    const release = acquireDirLock(dir);
    // Another live process holds it: simulate with our parent's pid written in the file.
    fs.writeFileSync(path.join(dir, 'peaceops.lock'), String(process.ppid));
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDirLock(dir)).toThrow(/already open in process/);
    fs.writeFileSync(path.join(dir, 'peaceops.lock'), String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, 'peaceops.lock'))).toBe(false);
  });

  it('takes over a lock left by a dead process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peaceops-lock-'));
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    fs.writeFileSync(path.join(dir, 'peaceops.lock'), dead);
    const release = acquireDirLock(dir);
    expect(fs.readFileSync(path.join(dir, 'peaceops.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
