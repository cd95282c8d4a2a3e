// helm-deploy upgrading the Todo chart in a busy namespace (2,000 pods of other workloads,
// Running on a kwok node of their own) against the same upgrade in an empty namespace, on the
// lab, rounds interleaved. The rollout watch reads only the release's objects (label selectors
// of its workloads), so the other pods should cost nothing. Target (issue 14): busy / empty
// 1.1 or less. Raw helm upgrading the same releases with its own wait (helm 4 --wait=watcher,
// helm 3 --wait) takes turns with it, for what the busy cluster costs helm itself. BENCH_ROUNDS (default 7), BENCH_HELM=3|4 (default 4), BENCH_PODS (default 2000).
import { randomBytes } from 'node:crypto';
import { kubectl } from '@todo-deploy/lab';
import { interleaved, median, ratioLine, spread } from './stats.js';
import { deployWithAction, helmUpgrade, namespaceWithSecret, newTag, pipelineValues, sleep, type Major } from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const MAJOR: Major = process.env.BENCH_HELM === '3' ? 3 : 4;
const PODS = Number(process.env.BENCH_PODS ?? 2000);
const DEPLOYMENTS = 10;
const TARGET = 1.1;
const id = randomBytes(3).toString('hex');
const node = `bench-busy-${id}`;
const TAINT = 'bench.todo-deploy.dev/busy';

async function must(args: string[], input?: string, timeoutMs = 120_000): Promise<string> {
  const result = await kubectl(args, { timeoutMs, ...(input !== undefined ? { input } : {}) });
  if (result.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** A kwok node with room for the other workloads, tainted so that nothing else lands there. */
const busyNode = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: node,
    annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
    labels: { 'kubernetes.io/hostname': node, 'kubernetes.io/os': 'linux', type: 'kwok', [TAINT]: 'true' },
  },
  spec: { taints: [{ key: TAINT, value: 'true', effect: 'NoSchedule' }] },
  status: {
    allocatable: { cpu: '1000', memory: '4Ti', pods: String(PODS + 100) },
    capacity: { cpu: '1000', memory: '4Ti', pods: String(PODS + 100) },
  },
};

/** Other teams' Deployments in the namespace: PODS pods in all, none of the release's labels. */
function otherWorkloads(namespace: string): unknown[] {
  return Array.from({ length: DEPLOYMENTS }, (_, i) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `other-${i}`, namespace, labels: { app: `other-${i}` } },
    spec: {
      replicas: Math.ceil(PODS / DEPLOYMENTS),
      selector: { matchLabels: { app: `other-${i}` } },
      template: {
        metadata: { labels: { app: `other-${i}` } },
        spec: {
          nodeSelector: { [TAINT]: 'true' },
          tolerations: [{ key: TAINT, operator: 'Exists', effect: 'NoSchedule' }],
          containers: [{ name: 'app', image: 'registry.lab/other:1' }],
        },
      },
    },
  }));
}

async function runningPods(namespace: string): Promise<number> {
  const out = await must(['get', 'pods', '-n', namespace, '--field-selector=status.phase=Running', '-o', 'name', '--chunk-size=500']);
  return out.split('\n').filter(Boolean).length;
}

/** Raw helm with its own wait, for what the busy cluster costs helm itself. */
async function rawUpgrade(namespace: string): Promise<number> {
  const wait = MAJOR === 4 ? ['--wait=watcher'] : ['--wait'];
  const run = await helmUpgrade(MAJOR, namespace, newTag(), pipelineValues, [...wait, '--timeout', '5m']);
  if (run.exitCode !== 0) throw new Error(`helm upgrade failed in ${namespace}: ${run.stderr.slice(-600)}`);
  return run.ms;
}

async function upgrade(namespace: string): Promise<number> {
  const run = await deployWithAction(namespace, newTag(), pipelineValues, MAJOR);
  if (run.exitCode !== 0) throw new Error(`helm-deploy failed in ${namespace}: ${run.stdout.slice(-600)}`);
  return run.ms;
}

const empty = await namespaceWithSecret(`bench-empty-${id}`);
const busy = await namespaceWithSecret(`bench-busy-${id}`);
try {
  await must(['create', '-f', '-'], JSON.stringify(busyNode));
  const began = Date.now();
  await must(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: otherWorkloads(busy) }));
  let running = 0;
  while ((running = await runningPods(busy)) < PODS) {
    if (Date.now() - began > 10 * 60_000) throw new Error(`only ${running} of ${PODS} other pods Running after 10 minutes`);
    await sleep(5000);
  }
  console.log(`${running} other pods Running in ${busy} after ${((Date.now() - began) / 1000).toFixed(0)} s (not timed)`);
  // the first install is not measured: every measured round is an upgrade
  await upgrade(empty);
  await upgrade(busy);
  const samples = await interleaved(ROUNDS, {
    busy: () => upgrade(busy),
    empty: () => upgrade(empty),
    rawBusy: () => rawUpgrade(busy),
    rawEmpty: () => rawUpgrade(empty),
  });
  const wait = MAJOR === 4 ? '--wait=watcher' : '--wait';
  console.log(`helm-deploy upgrading the Todo chart (5 Deployments) on kwok, helm ${MAJOR}, ${ROUNDS} upgrades each:`);
  console.log(`  helm-deploy, namespace with ${running} other pods   ${spread(samples.busy)}`);
  console.log(`  helm-deploy, empty namespace                  ${spread(samples.empty)}`);
  console.log(`  raw helm ${wait}, namespace with ${running} other pods   ${spread(samples.rawBusy)}`);
  console.log(`  raw helm ${wait}, empty namespace                  ${spread(samples.rawEmpty)}`);
  const ratio = median(samples.busy) / median(samples.empty);
  console.log(ratioLine('helm-deploy busy / empty', median(samples.busy), median(samples.empty), `<= ${TARGET}`, ratio <= TARGET));
  const raw = median(samples.rawBusy) / median(samples.rawEmpty);
  console.log(`raw helm busy / empty (what the busy cluster costs helm itself; not the target): ${raw.toFixed(2)}`);
  process.exitCode = ratio <= TARGET ? 0 : 1;
} finally {
  await kubectl(['delete', 'namespace', busy, empty, '--wait=false']);
  await kubectl(['delete', 'node', node, '--wait=false']);
}
