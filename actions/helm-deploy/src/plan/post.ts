import type { Checkpoint } from '../checkpoint.js';

/**
 * The post step's work, in order, from main's checkpoint. Pure.
 * - stop-proxy: main was killed with its kubectl proxy running;
 * - settle: main was killed between changing the release and settling it;
 * - free-lock: main was killed holding the deploy lock;
 * - remove-folder: last, since settling and freeing the lock use the kubeconfig in it.
 * Settling and freeing the lock need the target release; without it they are left out.
 */
export type PostStep =
  | { kind: 'stop-proxy'; pid: number; folder: string }
  | { kind: 'settle'; release: string; namespace: string; previousRevision?: number; atomic: boolean; historyMax: number }
  | { kind: 'free-lock'; release: string; namespace: string; holder: string }
  | { kind: 'remove-folder'; folder: string };

export function planPost(checkpoint: Checkpoint): PostStep[] {
  const steps: PostStep[] = [];
  const { target, deploying, proxy, lockHolder, folder } = checkpoint;
  if (proxy) steps.push({ kind: 'stop-proxy', ...proxy });
  if (target && deploying) steps.push({ kind: 'settle', release: target.release, namespace: target.namespace, ...deploying });
  if (target && lockHolder) steps.push({ kind: 'free-lock', release: target.release, namespace: target.namespace, holder: lockHolder });
  if (folder) steps.push({ kind: 'remove-folder', folder });
  return steps;
}

/** Whether the post step needs helm or the API (only then does it load them). */
export const needsCluster = (steps: readonly PostStep[]): boolean => steps.some((s) => s.kind === 'settle' || s.kind === 'free-lock');
