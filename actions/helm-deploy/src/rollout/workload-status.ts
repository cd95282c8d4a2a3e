import { num, type KubeObject, type WorkloadRef } from './k8s.js';

export interface WorkloadStatus {
  kind: string;
  name: string;
  desired: number;
  ready: number;
  updated: number;
  available: number;
  done: boolean;
  /** What the workload waits for, or why it failed. */
  detail: string;
  /** A condition that is final by itself (ProgressDeadlineExceeded). */
  failed?: string;
}

const status = (o: KubeObject) => (o.status ?? {}) as Record<string, unknown>;
const spec = (o: KubeObject) => (o.spec ?? {}) as Record<string, unknown>;

function stale(o: KubeObject): boolean {
  return num(status(o).observedGeneration) < num(o.metadata.generation);
}

/** The replica counts Deployments and StatefulSets share; `available` as the kind reports it. */
function replicaCounts(o: KubeObject, available: unknown) {
  const s = status(o);
  const desired = spec(o).replicas === undefined ? 1 : num(spec(o).replicas);
  return {
    kind: o.kind,
    name: o.metadata.name,
    desired,
    ready: num(s.readyReplicas),
    updated: num(s.updatedReplicas),
    available: num(available),
  };
}

function deployment(o: KubeObject): WorkloadStatus {
  const s = status(o);
  const base = replicaCounts(o, s.availableReplicas);
  const desired = base.desired;
  const conditions = (s.conditions ?? []) as Array<{ type: string; status: string; reason?: string; message?: string }>;
  const deadline = conditions.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
  if (deadline)
    return {
      ...base,
      done: false,
      detail: deadline.message ?? 'progress deadline exceeded',
      failed: `ProgressDeadlineExceeded: ${deadline.message ?? ''}`.trim(),
    };
  if (stale(o)) return { ...base, done: false, detail: 'waiting for the controller to see the new spec' };
  if (base.updated < desired) return { ...base, done: false, detail: `${base.updated} of ${desired} replicas updated` };
  if (num(s.replicas) > base.updated)
    return { ...base, done: false, detail: `${num(s.replicas) - base.updated} old replicas pending termination` };
  if (base.available < base.updated)
    return { ...base, done: false, detail: `${base.available} of ${base.updated} updated replicas available` };
  return { ...base, done: true, detail: 'available' };
}

function statefulSet(o: KubeObject): WorkloadStatus {
  const s = status(o);
  const base = replicaCounts(o, s.availableReplicas ?? s.readyReplicas);
  const desired = base.desired;
  if (stale(o)) return { ...base, done: false, detail: 'waiting for the controller to see the new spec' };
  if (base.ready < desired) return { ...base, done: false, detail: `${base.ready} of ${desired} replicas ready` };
  const strategy = spec(o).updateStrategy as { type?: string; rollingUpdate?: { partition?: number } } | undefined;
  if (strategy?.type === 'OnDelete') return { ...base, done: true, detail: 'ready (OnDelete strategy)' };
  const partition = num(strategy?.rollingUpdate?.partition);
  if (partition > 0) {
    const wanted = desired - partition;
    return base.updated >= wanted
      ? { ...base, done: true, detail: `ready (partition ${partition})` }
      : { ...base, done: false, detail: `${base.updated} of ${wanted} replicas updated` };
  }
  if (s.updateRevision !== s.currentRevision || base.updated < desired)
    return { ...base, done: false, detail: `${base.updated} of ${desired} replicas updated` };
  return { ...base, done: true, detail: 'ready' };
}

function daemonSet(o: KubeObject): WorkloadStatus {
  const s = status(o);
  const desired = num(s.desiredNumberScheduled);
  const base = {
    kind: o.kind,
    name: o.metadata.name,
    desired,
    ready: num(s.numberReady),
    updated: num(s.updatedNumberScheduled),
    available: num(s.numberAvailable),
  };
  if (stale(o)) return { ...base, done: false, detail: 'waiting for the controller to see the new spec' };
  if (base.updated < desired) return { ...base, done: false, detail: `${base.updated} of ${desired} pods updated` };
  if (base.available < desired) return { ...base, done: false, detail: `${base.available} of ${desired} pods available` };
  return { ...base, done: true, detail: 'available' };
}

/** The rollout state of one workload, following `kubectl rollout status`. Pure. */
export function workloadStatus(ref: WorkloadRef, object: KubeObject | undefined): WorkloadStatus {
  if (!object)
    return { kind: ref.kind, name: ref.name, desired: 0, ready: 0, updated: 0, available: 0, done: false, detail: 'not found yet' };
  if (ref.kind === 'Deployment') return deployment(object);
  if (ref.kind === 'StatefulSet') return statefulSet(object);
  return daemonSet(object);
}
