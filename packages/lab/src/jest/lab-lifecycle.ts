import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { install } from '../install/install.js';
import { info } from '../log.js';
import { stateDir as defaultStateDir } from '../paths.js';
import { stopAndRemove } from '../up/down.js';
import { labVariables } from '../up/exports.js';
import { lockFileFor, withLock } from '../up/lock.js';
import { procStartTime } from '../up/processes.js';
import { readState } from '../up/state.js';
import { upLocked } from '../up/up.js';
import { realNodeMode } from '../node/real-node.js';
import { httpsMode } from '../https/decide.js';

/** One file per test run using the lab, so that one run's teardown never stops a lab another run still uses. */
function usersDir(stateDir: string): string {
  return join(stateDir, 'users');
}

function liveUsers(stateDir: string): number[] {
  const dir = usersDir(stateDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && procStartTime(pid) !== undefined);
}

/** Installs (a no-op when warm) and starts the lab, or reuses a healthy one; registers this run as a user. */
export async function startForTests(): Promise<{ variables: Record<string, string>; stateDir: string }> {
  const dir = defaultStateDir();
  process.stderr.write('\n');
  info(`lab for this test run (state ${dir})`);
  await install();
  return withLock(lockFileFor(dir), async () => {
    const { state } = await upLocked(dir, { startedBy: 'jest', realNode: realNodeMode([]), https: httpsMode([]) });
    await mkdir(usersDir(dir), { recursive: true });
    await writeFile(join(usersDir(dir), String(process.pid)), '');
    return { variables: labVariables(state), stateDir: dir };
  });
}

/**
 * Unregisters this run; stops the lab only when a test run started it and no other test run
 * still uses it. A lab started by `npm run lab -- up` is always left running.
 */
export async function stopAfterTests(dir: string = defaultStateDir()): Promise<void> {
  await withLock(lockFileFor(dir), async () => {
    await rm(join(usersDir(dir), String(process.pid)), { force: true });
    const state = await readState(dir);
    if (!state) return;
    const others = liveUsers(dir).filter((pid) => pid !== process.pid);
    if (state.startedBy !== 'jest') {
      info('the lab was started outside the tests: leaving it up');
    } else if (others.length) {
      info(`other test runs still use the lab (pids ${others.join(', ')}): leaving it up`);
    } else {
      await stopAndRemove(dir);
    }
  });
}
