import { safeLine } from '@todo-deploy/runtime';
import { redact } from '@todo-deploy/secrets';
import type { ContainerStatus, KubeObject, Pod } from './k8s.js';
import type { RolloutSnapshot } from './verdict.js';

/** The last lines a failing container printed, as the diagnosis shows them. */
export interface ContainerLog {
  container: string;
  /** true: the run before the last restart (the one that crashed or was killed). */
  previous: boolean;
  /** Each line made safe to print (no workflow command, no control character), cut, secrets hidden. */
  lines: string[];
}

export interface LogTarget {
  pod: string;
  container: string;
  previous: boolean;
  /** The current run printed nothing yet (it has just restarted): read the previous one instead. */
  orPrevious?: boolean;
}

export const LOG_TAIL_LINES = 20;
/** What the API server sends at most per container (limitBytes). */
export const LOG_LIMIT_BYTES = 16 * 1024;
export const MAX_LOG_LINE = 500;
/** Containers whose logs one diagnosis reads at most. */
export const MAX_LOG_TARGETS = 3;
const MAX_LAST_LINE = 300;

/**
 * Which run of the container has logs to read: the current one while it runs or has just
 * ended, the previous one while it waits to restart; none when it never ran (an image that
 * cannot be pulled, a missing Secret key).
 */
function runWithLogs(status: ContainerStatus): boolean | undefined {
  if (status.state?.running || status.state?.terminated) return false;
  if (status.lastState?.terminated) return true;
  return undefined;
}

/**
 * The containers whose last lines the diagnosis reads: those of the fatal problems or, when
 * there is none (a timeout, a progress deadline), the first pod not ready of each unfinished
 * workload. Pure.
 */
export function logTargets(snapshot: RolloutSnapshot, objects: readonly KubeObject[]): LogTarget[] {
  const fatal = snapshot.workloads.flatMap((w) => w.problems.filter((p) => p.fatal).map((p) => ({ pod: p.pod, container: p.container })));
  const wanted: Array<{ pod: string; container?: string | undefined }> =
    fatal.length > 0
      ? fatal
      : snapshot.workloads
          .filter((w) => !w.done)
          .flatMap((w) =>
            w.pods
              .filter((p) => !p.ready)
              .map((p) => ({ pod: p.name }))
              .slice(0, 1),
          );
  const targets: LogTarget[] = [];
  for (const want of wanted) {
    const pod = objects.find((o): o is Pod => o.kind === 'Pod' && o.metadata.name === want.pod);
    const statuses = [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])];
    const status = want.container ? statuses.find((s) => s.name === want.container) : statuses.find((s) => !s.ready);
    const previous = status ? runWithLogs(status) : undefined;
    if (!status || previous === undefined || targets.some((t) => t.pod === want.pod)) continue;
    const orPrevious = !previous && status.lastState?.terminated !== undefined;
    targets.push({ pod: want.pod, container: status.name, previous, ...(orPrevious ? { orPrevious } : {}) });
  }
  return targets.slice(0, MAX_LOG_TARGETS);
}

/** The API path of a container's last lines. Pure. */
export function logPath(namespace: string, target: LogTarget): string {
  const query = new URLSearchParams({
    container: target.container,
    tailLines: String(LOG_TAIL_LINES),
    limitBytes: String(LOG_LIMIT_BYTES),
  });
  if (target.previous) query.set('previous', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(target.pod)}/log?${query.toString()}`;
}

/** user:password@ in any URL of a line, replaced by ***@ (apps print connection strings). Pure. */
export function hideUrlCredentials(line: string): string {
  return line.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi, '$1***@');
}

/**
 * A log as the diagnosis keeps it: the last LOG_TAIL_LINES lines (trailing blank lines
 * dropped), each with URL credentials and every registered secret hidden, made safe and cut
 * to MAX_LOG_LINE characters. Pure but for the registered secrets.
 */
export function logLines(text: string, maxLines = LOG_TAIL_LINES): string[] {
  const lines = text.split(/\r\n|[\r\n\u0085\u2028\u2029]/);
  while (lines.length > 0 && (lines.at(-1) ?? '').trim() === '') lines.pop();
  return lines.slice(-maxLines).map((line) => safeLine(redact(hideUrlCredentials(line)), MAX_LOG_LINE));
}

/**
 * Whether a log answer is the kubelet's notice that it has no log for that container (a run
 * removed, or a runtime that lost it: `unable to retrieve container logs for containerd://<id>`,
 * sent as the log with status 200), not a line the container printed. Pure.
 */
export function isLogUnavailableNotice(text: string): boolean {
  return /^unable to retrieve container logs for [a-z0-9.+-]+:\/\/\S+\s*$/i.test(text);
}

/** The snapshot with each read log put on its pod. Pure. */
export function attachLogs(snapshot: RolloutSnapshot, logs: ReadonlyMap<string, ContainerLog>): RolloutSnapshot {
  if (logs.size === 0) return snapshot;
  return {
    ...snapshot,
    workloads: snapshot.workloads.map((w) => ({
      ...w,
      pods: w.pods.map((p) => {
        const log = logs.get(p.name);
        return log ? { ...p, logs: log } : p;
      }),
    })),
  };
}

/** The failure line with the last line the failing container printed, when it was read. Pure. */
export function withLastLogLine(failure: string, snapshot: RolloutSnapshot): string {
  const problem = snapshot.workloads.flatMap((w) => w.problems).find((p) => p.fatal);
  const pod = problem ? snapshot.workloads.flatMap((w) => w.pods).find((p) => p.name === problem.pod) : undefined;
  const last = pod?.logs?.lines.filter((line) => line.trim() !== '').at(-1);
  if (last === undefined) return failure;
  const shown = last.length > MAX_LAST_LINE ? `${last.slice(0, MAX_LAST_LINE)}…` : last;
  return `${failure}; last log line${pod?.logs?.previous ? ' before the restart' : ''}: ${shown}`;
}
