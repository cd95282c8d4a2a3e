import { describe, expect, it } from '@jest/globals';
import type { ContainerStatus, KubeEvent, KubeObject, Pod, Probe } from '../src/rollout/k8s.js';
import { probeBudgetMs, probeProblem, probeWait } from '../src/rollout/probe-budget.js';
import { evaluateRollout } from '../src/rollout/verdict.js';

// the Todo chart's probes
const startup: Probe = { initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 24 };
const readiness: Probe = { initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 };

function pod(
  status: Partial<ContainerStatus>,
  probes: { startupProbe?: Probe; readinessProbe?: Probe } = { startupProbe: startup, readinessProbe: readiness },
): Pod {
  return {
    kind: 'Pod',
    metadata: { name: 'todo-backend-x', uid: 'uid-p', ownerReferences: [{ kind: 'ReplicaSet', name: 'rs2', uid: 'rs2' }] },
    spec: { containers: [{ name: 'backend', ...probes }] },
    status: { phase: 'Running', containerStatuses: [{ name: 'backend', ready: false, restartCount: 0, ...status }] },
  };
}
const running = { state: { running: { startedAt: '2026-12-02T01:53:19Z' } } };
const starting = { ...running, started: false };
const started = { ...running, started: true };

function unhealthy(message: string, count: number, lastTimestamp: string, container = 'backend'): KubeEvent {
  return {
    kind: 'Event',
    metadata: { name: `e-${lastTimestamp}` },
    type: 'Warning',
    reason: 'Unhealthy',
    message,
    count,
    lastTimestamp,
    involvedObject: { kind: 'Pod', name: 'todo-backend-x', uid: 'uid-p', fieldPath: `spec.containers{${container}}` },
  };
}

describe('probeBudgetMs', () => {
  it.each([
    [startup, 120_000],
    [readiness, 35_000],
    [{ initialDelaySeconds: 0, periodSeconds: 5, failureThreshold: 6 }, 30_000],
    // Kubernetes' defaults: period 10, threshold 3, no delay
    [{}, 30_000],
    [{ periodSeconds: -1, failureThreshold: 1 }, 10_000],
  ])('of %j is %d ms', (probe, ms) => {
    expect(probeBudgetMs(probe)).toBe(ms);
  });
});

describe('probeWait', () => {
  it.each([
    ['a running container not started yet', starting, 'startup'],
    ['a started container not ready', started, 'readiness'],
    ['a ready container', { ...started, ready: true }, undefined],
    ['a container waiting to restart', { started: false, state: { waiting: { reason: 'CrashLoopBackOff' } } }, undefined],
    ['a container not running yet', { state: { waiting: { reason: 'ContainerCreating' } } }, undefined],
  ])('of %s is %s', (_what, status, kind) => {
    expect(probeWait(pod(status), { name: 'backend', ...status })?.kind).toBe(kind);
  });

  it('is undefined without the probe', () => {
    expect(probeWait(pod(starting, {}), { name: 'backend', ...starting })).toBeUndefined();
    expect(probeWait(pod(started, { startupProbe: startup }), { name: 'backend', ...started })).toBeUndefined();
  });
});

describe('probeProblem', () => {
  const look = (p: Pod, since: Map<string, number>, nowMs: number, events: KubeEvent[] = []) =>
    probeProblem({ pod: p, events, since, nowMs });

  it('fails a container whose startup probe has failed for its whole budget, with the kubelet event', () => {
    const since = new Map<string, number>();
    expect(look(pod(starting), since, 1_000)).toBeUndefined();
    expect(look(pod(starting), since, 120_999)).toBeUndefined();
    const events = [
      unhealthy('Startup probe failed: Get "http://10.87.1.9:8000/api/health": dial tcp: connection refused', 1, '2026-12-02T01:53:20Z'),
      unhealthy('Startup probe failed: HTTP probe failed with statuscode: 503', 23, '2026-12-02T01:55:14Z'),
      unhealthy('Startup probe failed: HTTP probe failed with statuscode: 500', 1, '2026-12-02T01:55:14Z', 'sidecar'),
    ];
    expect(look(pod(starting), since, 121_000, events)).toEqual({
      pod: 'todo-backend-x',
      container: 'backend',
      reason: 'Unhealthy',
      message:
        'Startup probe failed: HTTP probe failed with statuscode: 503 (x23); container backend has not passed its startup probe in 120s (startup probe: initialDelaySeconds 0 + failureThreshold 24 × periodSeconds 5s)',
      fatal: true,
    });
  });

  it('keeps the startup clock across the restart a failed startup probe causes', () => {
    const since = new Map<string, number>();
    look(pod(starting), since, 0);
    look(pod({ started: false, restartCount: 1, state: { waiting: { reason: 'ContainerCreating' } } }), since, 60_000);
    expect(look(pod({ ...starting, restartCount: 1 }), since, 120_000)?.reason).toBe('Unhealthy');
  });

  it('gives a started container the readiness budget from when it started, and says so without events', () => {
    const since = new Map<string, number>();
    look(pod(starting), since, 0);
    expect(look(pod(started), since, 10_000)).toBeUndefined();
    expect(look(pod(started), since, 44_999)).toBeUndefined();
    expect(look(pod(started), since, 45_000)?.message).toBe(
      'container backend has not been ready for 35s after it started (readiness probe: initialDelaySeconds 5 + failureThreshold 3 × periodSeconds 10s)',
    );
  });

  it('names the readiness event, not the startup one, once the container has started', () => {
    const since = new Map<string, number>();
    const events = [
      unhealthy('Startup probe failed: HTTP probe failed with statuscode: 503', 2, '2026-12-02T01:53:30Z'),
      unhealthy('Readiness probe failed: HTTP probe failed with statuscode: 503', 4, '2026-12-02T01:54:00Z'),
    ];
    look(pod(started), since, 0);
    expect(look(pod(started), since, 35_000, events)?.message).toMatch(
      /^Readiness probe failed: HTTP probe failed with statuscode: 503 \(x4\); container backend has not been ready for 35s/,
    );
  });

  it('restarts the readiness clock when the container was ready in between', () => {
    const since = new Map<string, number>();
    look(pod(started), since, 0);
    look(pod({ ...started, ready: true }), since, 20_000);
    expect(look(pod(started), since, 40_000)).toBeUndefined();
    expect(look(pod(started), since, 74_999)).toBeUndefined();
    expect(look(pod(started), since, 75_000)?.fatal).toBe(true);
  });

  it('never fails a ready container or one without probes', () => {
    const since = new Map<string, number>();
    for (const now of [0, 1_000_000]) {
      expect(look(pod({ ...started, ready: true }), since, now)).toBeUndefined();
      expect(look(pod(starting, {}), since, now)).toBeUndefined();
    }
  });
});

describe('the rollout verdict with probes', () => {
  const objects = (status: Partial<ContainerStatus>): KubeObject[] => [
    {
      kind: 'Deployment',
      metadata: { name: 'todo-backend', uid: 'd1', generation: 2, annotations: { 'deployment.kubernetes.io/revision': '2' } },
      spec: { replicas: 1 },
      status: { observedGeneration: 2, replicas: 2, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 },
    },
    {
      kind: 'ReplicaSet',
      metadata: {
        name: 'rs2',
        uid: 'rs2',
        annotations: { 'deployment.kubernetes.io/revision': '2' },
        ownerReferences: [{ kind: 'Deployment', name: 'todo-backend', uid: 'd1' }],
      },
    },
    pod(status),
  ];
  it('waits while the probe has budget left, then fails naming the pod and the probe', () => {
    const input = {
      refs: [{ kind: 'Deployment' as const, name: 'todo-backend', namespace: 'staging' }],
      unschedulableSince: new Map<string, number>(),
      probeSince: new Map<string, number>(),
      graceMs: 30_000,
    };
    expect(evaluateRollout({ ...input, objects: objects(started), nowMs: 0 }).failure).toBeUndefined();
    expect(evaluateRollout({ ...input, objects: objects(started), nowMs: 34_000 }).failure).toBeUndefined();
    const snap = evaluateRollout({ ...input, objects: objects(started), nowMs: 35_000 });
    expect(snap.failure).toBe(
      'todo-backend: pod todo-backend-x Unhealthy: container backend has not been ready for 35s after it started (readiness probe: initialDelaySeconds 5 + failureThreshold 3 × periodSeconds 10s)',
    );
    expect(snap.workloads[0]?.pods[0]).toMatchObject({ name: 'todo-backend-x', ready: false, reason: 'Unhealthy' });
  });
});
