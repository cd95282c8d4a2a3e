import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { info } from '../log.js';
import { procStartTime } from './processes.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding an exclusive lock file (O_EXCL), so that two `up` or `down` never
 * interleave (e.g. two test runs at once). A lock left by a dead process is taken over.
 */
export async function withLock<T>(lockFile: string, fn: () => Promise<T>, timeoutMs = 180_000): Promise<T> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let said = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(lockFile, 'utf8').trim() || '0');
      if (!holder || procStartTime(holder) === undefined) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`another lab command (pid ${holder}) holds ${lockFile}; waited ${timeoutMs / 1000} s`, { cause: error });
      }
      if (!said) info(`waiting for another lab command (pid ${holder}) to finish`);
      said = true;
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

export function lockFileFor(stateDir: string): string {
  return `${stateDir.replace(/\/+$/, '')}.lock`;
}
