import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removePrivateFolder } from '@todo-deploy/runtime/private-folder';
import { readCheckpoint } from './checkpoint.js';
import { needsCluster, planPost, type PostStep } from './plan/post.js';
import type { DeployState } from './state.js';

// The parts of the post step that need neither the toolkit nor the cluster, so that the
// usual post step (main finished and settled everything) costs only a Node start.

/** The post step's work, planned from main's checkpoint (plan/post.ts). */
export const postSteps = (state: DeployState): PostStep[] => planPost(readCheckpoint(state));

/** Whether main left a release to settle or a deploy lock to free (it was killed). */
export const postNeedsCluster = (state: DeployState): boolean => needsCluster(postSteps(state));

/** The kubeconfig main wrote from the input, if it did (otherwise KUBECONFIG or ~/.kube/config, as for main). */
export function kubeconfigIn(folder: string | undefined): string | undefined {
  const path = folder ? join(folder, 'kubeconfig') : undefined;
  return path && existsSync(path) ? path : undefined;
}

/**
 * Stops a kubectl proxy a killed main left running, only if that pid is still that proxy
 * (its command line names the socket folder), and removes the socket folder.
 */
export function stopLeftProxy(step: { pid: number; folder: string }): void {
  try {
    if (readFileSync(`/proc/${step.pid}/cmdline`, 'utf8').includes(step.folder)) process.kill(step.pid, 'SIGTERM');
  } catch {
    // gone already, or no /proc (the runner ends leftover processes with the job)
  }
  removePrivateFolder(step.folder);
}

/** Removes the private folder (the kubeconfig file main wrote from the input). */
export function removeFolder(folder: string): void {
  const hadKubeconfig = kubeconfigIn(folder) !== undefined;
  removePrivateFolder(folder);
  if (hadKubeconfig) process.stdout.write('Removed the kubeconfig file\n');
}

/** Says which state values were refused (forged or corrupt): nothing was done with them. */
export function reportRefused(state: DeployState): void {
  for (const r of state.refused) process.stdout.write(`Ignored the state value ${r.name}: ${r.reason}\n`);
}

/** Runs the steps that touch only this machine (a post step after a main that settled everything). */
export function runLocalStep(step: PostStep): void {
  if (step.kind === 'stop-proxy') stopLeftProxy(step);
  else if (step.kind === 'remove-folder') removeFolder(step.folder);
}

/** The post step after a main that settled everything: only local leftovers. */
export function cleanUpLocal(state: DeployState): void {
  for (const step of postSteps(state)) runLocalStep(step);
  reportRefused(state);
}
