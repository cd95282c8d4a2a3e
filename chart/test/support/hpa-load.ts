// The HPA scenario on the lab's real node (seed SC-005), shared by chart/test/hpa.lab.test.ts
// and bench/hpa-scale-out.ts: the chart with values-production.yaml (autoscaling on) pinned to
// the real node, CPU load on the backend's pods (the demo-server's /work spins a CPU), and the
// HorizontalPodAutoscaler's replica counts read back while metrics-server feeds it.
import { readFile } from 'node:fs/promises';
import { kubectl } from '@todo-deploy/lab';
import { parse } from 'yaml';
import { valuesPath } from './chart.js';
import { installOnRealNode } from './real-node-release.js';

export const BACKEND = 'todo-backend';
/** The backend's CPU request in the scenario; its HPA targets 70% of it (production's target). */
export const BACKEND_CPU_REQUEST = '100m';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface HpaRelease {
  namespace: string;
  minReplicas: number;
  maxReplicas: number;
}

/**
 * Installs production on the real node. CPU requests are cut (the backend's to 100m, the rest
 * to 10m) so that six backend pods and the other services fit on the node's 2 CPUs; the HPA's
 * minimum, maximum, target and scale-up behaviour stay production's. `scaleDown` overrides
 * production's scale-down (a 300 s window, then 1 pod per 120 s) so a test sees it come down
 * in minutes; the benchmark leaves it.
 */
export async function installProductionForHpa(namespace: string, scaleDown?: Record<string, number>): Promise<HpaRelease> {
  const production = parse(await readFile(valuesPath('values-production.yaml'), 'utf8')) as {
    services: { backend: { autoscaling: { minReplicas: number; maxReplicas: number } } };
  };
  await installOnRealNode({
    namespace,
    environment: 'values-production.yaml',
    domain: 'example.test',
    cpu: { backend: BACKEND_CPU_REQUEST },
    ...(scaleDown ? { values: { autoscaling: { behavior: { scaleDown } } } } : {}),
  });
  const { minReplicas, maxReplicas } = production.services.backend.autoscaling;
  return { namespace, minReplicas, maxReplicas };
}

export interface HpaStatus {
  current: number;
  desired: number;
  /** Ready pods of the backend Deployment. */
  ready: number;
  /** CPU utilization the HPA last saw, in % of the request (undefined before the first metrics). */
  cpu?: number;
}

export async function backendHpa(namespace: string): Promise<HpaStatus> {
  const hpa = JSON.parse((await kubectl(['get', 'hpa', BACKEND, '-n', namespace, '-o', 'json'])).stdout) as {
    status: {
      currentReplicas?: number;
      desiredReplicas?: number;
      currentMetrics?: Array<{ resource?: { current?: { averageUtilization?: number } } }>;
    };
  };
  const deployment = JSON.parse((await kubectl(['get', 'deployment', BACKEND, '-n', namespace, '-o', 'json'])).stdout) as {
    status: { readyReplicas?: number };
  };
  const cpu = hpa.status.currentMetrics?.[0]?.resource?.current?.averageUtilization;
  return {
    current: hpa.status.currentReplicas ?? 0,
    desired: hpa.status.desiredReplicas ?? 0,
    ready: deployment.status.readyReplicas ?? 0,
    ...(cpu === undefined ? {} : { cpu }),
  };
}

/** Polls the backend's HPA until `done` holds; resolves with the milliseconds it took, or throws with the last status. */
export async function waitForHpa(namespace: string, what: string, done: (s: HpaStatus) => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last: HpaStatus | undefined;
  while (Date.now() - started < timeoutMs) {
    last = await backendHpa(namespace);
    if (done(last)) return Date.now() - started;
    await sleep(2000);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s; the HPA last said ${JSON.stringify(last)}`);
}

export interface Load {
  stop: () => Promise<{ requests: number; failed: number }>;
}

/**
 * CPU load on the backend: `workers` loops each asking the next ready backend pod's /work
 * (50 ms of CPU per request) on its pod IP, the endpoints re-read every 5 s so new pods get
 * their share (there is no kube-proxy on the lab's node).
 */
export async function startBackendLoad(namespace: string, workers = 6): Promise<Load> {
  let stopped = false;
  let ips: string[] = [];
  let requests = 0;
  let failed = 0;
  const refresh = async () => {
    const pods = JSON.parse(
      (await kubectl(['get', 'pods', '-n', namespace, '-l', 'app.kubernetes.io/component=backend', '-o', 'json'])).stdout,
    ) as { items: Array<{ status: { podIP?: string; conditions?: Array<{ type: string; status: string }> } }> };
    ips = pods.items
      .filter((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      .map((p) => p.status.podIP ?? '')
      .filter(Boolean);
  };
  await refresh();
  if (!ips.length) throw new Error(`no ready backend pod in ${namespace} to load`);
  const refresher = (async () => {
    while (!stopped) {
      await sleep(5000);
      await refresh().catch(() => undefined);
    }
  })();
  const loop = async (offset: number) => {
    for (let i = offset; !stopped; i++) {
      const ip = ips[i % ips.length];
      requests++;
      try {
        const r = await fetch(`http://${ip}:8000/work`, { signal: AbortSignal.timeout(5000) });
        await r.text();
        if (!r.ok) failed++;
      } catch {
        failed++;
        await sleep(100);
      }
    }
  };
  const loops = Array.from({ length: workers }, (_, i) => loop(i));
  return {
    stop: async () => {
      stopped = true;
      await Promise.all([...loops, refresher]);
      return { requests, failed };
    },
  };
}
