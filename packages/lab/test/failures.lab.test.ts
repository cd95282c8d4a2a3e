import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import {
  CRASH_LOOP_LABEL,
  createTestNamespace,
  deleteNamespace,
  kubectl,
  NEVER_READY_LABEL,
  UNPULLABLE_IMAGE_PREFIX,
} from '../src/index.js';
import { eventually, expectOk } from './support.js';

interface Pod {
  status: {
    phase?: string;
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: { ready: boolean; state: { waiting?: { reason?: string; message?: string }; running?: object } }[];
  };
}

function pod(name: string, labels: Record<string, string>, image = 'registry.k8s.io/pause:3.10', nodeSelector?: Record<string, string>) {
  return stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'app', image }], ...(nodeSelector ? { nodeSelector } : {}) },
  });
}

describe('failing workloads for tests', () => {
  let ns = '';
  beforeAll(async () => {
    ns = await createTestNamespace('lab-failures');
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  const getPod = async (name: string) =>
    JSON.parse((await kubectl(['get', 'pod', name, '-n', ns, '-o', 'json'])).stdout || '{"status":{}}') as Pod;
  const condition = (p: Pod, type: string) => p.status.conditions?.find((c) => c.type === type);

  it(`${NEVER_READY_LABEL}: "true" keeps a pod Running but not Ready`, async () => {
    expectOk(await kubectl(['apply', '-n', ns, '-f', '-'], { input: pod('never-ready', { [NEVER_READY_LABEL]: 'true' }) }), 'apply');
    const p = await eventually('the pod Running', async () => {
      const p = await getPod('never-ready');
      return p.status.phase === 'Running' ? p : undefined;
    });
    await new Promise((r) => setTimeout(r, 2000));
    const later = await getPod('never-ready');
    expect(condition(p, 'Ready')?.status).toBe('False');
    expect(condition(later, 'Ready')?.status).toBe('False');
    expect(later.status.containerStatuses?.[0]?.ready).toBe(false);
  }, 60_000);

  it(`an image under ${UNPULLABLE_IMAGE_PREFIX} waits in ImagePullBackOff`, async () => {
    const image = `${UNPULLABLE_IMAGE_PREFIX}todo/frontend:1.2.3`;
    expectOk(await kubectl(['apply', '-n', ns, '-f', '-'], { input: pod('no-image', {}, image) }), 'apply');
    const waiting = await eventually('ImagePullBackOff', async () => {
      const w = (await getPod('no-image')).status.containerStatuses?.[0]?.state.waiting;
      return w?.reason === 'ImagePullBackOff' ? w : undefined;
    });
    expect(waiting.message).toBe(`Back-off pulling image "${image}"`);
    expect((await getPod('no-image')).status.phase).toBe('Pending');
  }, 60_000);

  it(`${CRASH_LOOP_LABEL}: "true" waits in CrashLoopBackOff`, async () => {
    expectOk(await kubectl(['apply', '-n', ns, '-f', '-'], { input: pod('crash', { [CRASH_LOOP_LABEL]: 'true' }) }), 'apply');
    const reason = await eventually('CrashLoopBackOff', async () => {
      const r = (await getPod('crash')).status.containerStatuses?.[0]?.state.waiting?.reason;
      return r === 'CrashLoopBackOff' ? r : undefined;
    });
    expect(reason).toBe('CrashLoopBackOff');
  }, 60_000);

  it('an unsatisfiable nodeSelector keeps a pod Pending (Unschedulable)', async () => {
    expectOk(
      await kubectl(['apply', '-n', ns, '-f', '-'], {
        input: pod('nowhere', {}, undefined, { 'lab.todo-deploy.dev/no-such-node': 'true' }),
      }),
      'apply',
    );
    const scheduled = await eventually('PodScheduled=False', async () => {
      const c = condition(await getPod('nowhere'), 'PodScheduled');
      return c?.status === 'False' ? c : undefined;
    });
    expect(scheduled.reason).toBe('Unschedulable');
    expect((await getPod('nowhere')).status.phase).toBe('Pending');
  }, 60_000);
});
