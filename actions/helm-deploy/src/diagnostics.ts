import type { ContainerLog } from './rollout/container-logs.js';
import type { WorkloadReport } from './rollout/verdict.js';

export interface WorkloadDiagnostics {
  kind: string;
  name: string;
  ready: number;
  desired: number;
  detail: string;
  pods: Array<{ name: string; phase: string; reason?: string; message?: string; logs?: ContainerLog }>;
  events: Array<{ object: string; reason: string; message: string; count: number }>;
}

/** For each workload that did not become available: its pods' reasons (and last log lines, when read) and its warning events. Pure. */
export function diagnostics(workloads: readonly WorkloadReport[]): WorkloadDiagnostics[] {
  return workloads
    .filter((w) => !w.done)
    .map((w) => ({
      kind: w.kind,
      name: w.name,
      ready: w.ready,
      desired: w.desired,
      detail: w.failed ?? w.detail,
      pods: w.pods
        .filter((p) => !p.ready)
        .map((p) => ({
          name: p.name,
          phase: p.phase,
          ...(p.reason ? { reason: p.reason } : {}),
          ...(p.message ? { message: p.message } : {}),
          ...(p.logs ? { logs: p.logs } : {}),
        })),
      events: w.events,
    }));
}
