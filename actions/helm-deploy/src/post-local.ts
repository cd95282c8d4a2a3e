import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removePrivateFolder } from '@todo-deploy/runtime/private-folder';
import type { DeployState } from './state.js';

// The parts of the post step that need neither the toolkit nor the cluster, so that the
// usual post step (main finished and settled everything) costs only a Node start.

/** Whether main left a release to settle or a deploy lock to free (it was killed). */
export function postNeedsCluster(state: DeployState): boolean {
  return Boolean(state.get('release') && state.get('namespace') && (state.get('phase') === 'deploying' || state.get('lockHolder')));
}

/** The kubeconfig main wrote from the input, if it did (otherwise KUBECONFIG or ~/.kube/config, as for main). */
export function kubeconfigIn(state: DeployState): string | undefined {
  const folder = state.get('folder');
  const path = folder ? join(folder, 'kubeconfig') : undefined;
  return path && existsSync(path) ? path : undefined;
}

/**
 * Stops a kubectl proxy a killed main left running, only if that pid is still that proxy
 * (its command line names the socket folder), and removes the socket folder.
 */
export function stopLeftProxy(state: DeployState): void {
  const pid = state.get('proxyPid');
  const dir = state.get('proxyFolder');
  if (!pid || !dir) return;
  try {
    if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir)) process.kill(pid, 'SIGTERM');
  } catch {
    // gone already, or no /proc (the runner ends leftover processes with the job)
  }
  removePrivateFolder(dir);
}

/** Removes the private folder (the kubeconfig file main wrote from the input). */
export function removeFolder(state: DeployState): void {
  const folder = state.get('folder');
  if (!folder) return;
  const hadKubeconfig = kubeconfigIn(state) !== undefined;
  removePrivateFolder(folder);
  if (hadKubeconfig) process.stdout.write('Removed the kubeconfig file\n');
}

/** Says which state values were refused (forged or corrupt): nothing was done with them. */
export function reportRefused(state: DeployState): void {
  for (const r of state.refused) process.stdout.write(`Ignored the state value ${r.name}: ${r.reason}\n`);
}

/** The post step after a main that settled everything: only local leftovers. */
export function cleanUpLocal(state: DeployState): void {
  stopLeftProxy(state);
  removeFolder(state);
  reportRefused(state);
}
