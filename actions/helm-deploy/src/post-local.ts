import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { State, type StateOf } from './state-names.js';

// The parts of the post step that need neither the toolkit nor the cluster, so that the
// usual post step (main finished and settled everything) costs only a Node start.

/** Whether main left a release to settle or a deploy lock to free (it was killed). */
export function postNeedsCluster(state: StateOf): boolean {
  return Boolean(state(State.Release) && state(State.Namespace) && (state(State.Phase) === 'deploying' || state(State.LockHolder)));
}

/**
 * Stops a kubectl proxy a killed main left running, only if that pid is still that proxy
 * (its command line names the socket folder), and removes the socket folder.
 */
export function stopLeftProxy(state: StateOf): void {
  const [pid, dir] = state(State.ApiProxy).split(' ');
  if (!pid || !dir) return;
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(Number(pid), 'SIGTERM');
  } catch {
    // gone already, or no /proc (the runner ends leftover processes with the job)
  }
  rmSync(dir, { recursive: true, force: true });
}

/** Removes the folder of the kubeconfig file main wrote from the kubeconfig input. */
export function removeKubeconfig(state: StateOf): void {
  const path = state(State.KubeconfigPath);
  if (!path) return;
  rmSync(dirname(path), { recursive: true, force: true });
  process.stdout.write('Removed the kubeconfig file\n');
}
