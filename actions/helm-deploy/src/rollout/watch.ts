import { log } from '@todo-deploy/runtime';
import { systemClock } from '@todo-deploy/retry';
import type { KubeApi } from '../adapters/kube-api.js';
import type { KubeObject, WorkloadRef } from './k8s.js';
import { attachLogs, logTargets, withLastLogLine } from './container-logs.js';
import { readContainerLogs, readRolloutObjects, readWarningEvents } from './read-objects.js';
import { evaluateRollout, timeoutDetail, type RolloutSnapshot } from './verdict.js';

export interface WatchResult {
  outcome: 'done' | 'failed' | 'timeout' | 'aborted';
  snapshot: RolloutSnapshot;
  /** The one-line reason when not done. */
  message?: string;
}

/**
 * How long to wait before look `n + 1`. A look is a few list requests of a few milliseconds
 * each, so the first second is watched closely (a small chart on a fast cluster is ready
 * by then), then less and less often, and every second after about five seconds. Pure.
 */
export function pollDelayMs(n: number): number {
  if (n < 10) return 100;
  if (n < 15) return 200;
  if (n < 21) return 500;
  return 1000;
}

/**
 * Watches the release's workloads until all are available, one fails in a way waiting
 * cannot fix (ImagePullBackOff, CrashLoopBackOff, a probe failing for its whole budget, ...),
 * the deadline passes or the run is cancelled. Polls the API; prints a line whenever the
 * picture changes. On a failure or timeout the last look is read again with the namespace's
 * warning events and the last log lines of the failing containers.
 */
export async function watchRollout(
  api: KubeApi,
  refs: readonly WorkloadRef[],
  namespace: string,
  options: { deadline: number; graceMs: number; signal?: AbortSignal; pollMs?: number },
): Promise<WatchResult> {
  const unschedulableSince = new Map<string, number>();
  const probeSince = new Map<string, number>();
  let snapshot: RolloutSnapshot = { workloads: [], done: refs.length === 0 };
  let lastLine = '';
  let objects: KubeObject[] = [];
  const look = (extra: readonly KubeObject[] = []): RolloutSnapshot =>
    evaluateRollout({ refs, objects: [...objects, ...extra], unschedulableSince, probeSince, nowMs: Date.now(), graceMs: options.graceMs });
  /** On the way out: the same look with the namespace's warning events and, unless cancelled, the failing containers' logs. */
  const diagnose = async (withLogs: boolean): Promise<RolloutSnapshot> => {
    let seen: RolloutSnapshot;
    try {
      seen = look(await readWarningEvents(api, namespace));
    } catch {
      return snapshot;
    }
    return withLogs ? attachLogs(seen, await readContainerLogs(api, namespace, logTargets(seen, objects))) : seen;
  };
  for (let poll = 0; ; poll += 1) {
    if (refs.length === 0) return { outcome: 'done', snapshot };
    objects = [];
    try {
      objects = await readRolloutObjects(api, refs, options.signal);
    } catch (error) {
      if (options.signal?.aborted) return { outcome: 'aborted', snapshot, message: 'cancelled' };
      log.info(`Could not read the workloads (will retry): ${(error as Error).message}`);
    }
    if (objects.length > 0) {
      snapshot = look();
      const line = snapshot.workloads.map((w) => `${w.name} ${w.ready}/${w.desired}${w.done ? ' ✓' : ''}`).join(', ');
      if (line !== lastLine) {
        log.info(`Rollout: ${line}`);
        lastLine = line;
      }
      if (snapshot.failure) {
        const seen = await diagnose(true);
        return { outcome: 'failed', snapshot: seen, message: withLastLogLine(seen.failure ?? snapshot.failure, seen) };
      }
      if (snapshot.done) return { outcome: 'done', snapshot };
    }
    if (options.signal?.aborted) return { outcome: 'aborted', snapshot: await diagnose(false), message: 'cancelled' };
    const left = options.deadline - Date.now();
    if (left <= 0) {
      snapshot = await diagnose(true);
      return { outcome: 'timeout', snapshot, message: timeoutDetail(snapshot) };
    }
    await systemClock.sleep(Math.min(left, options.pollMs ?? pollDelayMs(poll)), options.signal);
  }
}
