import type { KubeEvent, KubeObject, Pod, WorkloadRef } from './k8s.js';
import type { ContainerLog } from './container-logs.js';
import { isPodReady, notReadyReason, podProblem, type PodProblem } from './pod-problems.js';
import { probeProblem } from './probe-budget.js';
import { workloadStatus, type WorkloadStatus } from './workload-status.js';

export interface WarningEvent {
  object: string;
  reason: string;
  message: string;
  count: number;
}

export interface WorkloadReport extends WorkloadStatus {
  pods: Array<{ name: string; ready: boolean; phase: string; reason?: string; message?: string; logs?: ContainerLog }>;
  problems: PodProblem[];
  events: WarningEvent[];
}

export interface RolloutSnapshot {
  workloads: WorkloadReport[];
  done: boolean;
  /** Set when waiting longer cannot help: names workload, pod, reason and message. */
  failure?: string;
}

export interface SnapshotInput {
  refs: readonly WorkloadRef[];
  /** The listed workloads, ReplicaSets, pods and (on the way out of a failure) Warning events, each with its kind. */
  objects: readonly KubeObject[];
  /** For each pod name, when the watch first saw it unschedulable (ms); updated in place. */
  unschedulableSince: Map<string, number>;
  /** For each pod's container and probe, when the watch first saw it wait on that probe (ms); updated in place. */
  probeSince: Map<string, number>;
  nowMs: number;
  graceMs: number;
}

const ownedBy = (o: KubeObject, uid: string | undefined): boolean =>
  uid !== undefined && (o.metadata.ownerReferences ?? []).some((r) => r.uid === uid);

/** The pods of a workload's newest revision: only they can fail this rollout. */
function currentPods(workload: KubeObject, objects: readonly KubeObject[]): { pods: Pod[]; owners: KubeObject[] } {
  const pods = objects.filter((o): o is Pod => o.kind === 'Pod');
  if (workload.kind === 'Deployment') {
    const revision = workload.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const sets = objects.filter((o) => o.kind === 'ReplicaSet' && ownedBy(o, workload.metadata.uid));
    const newest = sets.find((rs) => revision !== undefined && rs.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
    return { pods: newest ? pods.filter((p) => ownedBy(p, newest.metadata.uid)) : [], owners: newest ? [newest] : [] };
  }
  const owned = pods.filter((p) => ownedBy(p, workload.metadata.uid));
  if (workload.kind === 'StatefulSet') {
    const revision = (workload.status as { updateRevision?: string } | undefined)?.updateRevision;
    return { pods: revision ? owned.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision) : owned, owners: [] };
  }
  return { pods: owned, owners: [] };
}

function warnings(objects: readonly KubeObject[], uids: Set<string>): WarningEvent[] {
  return objects
    .filter((o): o is KubeEvent => o.kind === 'Event')
    .filter((e) => e.type === 'Warning' && e.involvedObject?.uid !== undefined && uids.has(e.involvedObject.uid))
    .map((e) => ({
      object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
      reason: e.reason ?? '',
      message: (e.message ?? '').trim(),
      count: e.count ?? 1,
    }));
}

/** One look at the release's workloads: done, still progressing, or failed for a reason. Pure. */
export function evaluateRollout(input: SnapshotInput): RolloutSnapshot {
  const reports: WorkloadReport[] = input.refs.map((ref) => {
    const object = input.objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name);
    const status = workloadStatus(ref, object);
    if (!object) return { ...status, pods: [], problems: [], events: [] };
    const { pods, owners } = currentPods(object, input.objects);
    const problems: PodProblem[] = [];
    for (const pod of pods) {
      const unschedulable = pod.status?.conditions?.some(
        (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
      );
      if (unschedulable && !input.unschedulableSince.has(pod.metadata.name)) input.unschedulableSince.set(pod.metadata.name, input.nowMs);
      const since = input.unschedulableSince.get(pod.metadata.name);
      const events = input.objects.filter(
        (o): o is KubeEvent =>
          o.kind === 'Event' && pod.metadata.uid !== undefined && (o as KubeEvent).involvedObject?.uid === pod.metadata.uid,
      );
      // the probe clocks run on every look, also while another problem is shown
      const probe = probeProblem({ pod, events, since: input.probeSince, nowMs: input.nowMs });
      const problem = podProblem(pod, since === undefined ? 0 : input.nowMs - since, input.graceMs) ?? probe;
      if (problem) problems.push(problem);
    }
    const uids = new Set([object, ...owners, ...pods].map((o) => o.metadata.uid).filter((u): u is string => u !== undefined));
    return {
      ...status,
      pods: pods.map((pod) => {
        const ready = isPodReady(pod);
        const problem = problems.find((p) => p.pod === pod.metadata.name);
        return {
          name: pod.metadata.name,
          ready,
          phase: pod.status?.phase ?? 'Unknown',
          ...(problem ? { reason: problem.reason, message: problem.message } : ready ? {} : { reason: notReadyReason(pod) }),
        };
      }),
      problems,
      events: warnings(input.objects, uids),
    };
  });
  const failed = reports.find((w) => w.failed || w.problems.some((p) => p.fatal));
  if (failed) {
    const problem = failed.problems.find((p) => p.fatal);
    const failure = problem
      ? `${failed.name}: pod ${problem.pod} ${problem.reason}: ${problem.message}`
      : `${failed.name}: ${failed.failed}`;
    return { workloads: reports, done: false, failure };
  }
  return { workloads: reports, done: reports.every((w) => w.done) };
}

/** For a timeout: what each unfinished workload still waits for. */
export function timeoutDetail(snapshot: RolloutSnapshot): string {
  return snapshot.workloads
    .filter((w) => !w.done)
    .map((w) => {
      const pod = w.pods.find((p) => !p.ready);
      const event = w.events.at(-1);
      const why = pod ? `; pod ${pod.name} ${pod.reason ?? pod.phase}` : event ? `; ${event.object} ${event.reason}: ${event.message}` : '';
      return `${w.name}: ${w.ready} of ${w.desired} ready (${w.detail})${why}`;
    })
    .join('; ');
}
