import { describe, expect, it } from '@jest/globals';
import type { KubeObject, WorkloadRef } from '../src/rollout/k8s.js';
import { evaluateRollout, timeoutDetail } from '../src/rollout/verdict.js';
import { workloadsInManifest } from '../src/rollout/workloads.js';
import { diagnostics } from '../src/diagnostics.js';

const refs: WorkloadRef[] = [{ kind: 'Deployment', name: 'todo-backend', namespace: 'staging' }];

function deployment(status: Record<string, unknown>, generation = 2): KubeObject {
  return {
    kind: 'Deployment',
    metadata: { name: 'todo-backend', uid: 'd1', generation, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas: 2 },
    status: { observedGeneration: 2, ...status },
  };
}
const replicaSet = (uid: string, revision: string): KubeObject => ({
  kind: 'ReplicaSet',
  metadata: {
    name: `todo-backend-${uid}`,
    uid,
    annotations: { 'deployment.kubernetes.io/revision': revision },
    ownerReferences: [{ kind: 'Deployment', name: 'todo-backend', uid: 'd1' }],
  },
});
function pod(name: string, owner: string, status: Record<string, unknown>): KubeObject {
  return {
    kind: 'Pod',
    metadata: { name, uid: `uid-${name}`, ownerReferences: [{ kind: 'ReplicaSet', name: owner, uid: owner }] },
    status,
  };
}
const waiting = (reason: string, message: string) => ({
  phase: 'Pending',
  containerStatuses: [{ name: 'app', image: 'lab.invalid/backend:1', ready: false, state: { waiting: { reason, message } } }],
});
const ready = {
  phase: 'Running',
  conditions: [{ type: 'Ready', status: 'True' }],
  containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }],
};

const evaluate = (objects: KubeObject[], nowMs = 0, seen = new Map<string, number>()) =>
  evaluateRollout({ refs, objects, unschedulableSince: seen, probeSince: new Map(), nowMs, graceMs: 30_000 });

describe('rollout verdict', () => {
  it('is done when every replica is updated and available', () => {
    const snap = evaluate([
      deployment({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }),
      replicaSet('rs2', '2'),
      pod('p1', 'rs2', ready),
      pod('p2', 'rs2', ready),
    ]);
    expect(snap.done).toBe(true);
    expect(snap.failure).toBeUndefined();
    expect(snap.workloads[0]).toMatchObject({ name: 'todo-backend', ready: 2, desired: 2, done: true, detail: 'available' });
  });

  it.each([
    [{ replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 }, 2, '1 of 2 replicas updated'],
    [{ replicas: 3, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }, 2, '1 old replicas pending termination'],
    [{ replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 }, 2, '1 of 2 updated replicas available'],
    [{ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }, 3, 'waiting for the controller to see the new spec'],
  ])('is still progressing with %j', (status, generation, detail) => {
    const snap = evaluate([deployment(status, generation)]);
    expect(snap.done).toBe(false);
    expect(snap.failure).toBeUndefined();
    expect(snap.workloads[0]?.detail).toBe(detail);
  });

  it.each(['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff', 'CreateContainerConfigError', 'InvalidImageName'])(
    'fails at once on %s in a pod of the new revision',
    (reason) => {
      const snap = evaluate([
        deployment({ replicas: 3, updatedReplicas: 1 }),
        replicaSet('rs2', '2'),
        pod('todo-backend-rs2-x', 'rs2', waiting(reason, 'image lab.invalid/backend:1 not found')),
      ]);
      expect(snap.failure).toBe(`todo-backend: pod todo-backend-rs2-x ${reason}: image lab.invalid/backend:1 not found`);
    },
  );

  it('ignores a broken pod of an old revision', () => {
    const snap = evaluate([
      deployment({ replicas: 3, updatedReplicas: 2 }),
      replicaSet('rs1', '1'),
      replicaSet('rs2', '2'),
      pod('old', 'rs1', waiting('ImagePullBackOff', 'x')),
      pod('new', 'rs2', ready),
    ]);
    expect(snap.failure).toBeUndefined();
  });

  it('fails on OOMKilled', () => {
    const status = {
      phase: 'Running',
      containerStatuses: [
        { name: 'app', ready: false, state: { running: {} }, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } } },
      ],
    };
    const snap = evaluate([deployment({ replicas: 2 }), replicaSet('rs2', '2'), pod('p', 'rs2', status)]);
    expect(snap.failure).toBe(
      'todo-backend: pod p OOMKilled: container app was killed for using more memory than its limit: exit code 137 (OOMKilled)',
    );
  });

  it('gives an unschedulable pod a grace period', () => {
    const unschedulable = {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.' },
      ],
    };
    const objects = [deployment({ replicas: 2 }), replicaSet('rs2', '2'), pod('p', 'rs2', unschedulable)];
    const seen = new Map<string, number>();
    expect(evaluate(objects, 1000, seen).failure).toBeUndefined();
    expect(evaluate(objects, 20_000, seen).failure).toBeUndefined();
    expect(evaluate(objects, 31_000, seen).failure).toBe('todo-backend: pod p Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.');
  });

  it('fails on ProgressDeadlineExceeded', () => {
    const snap = evaluate([
      deployment({
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "x" has timed out progressing.',
          },
        ],
      }),
    ]);
    expect(snap.failure).toBe('todo-backend: ProgressDeadlineExceeded: ReplicaSet "x" has timed out progressing.');
  });

  it('collects warning events of the workload, its new ReplicaSet and its pods, and builds diagnostics', () => {
    const event = (uid: string, reason: string): KubeObject =>
      ({
        kind: 'Event',
        metadata: { name: `e-${uid}` },
        type: 'Warning',
        reason,
        message: `${reason} happened`,
        count: 3,
        involvedObject: { kind: 'Pod', name: uid, uid },
      }) as KubeObject;
    const snap = evaluate([
      deployment({ replicas: 2, updatedReplicas: 1 }),
      replicaSet('rs2', '2'),
      pod('p', 'rs2', waiting('ImagePullBackOff', 'Back-off pulling image')),
      event('uid-p', 'Failed'),
      event('uid-other', 'Unrelated'),
    ]);
    expect(snap.workloads[0]?.events).toEqual([{ object: 'Pod/uid-p', reason: 'Failed', message: 'Failed happened', count: 3 }]);
    expect(diagnostics(snap.workloads)).toEqual([
      {
        kind: 'Deployment',
        name: 'todo-backend',
        ready: 0,
        desired: 2,
        detail: '1 of 2 replicas updated',
        pods: [{ name: 'p', phase: 'Pending', reason: 'ImagePullBackOff', message: 'Back-off pulling image' }],
        events: [{ object: 'Pod/uid-p', reason: 'Failed', message: 'Failed happened', count: 3 }],
      },
    ]);
  });

  it('says what a timed-out rollout waits for', () => {
    const notReady = {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }],
    };
    const snap = evaluate([
      deployment({ replicas: 2, updatedReplicas: 2, readyReplicas: 0, availableReplicas: 0 }),
      replicaSet('rs2', '2'),
      pod('p', 'rs2', notReady),
    ]);
    expect(snap.failure).toBeUndefined();
    expect(timeoutDetail(snap)).toBe(
      'todo-backend: 0 of 2 ready (0 of 2 updated replicas available); pod p Running, not Ready (ContainersNotReady: containers with unready status: [app])',
    );
  });

  it('judges StatefulSets and DaemonSets', () => {
    const sts: KubeObject = {
      kind: 'StatefulSet',
      metadata: { name: 'db', uid: 's1', generation: 1 },
      spec: { replicas: 1 },
      status: { observedGeneration: 1, readyReplicas: 1, updatedReplicas: 1, currentRevision: 'a', updateRevision: 'a' },
    };
    const ds: KubeObject = {
      kind: 'DaemonSet',
      metadata: { name: 'agent', uid: 'ds1', generation: 1 },
      status: { observedGeneration: 1, desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 1, numberReady: 1 },
    };
    const snap = evaluateRollout({
      refs: [
        { kind: 'StatefulSet', name: 'db', namespace: 'x' },
        { kind: 'DaemonSet', name: 'agent', namespace: 'x' },
      ],
      objects: [sts, ds],
      unschedulableSince: new Map(),
      probeSince: new Map(),
      nowMs: 0,
      graceMs: 1,
    });
    expect(snap.workloads.map((w) => [w.name, w.done, w.detail])).toEqual([
      ['db', true, 'ready'],
      ['agent', false, '1 of 2 pods available'],
    ]);
  });
});

describe('workloadsInManifest', () => {
  it('finds Deployments, StatefulSets and DaemonSets', () => {
    const manifest = [
      '---\n# Source: x/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: web',
      '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web',
      '---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: data',
      '---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent',
    ].join('\n');
    expect(workloadsInManifest(manifest, 'staging')).toEqual([
      { kind: 'DaemonSet', name: 'agent', namespace: 'staging' },
      { kind: 'Deployment', name: 'web', namespace: 'staging' },
      { kind: 'StatefulSet', name: 'db', namespace: 'data' },
    ]);
  });
});

describe('workloadsInManifest on unusual text', () => {
  it('reads quoted names, comments, other indentation, and falls back to the YAML parser', () => {
    const manifest = [
      '---\nkind: "Deployment"\napiVersion: apps/v1\nmetadata:\n    labels:\n        name: not-this\n    name: "quoted" # comment\nspec: {}',
      '---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: flow-style, namespace: other}',
    ].join('\n');
    expect(workloadsInManifest(manifest, 'ns')).toEqual([
      { kind: 'Deployment', name: 'quoted', namespace: 'ns' },
      { kind: 'StatefulSet', name: 'flow-style', namespace: 'other' },
    ]);
  });
});
