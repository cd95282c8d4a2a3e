// Rollback on the lab's real node (SC-007): from a healthy v1 revision (backend at 2
// replicas), an upgrade to a broken v2 whose containers crash at start (demo images with
// DEMO_CRASH_AT_START=1), timeout 5m. Measured, from the start of the upgrade:
//   (a) the time until the deploy exits having rolled back;
//   (b) the time until the backend is v1 alone again: the broken pods, once seen, are gone and
//       each of its 2 ready endpoints answers /version with v1;
// and, the whole time, requests to the backend's ready endpoints as a Service proxy would send
// them (see real-node-zero-downtime.ts): with maxUnavailable 0 the v1 pods should serve
// throughout, so every request should answer v1.
// helm-deploy against raw `helm upgrade --install --atomic --wait --timeout 5m` (helm 3;
// `--rollback-on-failure --wait=watcher` on helm 4), which waits out its timeout: the raw run
// takes the whole 5 minutes, so it runs once per helm in a namespace of its own while
// helm-deploy runs its rounds meanwhile in another, each from the healthy revision.
// Target: helm-deploy's (a) / raw helm's (a) < 0.1, and no failed or non-v1 answer during
// helm-deploy's runs; exit 1 otherwise.
// Needs the lab with its real node; BENCH_ROUNDS (default 2), BENCH_HELM=3|4 (default both).
import { randomBytes } from 'node:crypto';
import { kubectl, requireRealNode } from '@todo-deploy/lab';
import { median } from './stats.js';
import {
  ReadyEndpoints,
  deployWithAction,
  helmUpgrade,
  kubeApi,
  namespaceWithSecret,
  pipelineValues,
  pushDemoImages,
  realNodeValuesFile,
  rolloutStatus,
  sleep,
  startTraffic,
  tallyLine,
  versionsOf,
  type KubeApi,
  type Major,
  type Tally,
} from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MAJORS: Major[] = process.env.BENCH_HELM === '3' ? [3] : process.env.BENCH_HELM === '4' ? [4] : [3, 4];
const REPLICAS = 2;
const TARGET = 0.1;
const RESTORE_DEADLINE_MS = 7 * 60_000;

await requireRealNode();
const base = randomBytes(3).toString('hex');
// staging's tag rule (values.schema.json): sha-<hex> only
const healthyTag = `sha-${base}01`;
const brokenTag = `sha-${base}02`;
await pushDemoImages(healthyTag, 'v1');
await pushDemoImages(brokenTag, 'v2', { DEMO_CRASH_AT_START: '1' });
const values = await realNodeValuesFile({ services: { backend: { replicaCount: REPLICAS } } });
const api = kubeApi();

interface Pod {
  metadata: { labels?: Record<string, string>; deletionTimestamp?: string };
}

/**
 * Resolves with the ms (since `started`) at which the backend was v1 alone again: after a pod
 * of the broken tag was seen, none is left (but terminating ones), and each of REPLICAS ready
 * endpoints answers v1. Polls every 200 ms.
 */
async function restored(namespace: string, endpoints: ReadyEndpoints, started: number): Promise<number> {
  const selector = encodeURIComponent('app.kubernetes.io/instance=todo,app.kubernetes.io/component=backend');
  let brokenSeen = false;
  while (performance.now() - started < RESTORE_DEADLINE_MS) {
    const pods = await api.get<{ items: Pod[] }>(`/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}`).catch(() => undefined);
    if (pods) {
      const broken = pods.items.filter(
        (p) => p.metadata.labels?.['app.kubernetes.io/version'] === brokenTag && !p.metadata.deletionTimestamp,
      );
      brokenSeen ||= broken.length > 0;
      if (brokenSeen && broken.length === 0 && endpoints.current.length === REPLICAS) {
        const at = performance.now() - started;
        if ((await versionsOf(endpoints.current)).every((v) => v === 'v1')) return at;
      }
    }
    await sleep(200);
  }
  throw new Error(`${namespace}: the backend was not v1 alone within ${RESTORE_DEADLINE_MS / 60_000} minutes`);
}

interface Run {
  exitMs: number;
  restoredMs: number;
  tally: Tally;
  exit: string;
}

/** One broken upgrade with traffic from 0.5 s before it until 1 s after the backend is v1 alone again. */
async function brokenUpgrade(
  namespace: string,
  endpoints: ReadyEndpoints,
  upgrade: () => Promise<{ ms: number; exit: string }>,
): Promise<Run> {
  const traffic = startTraffic(endpoints, { workers: 2 });
  await sleep(500);
  const started = performance.now();
  const [done, restoredMs] = await Promise.all([upgrade(), restored(namespace, endpoints, started)]);
  await sleep(1000);
  return { exitMs: done.ms, restoredMs, tally: await traffic.stop(), exit: done.exit };
}

/** A namespace with the healthy v1 release (installed by `install`), its backend endpoints watched. */
async function healthy(name: string, install: () => Promise<boolean>): Promise<{ namespace: string; endpoints: ReadyEndpoints }> {
  const namespace = await namespaceWithSecret(name);
  if (!(await install())) throw new Error(`${namespace}: the healthy install failed`);
  await rolloutStatus(namespace);
  const endpoints = await ReadyEndpoints.start(api, namespace, 'todo-backend');
  for (let i = 0; i < 50 && endpoints.current.length !== REPLICAS; i++) await sleep(100);
  return { namespace, endpoints };
}

const raw = (major: Major) => (major === 3 ? ['--atomic', '--wait'] : ['--rollback-on-failure', '--wait=watcher']);
const setups = await Promise.all(
  MAJORS.map(async (major) => {
    const nsAction = `bench-rb-h${major}-action`;
    const nsHelm = `bench-rb-h${major}-helm`;
    const [action, helm] = await Promise.all([
      healthy(nsAction, async () => (await deployWithAction(nsAction, healthyTag, pipelineValues, major, [values])).exitCode === 0),
      healthy(
        nsHelm,
        async () =>
          (await helmUpgrade(major, nsHelm, healthyTag, pipelineValues, raw(major).concat('--timeout', '5m'), [values])).exitCode === 0,
      ),
    ]);
    return { major, action, helm };
  }),
);

// raw helm, once per helm, all at once; helm-deploy's rounds meanwhile, one at a time
const rawRuns = Promise.all(
  setups.map(({ major, helm }) =>
    brokenUpgrade(helm.namespace, helm.endpoints, async () => {
      const run = await helmUpgrade(major, helm.namespace, brokenTag, pipelineValues, [...raw(major), '--timeout', '5m'], [values]);
      return { ms: run.ms, exit: `exit ${run.exitCode}: ${run.stderr.trim().split('\n').at(-1)?.slice(0, 160) ?? ''}` };
    }),
  ),
);
const actionRuns = new Map<Major, Run[]>(MAJORS.map((m) => [m, []]));
let problems = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  for (const { major, action } of setups) {
    const run = await brokenUpgrade(action.namespace, action.endpoints, async () => {
      const result = await deployWithAction(action.namespace, brokenTag, pipelineValues, major, [values]);
      const error = result.annotations.find((a) => a.level === 'error')?.message ?? '';
      if (result.exitCode !== 1 || result.outputs['rolled-back'] !== 'true') {
        problems += 1;
        console.log(
          `helm-deploy (helm ${major}) did not fail and roll back: exit ${result.exitCode}, rolled-back ${result.outputs['rolled-back']}: ${error}`,
        );
      }
      return {
        ms: result.ms,
        exit: `exit ${result.exitCode}, status ${result.outputs.status ?? ''}: ${error.split('\n')[0]?.slice(0, 160) ?? ''}`,
      };
    });
    actionRuns.get(major)?.push(run);
    console.log(
      `helm-deploy (helm ${major}) round ${round + 1}: exited after ${(run.exitMs / 1000).toFixed(1)} s (${run.exit}); backend v1 alone after ${(run.restoredMs / 1000).toFixed(1)} s; ${tallyLine(run.tally)}`,
    );
  }
}
const baselines = await rawRuns;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
let failed = problems > 0;
for (const [i, { major }] of setups.entries()) {
  const runs = actionRuns.get(major) ?? [];
  const baseline = baselines[i] as Run;
  const wait = raw(major).join(' ');
  console.log(
    `\nrollback on the real node, helm ${major}, broken v2 (containers crash at start), timeout 5m (helm-deploy median of ${ROUNDS}):`,
  );
  console.log(
    `  raw helm ${wait}: exited after ${seconds(baseline.exitMs)} (${baseline.exit}); backend v1 alone after ${seconds(baseline.restoredMs)}; ${tallyLine(baseline.tally)}`,
  );
  const exitMs = median(runs.map((r) => r.exitMs));
  const restoredMs = median(runs.map((r) => r.restoredMs));
  const requests = runs.reduce((n, r) => n + r.tally.total, 0);
  const lost = runs.reduce(
    (n, r) => n + r.tally.failed + Object.entries(r.tally.versions).reduce((m, [v, k]) => m + (v === 'v1' ? 0 : k), 0),
    0,
  );
  console.log(
    `  helm-deploy: exited (rolled back) after ${seconds(exitMs)}; backend v1 alone after ${seconds(restoredMs)}; ${requests} requests, ${lost} failed or not v1`,
  );
  const ratio = exitMs / baseline.exitMs;
  console.log(
    `  time to rolled back, helm-deploy / raw helm ${wait}: ${ratio.toFixed(3)} (subject ${exitMs.toFixed(0)} ms / baseline ${baseline.exitMs.toFixed(0)} ms; target < ${TARGET}) ${ratio < TARGET ? 'OK' : 'ABOVE TARGET'}`,
  );
  console.log(
    `  time to v1 alone, helm-deploy / raw helm: ${(restoredMs / baseline.restoredMs).toFixed(3)} (subject ${restoredMs.toFixed(0)} ms / baseline ${baseline.restoredMs.toFixed(0)} ms)`,
  );
  console.log(
    `  v1 served throughout helm-deploy's runs: ${lost === 0 ? 'yes' : `no: ${lost} requests failed or answered another version`}`,
  );
  failed ||= ratio >= TARGET || lost > 0;
}

await stop(api, setups);
process.exitCode = failed ? 1 : 0;

async function stop(client: KubeApi, all: typeof setups): Promise<void> {
  for (const { action, helm } of all) {
    await action.endpoints.stop();
    await helm.endpoints.stop();
  }
  client.close();
  await Promise.all(
    all.flatMap(({ action, helm }) => [action, helm].map(({ namespace }) => kubectl(['delete', 'namespace', namespace, '--wait=false']))),
  );
}
