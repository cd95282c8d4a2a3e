import type { ContainerStatus, Pod } from './k8s.js';

/** Waiting reasons that waiting longer will not fix: the watch stops at once. */
export const FATAL_WAITING_REASONS = [
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerError',
  'RunContainerError',
] as const;

export interface PodProblem {
  pod: string;
  container?: string;
  reason: string;
  message: string;
  /** true when the watch should stop without waiting for the timeout. */
  fatal: boolean;
}

/** How the container's last run ended and how often it restarted, e.g. "exit code 1 (Error), 2 restarts". */
function lastRun(status: ContainerStatus): string {
  const ended = status.state?.terminated ?? status.lastState?.terminated;
  const how = ended?.exitCode !== undefined ? `exit code ${ended.exitCode}` : ended?.signal !== undefined ? `signal ${ended.signal}` : '';
  const parts = [ended ? `${how || 'ended'}${ended.reason ? ` (${ended.reason})` : ''}` : ''];
  const restarts = status.restartCount ?? 0;
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
  return parts.filter(Boolean).join(', ');
}

function oomProblem(pod: Pod, status: ContainerStatus): PodProblem {
  const limit = pod.spec?.containers?.find((c) => c.name === status.name)?.resources?.limits?.memory;
  const run = lastRun(status);
  const backoff = status.state?.waiting?.reason === 'CrashLoopBackOff' ? ', now in CrashLoopBackOff' : '';
  return {
    pod: pod.metadata.name,
    container: status.name,
    reason: 'OOMKilled',
    message: `container ${status.name} was killed for using more memory than its limit${limit ? ` (limits.memory ${limit})` : ''}${run || backoff ? `: ${run}${backoff}` : ''}`,
    fatal: true,
  };
}

function containerProblem(pod: Pod, status: ContainerStatus): PodProblem | undefined {
  const waiting = status.state?.waiting;
  const oom = [status.state, status.lastState].some((state) => state?.terminated?.reason === 'OOMKilled');
  // a crash loop of OOM kills is named for its cause
  if (oom && (!waiting?.reason || waiting.reason === 'CrashLoopBackOff')) return oomProblem(pod, status);
  if (waiting?.reason && (FATAL_WAITING_REASONS as readonly string[]).includes(waiting.reason)) {
    let message = waiting.message?.trim() || (status.image ? `image ${status.image}` : waiting.reason);
    const run = lastRun(status);
    if (waiting.reason === 'CrashLoopBackOff' && run) message = `${message}; last run: ${run}`;
    return { pod: pod.metadata.name, container: status.name, reason: waiting.reason, message, fatal: true };
  }
  if (oom) return oomProblem(pod, status);
  return undefined;
}

/**
 * What is wrong with one pod, if anything. `unschedulableSinceMs` is how long the watch
 * has seen it unschedulable; past `graceMs` that is fatal too.
 */
export function podProblem(pod: Pod, unschedulableForMs: number, graceMs: number): PodProblem | undefined {
  const name = pod.metadata.name;
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const problem = containerProblem(pod, status);
    if (problem) return problem;
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    return {
      pod: name,
      reason: 'Unschedulable',
      message: scheduled.message?.trim() || 'no node fits the pod',
      fatal: unschedulableForMs >= graceMs,
    };
  }
  if (pod.status?.phase === 'Failed')
    return { pod: name, reason: 'Failed', message: String(pod.status.reason ?? pod.status.message ?? 'the pod failed'), fatal: true };
  return undefined;
}

/** Why a pod is not ready yet, in words (for a timeout message). */
export function notReadyReason(pod: Pod): string {
  const waiting = [...(pod.status?.containerStatuses ?? [])].find((c) => c.state?.waiting?.reason)?.state?.waiting;
  if (waiting?.reason) return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`;
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const phase = pod.status?.phase ?? 'Unknown';
  if (ready?.status === 'False')
    return `${phase}, not Ready${ready.reason ? ` (${ready.reason}${ready.message ? `: ${ready.message}` : ''})` : ''}`;
  return phase;
}

export const isPodReady = (pod: Pod): boolean => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
