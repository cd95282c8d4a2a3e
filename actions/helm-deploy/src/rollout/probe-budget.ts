import type { ContainerStatus, KubeEvent, Pod, Probe } from './k8s.js';
import type { PodProblem } from './pod-problems.js';

export type ProbeKind = 'startup' | 'readiness';

// Kubernetes' defaults for a probe's fields (the API server fills them in; a list item may lack them)
const DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, failureThreshold: 3 };

const field = (probe: Probe, name: keyof typeof DEFAULTS): number => {
  const value = probe[name];
  return typeof value === 'number' && value >= 0 ? value : DEFAULTS[name];
};

/**
 * How long the kubelet takes to give its verdict on a probe that keeps failing:
 * initialDelaySeconds + failureThreshold × periodSeconds. A startup probe that has failed
 * that long got the container killed; a readiness probe that has failed that long keeps the
 * pod out of service. Pure.
 */
export function probeBudgetMs(probe: Probe): number {
  return (field(probe, 'initialDelaySeconds') + field(probe, 'failureThreshold') * field(probe, 'periodSeconds')) * 1000;
}

export function describeBudget(probe: Probe): string {
  const f = (name: keyof typeof DEFAULTS) => field(probe, name);
  return `initialDelaySeconds ${f('initialDelaySeconds')} + failureThreshold ${f('failureThreshold')} × periodSeconds ${f('periodSeconds')}s`;
}

/**
 * The probe a running container waits on: its startup probe until `started`, then its
 * readiness probe until `ready`. undefined when it is ready, not running, or has no such probe.
 */
export function probeWait(pod: Pod, status: ContainerStatus): { kind: ProbeKind; probe: Probe } | undefined {
  if (status.ready || !status.state?.running) return undefined;
  const spec = pod.spec?.containers?.find((c) => c.name === status.name);
  if (status.started !== true) return spec?.startupProbe ? { kind: 'startup', probe: spec.startupProbe } : undefined;
  return spec?.readinessProbe ? { kind: 'readiness', probe: spec.readinessProbe } : undefined;
}

const PREFIX: Record<ProbeKind, string> = { startup: 'Startup probe failed', readiness: 'Readiness probe failed' };

/** The kubelet's latest event for this probe of this container (reason Unhealthy), if it was read. */
function probeEvent(events: readonly KubeEvent[], container: string, kind: ProbeKind): KubeEvent | undefined {
  const path = `spec.containers{${container}}`;
  return events
    .filter((e) => e.reason === 'Unhealthy' && (e.message ?? '').startsWith(PREFIX[kind]))
    .filter((e) => !e.involvedObject?.fieldPath || e.involvedObject.fieldPath === path)
    .sort((a, b) => (a.lastTimestamp ?? a.eventTime ?? '').localeCompare(b.lastTimestamp ?? b.eventTime ?? ''))
    .at(-1);
}

export interface ProbeLookInput {
  pod: Pod;
  /** The pod's events (only on the way out of a failure; empty otherwise). */
  events: readonly KubeEvent[];
  /** For each `<pod>/<container>/<probe>`, when the watch first saw the container wait on that probe; updated in place. */
  since: Map<string, number>;
  nowMs: number;
}

/**
 * A container whose probe has failed for the probe's whole budget (probeBudgetMs), measured
 * from when the watch first saw it wait on that probe: the kubelet has given its verdict, so
 * waiting for the deploy's timeout cannot help. The startup clock keeps running across the
 * restarts a failed startup probe causes; the readiness clock starts when the container has
 * started and stops when it is ready. Pure but for updating `since`.
 */
export function probeProblem(input: ProbeLookInput): PodProblem | undefined {
  const name = input.pod.metadata.name;
  let found: PodProblem | undefined;
  for (const status of input.pod.status?.containerStatuses ?? []) {
    const key = (kind: ProbeKind) => `${name}/${status.name}/${kind}`;
    const wait = probeWait(input.pod, status);
    if (status.ready) input.since.delete(key('startup'));
    if (status.ready || wait?.kind !== 'readiness') input.since.delete(key('readiness'));
    if (status.started === true) input.since.delete(key('startup'));
    if (!wait) continue;
    if (!input.since.has(key(wait.kind))) input.since.set(key(wait.kind), input.nowMs);
    const waited = input.nowMs - (input.since.get(key(wait.kind)) ?? input.nowMs);
    const budget = probeBudgetMs(wait.probe);
    if (found || waited < budget) continue;
    const event = probeEvent(input.events, status.name, wait.kind);
    const seen = event ? `${(event.message ?? '').trim()}${(event.count ?? 1) > 1 ? ` (x${event.count})` : ''}; ` : '';
    const what =
      wait.kind === 'startup'
        ? `container ${status.name} has not passed its startup probe in ${budget / 1000}s`
        : `container ${status.name} has not been ready for ${budget / 1000}s after it started`;
    found = {
      pod: name,
      container: status.name,
      reason: 'Unhealthy',
      message: `${seen}${what} (${wait.kind} probe: ${describeBudget(wait.probe)})`,
      fatal: true,
    };
  }
  return found;
}
