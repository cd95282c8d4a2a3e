import { rm } from 'node:fs/promises';
import { info } from '../log.js';
import { pidNamespaceOfChild } from '../node/host.js';
import { undoRealNode } from '../node/real-node.js';
import { assertSafeStateDir, stateDir as defaultStateDir } from '../paths.js';
import { lockFileFor, withLock } from './lock.js';
import { isAlive, stopProcess } from './processes.js';
import { readState } from './state.js';

/** Stops exactly the processes `up` recorded (newest first), then removes the state directory. */
export async function down(options: { stateDir?: string } = {}): Promise<void> {
  const dir = options.stateDir ?? defaultStateDir();
  assertSafeStateDir(dir);
  await withLock(lockFileFor(dir), () => stopAndRemove(dir));
}

/** The work of `down`, for callers that already hold the lock. */
export async function stopAndRemove(dir: string): Promise<void> {
  const state = await readState(dir).catch(() => undefined);
  if (!state) {
    info(`no lab state in ${dir}; nothing to stop`);
  } else {
    // an `up` killed right after starting the node may not have recorded its namespace yet
    const node = state.processes.find((p) => p.name === 'real-node');
    if (state.realNode && !state.realNode.pidNamespace && node && isAlive(node))
      state.realNode.pidNamespace = await pidNamespaceOfChild(node.pid, 2000).catch(() => undefined);
    for (const p of [...state.processes].reverse()) {
      const result = await stopProcess(p);
      info(`${p.name} (pid ${p.pid}): ${result}`);
    }
    await undoRealNode(state.realNode);
  }
  await rm(dir, { recursive: true, force: true });
  info(`removed ${dir}`);
}
