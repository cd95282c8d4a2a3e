// The seed's SC-005 on the lab: production values (autoscaling on) on the real node, metrics
// from metrics-server through the aggregated API; CPU load on the backend raises its replicas
// within 2 minutes, and once the load stops they come back to the HPA's minimum. The scale-up
// behaviour is production's (60 s window, at most 2 pods a minute); the scale-down is shortened
// here (production waits 300 s, then 1 pod per 120 s: checked by render.lab.test.ts) so the
// way down takes about a minute. bench/hpa-scale-out.ts measures it with production's own.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createTestNamespace, deleteNamespace, kubectl, requireHttps } from '@todo-deploy/lab';
import { backendHpa, installProductionForHpa, startBackendLoad, waitForHpa, type HpaRelease } from './support/hpa-load.js';

jest.setTimeout(600_000);

let release: HpaRelease | undefined;
let namespace = '';

beforeAll(async () => {
  await requireHttps(); // metrics-server starts with the HTTPS path
  namespace = await createTestNamespace('chart-hpa');
  release = await installProductionForHpa(namespace, { stabilizationWindowSeconds: 15, pods: 4, periodSeconds: 15 });
}, 420_000);

afterAll(async () => {
  if (namespace) await deleteNamespace(namespace);
});

describe('the backend HPA with production values on the real node', () => {
  it('starts at its minimum with CPU metrics from metrics-server', async () => {
    const min = release!.minReplicas;
    await waitForHpa(namespace, 'the HPA to read CPU', (s) => s.cpu !== undefined, 90_000);
    const status = await backendHpa(namespace);
    expect({ current: status.current, ready: status.ready }).toEqual({ current: min, ready: min });
    expect(status.cpu).toBeLessThan(70);
    const top = await kubectl(['get', '--raw', `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace}/pods`]);
    expect(JSON.parse(top.stdout)).toMatchObject({ kind: 'PodMetricsList' });
  });

  it('scales out within 2 minutes of CPU load, and back to its minimum after the load', async () => {
    const { minReplicas: min, maxReplicas: max } = release!;
    const load = await startBackendLoad(namespace);
    let out: number;
    try {
      out = await waitForHpa(namespace, 'the backend to scale out under load', (s) => s.ready > min, 120_000);
    } finally {
      const tally = await load.stop();
      expect(tally.requests).toBeGreaterThan(100);
    }
    // currentReplicas trails by one HPA sync; the Deployment's ready pods and the HPA's wish do not
    const during = await backendHpa(namespace);
    expect(during.ready).toBeGreaterThan(min);
    expect(during.desired).toBeGreaterThan(min);
    expect(Math.max(during.ready, during.desired, during.current)).toBeLessThanOrEqual(max);
    expect(out).toBeLessThan(120_000);
    await waitForHpa(namespace, 'the backend to come back to its minimum', (s) => s.current === min && s.desired === min, 240_000);
    const events = (
      await kubectl(['get', 'events', '-n', namespace, '--field-selector', 'involvedObject.kind=HorizontalPodAutoscaler', '-o', 'json'])
    ).stdout;
    expect(events).toMatch(/New size: [3-6]; reason: cpu resource utilization \(percentage of request\) above target/);
    expect(events).toMatch(new RegExp(`New size: ${min}; reason: All metrics below target`));
  });
});
