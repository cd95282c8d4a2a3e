// Zero downtime on the lab's real node (SC-002): while helm-deploy upgrades the Todo chart
// (values-staging.yaml, backend at 2 replicas) from demo images v1 to v2, requests go to the
// backend's ready endpoints the way a Service proxy would send them (there is no kube-proxy on
// the real node): the set of ready endpoints is kept current from the Service's EndpointSlices
// (list + watch), each request goes round-robin to the next one on a new connection, and no
// ready endpoint, a connection error, a timeout (2 s) or a non-2xx answer is a failed request.
// The traffic runs from 0.5 s before the upgrade until 1 s after the backend's rollout is done.
//
// Side by side, each in a namespace of its own, the same loop during the same upgrade by:
//   raw `helm upgrade --install --wait` (helm 3) and `--wait=watcher` (helm 4), the chart's
//   rolling update (maxUnavailable 0, maxSurge 1, readiness probe, preStop sleep 5 s);
//   helm 3 with shutdown.preStopSleepSeconds=0 (no drain: does the loop see the race?);
//   a deliberately bad one: no preStop sleep and the serving backend pods deleted as the
//   upgrade starts, which must show failed requests, or the loop cannot detect downtime.
// Target: 0 failed requests in every helm-deploy round; exit 1 otherwise, or when the bad
// baseline shows none. Each round first brings every namespace back to v1 (not measured).
// Needs the lab with its real node; BENCH_ROUNDS (default 3), BENCH_HELM=3|4 (helm-deploy's
// helm, default 3), BENCH_ZD_HELM4=0 to leave out the helm 4 baseline.
import { randomBytes } from 'node:crypto';
import { kubectl, requireRealNode } from '@todo-deploy/lab';
import { median, spread } from './stats.js';
import {
  MAJOR,
  ReadyEndpoints,
  deployWithAction,
  helmUpgrade,
  kubeApi,
  namespaceWithSecret,
  pipelineValues,
  pushDemoImages,
  realNodeValuesFile,
  retagDemoImages,
  rolloutStatus,
  sleep,
  startTraffic,
  tallyLine,
  versionsOf,
  type Major,
  type Tally,
} from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const REPLICAS = 2;
const BACKEND = 'todo-backend';

interface Upgrade {
  ms: number;
  ok: boolean;
  detail: string;
}

interface Contender {
  name: string;
  /** The bad baseline: its failures prove the loop can see downtime. */
  bad?: boolean;
  informative?: boolean;
  values: string;
  upgrade: (namespace: string, tag: string, values: string) => Promise<Upgrade>;
  /** Runs beside the upgrade, from its start. */
  beside?: (namespace: string) => Promise<void>;
}

const viaAction = async (namespace: string, tag: string, values: string): Promise<Upgrade> => {
  const run = await deployWithAction(namespace, tag, pipelineValues, MAJOR, [values]);
  const error = run.annotations.find((a) => a.level === 'error')?.message ?? run.stderr.trim().split('\n').at(-1) ?? '';
  return { ms: run.ms, ok: run.exitCode === 0, detail: run.exitCode === 0 ? '' : error };
};
const viaHelm =
  (major: Major) =>
  async (namespace: string, tag: string, values: string): Promise<Upgrade> => {
    const wait = major === 3 ? '--wait' : '--wait=watcher';
    const run = await helmUpgrade(major, namespace, tag, pipelineValues, [wait, '--timeout', '5m'], [values]);
    return { ms: run.ms, ok: run.exitCode === 0, detail: run.stderr.trim().split('\n').at(-1) ?? '' };
  };

await requireRealNode();
const base = randomBytes(3).toString('hex');
// staging's tag rule (values.schema.json) takes only sha-<hex>: the rounds count in the last digits
const baseV1 = `sha-${base}01`;
const baseV2 = `sha-${base}02`;
await pushDemoImages(baseV1, 'v1');
await pushDemoImages(baseV2, 'v2');
const replicas = { services: { backend: { replicaCount: REPLICAS } } };
const values = await realNodeValuesFile(replicas);
const noDrain = await realNodeValuesFile({ ...replicas, shutdown: { preStopSleepSeconds: 0 } });

const contenders: Contender[] = [
  { name: `helm-deploy (helm ${MAJOR})`, values, upgrade: viaAction },
  { name: 'helm 3 upgrade --install --wait', values, upgrade: viaHelm(3) },
  ...(process.env.BENCH_ZD_HELM4 === '0' ? [] : [{ name: 'helm 4 upgrade --install --wait=watcher', values, upgrade: viaHelm(4) }]),
  { name: 'helm 3 --wait, preStopSleepSeconds=0', informative: true, values: noDrain, upgrade: viaHelm(3) },
  {
    name: 'bad: helm 3 --wait, no preStop, serving pods deleted',
    bad: true,
    values: noDrain,
    upgrade: viaHelm(3),
    beside: async (namespace) => {
      const deleted = await kubectl(['delete', 'pod', '-n', namespace, '-l', 'app.kubernetes.io/component=backend', '--wait=false']);
      if (deleted.exitCode !== 0) throw new Error(`kubectl delete pod: ${deleted.stderr}`);
    },
  },
];

const api = kubeApi();
const namespaces = new Map<Contender, { namespace: string; endpoints: ReadyEndpoints }>();
for (const [i, contender] of contenders.entries()) {
  const namespace = await namespaceWithSecret(`bench-zd-${i}`);
  // the first install is not measured; it brings up v1 (its endpoints are watched from here on)
  const first = await contender.upgrade(namespace, baseV1, contender.values);
  if (!first.ok) throw new Error(`${contender.name}: the first install in ${namespace} failed: ${first.detail}`);
  await rolloutStatus(namespace);
  namespaces.set(contender, { namespace, endpoints: await ReadyEndpoints.start(api, namespace, BACKEND) });
}

interface Sample {
  tally: Tally;
  upgradeMs: number;
  /** ms from the upgrade's start until the backend's rollout was done (old pods out of the endpoints). */
  rolloutMs: number;
  after: string[];
}
const samples = new Map<Contender, Sample[]>(contenders.map((c) => [c, []]));

/** Brings the namespace back to v1 at a new tag (a new pod template) and waits for it; not measured. */
async function backToV1(contender: Contender, namespace: string, endpoints: ReadyEndpoints, round: number): Promise<void> {
  const tag = `sha-${base}1${round.toString(16).padStart(4, '0')}`;
  await retagDemoImages(baseV1, tag);
  const reset = await contender.upgrade(namespace, tag, contender.values);
  if (!reset.ok) throw new Error(`${contender.name}: the reset to v1 failed: ${reset.detail}`);
  await rolloutStatus(namespace);
  for (let i = 0; i < 50 && endpoints.current.length !== REPLICAS; i++) await sleep(100);
  const answers = await versionsOf(endpoints.current);
  if (answers.length !== REPLICAS || answers.some((v) => v !== 'v1'))
    throw new Error(`${contender.name}: before the upgrade the ready endpoints answer ${answers.join(', ') || 'nothing'}`);
}

async function measure(contender: Contender, round: number): Promise<Sample> {
  const { namespace, endpoints } = namespaces.get(contender) ?? { namespace: '', endpoints: undefined };
  if (!endpoints) throw new Error(`${contender.name}: no namespace`);
  await backToV1(contender, namespace, endpoints, round);
  const tag = `sha-${base}2${round.toString(16).padStart(4, '0')}`;
  await retagDemoImages(baseV2, tag);
  const traffic = startTraffic(endpoints);
  await sleep(500);
  const started = performance.now();
  const [upgrade] = await Promise.all([contender.upgrade(namespace, tag, contender.values), contender.beside?.(namespace)]);
  if (!upgrade.ok) {
    await traffic.stop();
    throw new Error(`${contender.name}: the upgrade failed: ${upgrade.detail}`);
  }
  await rolloutStatus(namespace, 'backend');
  const rolloutMs = performance.now() - started;
  await sleep(1000);
  const tally = await traffic.stop();
  const after = await versionsOf(endpoints.current);
  return { tally, upgradeMs: upgrade.ms, rolloutMs, after };
}

for (let round = 0; round < ROUNDS; round += 1) {
  for (let i = 0; i < contenders.length; i += 1) {
    const contender = contenders[(round + i) % contenders.length] as Contender;
    const sample = await measure(contender, round);
    samples.get(contender)?.push(sample);
    console.log(
      `round ${round + 1}, ${contender.name}: upgrade ${(sample.upgradeMs / 1000).toFixed(1)} s, backend rolled out after ${(sample.rolloutMs / 1000).toFixed(1)} s; ${tallyLine(sample.tally)}; endpoints after: ${sample.after.join(', ')}`,
    );
    for (const failure of sample.tally.examples.slice(0, 3))
      console.log(`    failed at ${(failure.at / 1000).toFixed(2)} s: ${failure.endpoint}: ${failure.reason}`);
  }
}

const sum = (list: Sample[], f: (s: Sample) => number) => list.reduce((n, s) => n + f(s), 0);
console.log(`\nzero downtime on the real node, backend ${REPLICAS} replicas, v1 -> v2, ${ROUNDS} rounds each (sums over the rounds):`);
console.log(
  `  ${'contender'.padEnd(54)} ${'requests'.padStart(8)} ${'failed'.padStart(7)} ${'v1'.padStart(6)} ${'v2'.padStart(6)}   upgrade median (min-max)`,
);
for (const contender of contenders) {
  const list = samples.get(contender) ?? [];
  const total = sum(list, (s) => s.tally.total);
  const failed = sum(list, (s) => s.tally.failed);
  const v1 = sum(list, (s) => s.tally.versions.v1 ?? 0);
  const v2 = sum(list, (s) => s.tally.versions.v2 ?? 0);
  const ms = list.map((s) => s.upgradeMs);
  console.log(
    `  ${contender.name.padEnd(54)} ${String(total).padStart(8)} ${String(failed).padStart(7)} ${String(v1).padStart(6)} ${String(v2).padStart(6)}   ${spread(ms)}`,
  );
}

const subject = samples.get(contenders[0] as Contender) ?? [];
const failedSubject = sum(subject, (s) => s.tally.failed);
const bad = contenders.find((c) => c.bad) as Contender;
const badRounds = samples.get(bad) ?? [];
const undetected = badRounds.filter((s) => s.tally.failed === 0).length;
for (const contender of contenders.slice(1).filter((c) => !c.bad && !c.informative)) {
  const list = samples.get(contender) ?? [];
  const a = median(subject.map((s) => s.upgradeMs));
  const b = median(list.map((s) => s.upgradeMs));
  console.log(
    `upgrade duration ${contenders[0]?.name} / ${contender.name}: ${(a / b).toFixed(2)} (${a.toFixed(0)} ms / ${b.toFixed(0)} ms)`,
  );
}
console.log(
  `failed requests during helm-deploy's upgrades: ${failedSubject} of ${sum(subject, (s) => s.tally.total)} (target 0) ${failedSubject === 0 ? 'OK' : 'FAILED'}`,
);
console.log(
  `detection: the bad baseline failed ${sum(badRounds, (s) => s.tally.failed)} requests; rounds without a failure: ${undetected} ${undetected === 0 ? 'OK' : 'NOT DETECTED'}`,
);

for (const { endpoints } of namespaces.values()) await endpoints.stop();
api.close();
await Promise.all([...namespaces.values()].map(({ namespace }) => kubectl(['delete', 'namespace', namespace, '--wait=false'])));
process.exitCode = failedSubject === 0 && undetected === 0 ? 0 : 1;
