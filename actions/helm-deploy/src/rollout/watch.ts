import * as core from '@actions/core';
import { systemClock } from '@todo-deploy/retry';
import type { Kubectl } from '../adapters/kubectl.js';
import type { KubeObject, WorkloadRef } from './k8s.js';
import { evaluateRollout, timeoutDetail, type RolloutSnapshot } from './verdict.js';

export interface WatchResult {
  outcome: 'done' | 'failed' | 'timeout' | 'aborted';
  snapshot: RolloutSnapshot;
  /** The one-line reason when not done. */
  message?: string;
}

const KINDS = 'deployments,statefulsets,daemonsets,replicasets,pods';
/** Quick looks first (kwok or a small chart is ready in well under a second), then every second. */
const POLL_MS = [150, 250, 400, 600, 800];

/**
 * Watches the release's workloads until all are available, one fails in a way waiting
 * cannot fix (ImagePullBackOff, CrashLoopBackOff, ...), the deadline passes or the run is
 * cancelled. Polls with kubectl; prints a line whenever the picture changes.
 */
export async function watchRollout(
  kubectl: Kubectl,
  refs: readonly WorkloadRef[],
  namespace: string,
  options: { deadline: number; graceMs: number; signal?: AbortSignal; pollMs?: number },
): Promise<WatchResult> {
  const unschedulableSince = new Map<string, number>();
  let snapshot: RolloutSnapshot = { workloads: [], done: refs.length === 0 };
  let lastLine = '';
  let objects: KubeObject[] = [];
  /** On the way out of a failure: the same look, with the namespace's warning events. */
  const withEvents = async (): Promise<RolloutSnapshot> => {
    try {
      const events = await kubectl.getJson<KubeObject>(['events', '--namespace', namespace, '--field-selector', 'type=Warning']);
      return evaluateRollout({ refs, objects: [...objects, ...events], unschedulableSince, nowMs: Date.now(), graceMs: options.graceMs });
    } catch {
      return snapshot;
    }
  };
  for (let poll = 0; ; poll += 1) {
    if (refs.length === 0) return { outcome: 'done', snapshot };
    objects = [];
    try {
      objects = await kubectl.getJson<KubeObject>([KINDS, '--namespace', namespace], options.signal ? { signal: options.signal } : {});
    } catch (error) {
      if (options.signal?.aborted) return { outcome: 'aborted', snapshot, message: 'cancelled' };
      core.info(`Could not read the workloads (will retry): ${(error as Error).message}`);
    }
    if (objects.length > 0) {
      snapshot = evaluateRollout({ refs, objects, unschedulableSince, nowMs: Date.now(), graceMs: options.graceMs });
      const line = snapshot.workloads.map((w) => `${w.name} ${w.ready}/${w.desired}${w.done ? ' ✓' : ''}`).join(', ');
      if (line !== lastLine) {
        core.info(`Rollout: ${line}`);
        lastLine = line;
      }
      if (snapshot.failure) return { outcome: 'failed', snapshot: await withEvents(), message: snapshot.failure };
      if (snapshot.done) return { outcome: 'done', snapshot };
    }
    if (options.signal?.aborted) return { outcome: 'aborted', snapshot: await withEvents(), message: 'cancelled' };
    const left = options.deadline - Date.now();
    if (left <= 0) {
      snapshot = await withEvents();
      return { outcome: 'timeout', snapshot, message: timeoutDetail(snapshot) };
    }
    await systemClock.sleep(Math.min(left, options.pollMs ?? POLL_MS[poll] ?? 1000), options.signal);
  }
}
