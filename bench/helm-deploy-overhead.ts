// helm-deploy on the Todo chart against raw `helm upgrade --install --wait` of the same chart
// and values on the same lab: how much does the action (Node start, lock, history, its own
// rollout watch, summary, post step) add to a plain helm wait? Each round upgrades every
// release to a new image tag; the contenders take turns. Target (issue 14): ratio of the medians 1.10 or less.
//
// The finish lines differ by helm version. helm-deploy, like `kubectl rollout status`, is done
// when every Deployment's old ReplicaSet is scaled down and the new one is available; helm 4's
// --wait=watcher (kstatus) waits for the same. helm 3's --wait is done as soon as the new
// ReplicaSet has `replicas - maxUnavailable` ready pods, while old pods still run. So helm 3
// gets a second baseline with the same finish line as helm-deploy: --wait, then
// `kubectl rollout status` for the release's Deployments. The target is judged against the
// baselines with the same finish line; the bare helm 3 ratio is printed beside it.
//
// BENCH_NODE=real runs the same on the lab's real node instead of kwok: the chart pinned
// there (realNodeValuesFile: its nodeSelector and toleration, CPU requests of 10m) with demo
// images from the lab registry, so that containers really start and readiness probes really
// pass; every round's new tag is the same demo image tagged anew in the registry (not timed).
// Needs the lab (`npm run lab -- up`); BENCH_ROUNDS (default 9), BENCH_HELM=3|4 (default both),
// BENCH_NODE=real|kwok (default kwok).
import { kubectl } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';
import { interleaved, median, ratioLine, spread } from './stats.js';
import {
  deployWithAction,
  helmOf,
  helmUpgradeArgs,
  lab,
  namespaceWithSecret,
  newTag,
  pathOf,
  pipelineValues,
  pushDemoImages,
  realNodeValuesFile,
  retagDemoImages,
  type Major,
} from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const MAJORS: Major[] = process.env.BENCH_HELM === '3' ? [3] : process.env.BENCH_HELM === '4' ? [4] : [3, 4];
const TARGET = 1.1;
const REAL = process.env.BENCH_NODE === 'real';
const where = REAL ? 'the real node' : 'kwok';

// on the real node every tag must name an image that exists: the demo images, pushed once, tagged anew each round
const demoTag = newTag();
if (REAL) await pushDemoImages(demoTag, 'v1');
const valuesFiles = REAL ? [await realNodeValuesFile()] : [];
const lastTag = new Map<string, string>();
/** A pod Ready this soon after its start passed its first readiness probe (initialDelaySeconds 5, times in whole seconds). */
const FIRST_PROBE_S = 7;
async function nextTag(namespace: string): Promise<string> {
  const tag = newTag();
  if (REAL) await retagDemoImages(demoTag, tag);
  lastTag.set(namespace, tag);
  return tag;
}

interface PodTimes {
  status: {
    containerStatuses?: { state?: { running?: { startedAt?: string } } }[];
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
  };
}

/**
 * Seconds from each new pod's container start until it was Ready (the API's times are whole
 * seconds). On the real node they say where a round's time went: the readiness probe
 * (initialDelaySeconds 5, periodSeconds 10) passes at the first kubelet tick after the delay.
 */
async function readyAfterStart(namespace: string): Promise<number[]> {
  const got = await kubectl([
    'get',
    'pods',
    '-n',
    namespace,
    '-l',
    `app.kubernetes.io/version=${lastTag.get(namespace) ?? ''}`,
    '-o',
    'json',
  ]);
  if (got.exitCode !== 0) return [];
  return (JSON.parse(got.stdout) as { items: PodTimes[] }).items.flatMap((pod) => {
    const started = pod.status.containerStatuses?.[0]?.state?.running?.startedAt;
    const ready = pod.status.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime;
    return started && ready ? [(Date.parse(ready) - Date.parse(started)) / 1000] : [];
  });
}

/** `5 s x12, 15 s x3` */
function histogram(values: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([v, n]) => `${v} s x${n}`)
    .join(', ');
}

async function viaAction(major: Major, namespace: string): Promise<number> {
  const result = await deployWithAction(namespace, await nextTag(namespace), pipelineValues, major, valuesFiles);
  if (result.exitCode !== 0) throw new Error(`helm-deploy failed:\n${result.stdout}`);
  return result.ms;
}

async function viaHelm(major: Major, namespace: string, rolloutStatus: boolean): Promise<number> {
  const env = { ...lab.env, PATH: pathOf(major) };
  const tag = await nextTag(namespace);
  const started = performance.now();
  const args = helmUpgradeArgs(namespace, tag, pipelineValues, [major === 3 ? '--wait' : '--wait=watcher', '--timeout', '5m'], valuesFiles);
  const result = await runProcess([helmOf(major), ...args], { env });
  if (result.exitCode !== 0) throw new Error(`helm failed: ${result.stderr}`);
  if (rolloutStatus) {
    const status = await runProcess(
      [lab.kubectl, 'rollout', 'status', 'deployment', '-n', namespace, '-l', 'app.kubernetes.io/instance=todo', '--timeout', '5m'],
      { env },
    );
    if (status.exitCode !== 0) throw new Error(`kubectl rollout status failed: ${status.stderr}`);
  }
  return performance.now() - started;
}

let failed = false;
for (const major of MAJORS) {
  const contenders: Record<string, () => Promise<number>> = {};
  const namespaces: string[] = [];
  const lags: Record<string, number[]> = {};
  /** Per round: was every new pod Ready at its first readiness probe? */
  const prompt: Record<string, boolean[]> = {};
  const add = async (name: string, measure: (namespace: string) => Promise<number>) => {
    const namespace = await namespaceWithSecret(`bench-hd-${REAL ? 'real-' : ''}h${major}-${namespaces.length}`);
    namespaces.push(namespace);
    await measure(namespace); // the first install is not measured: every measured round is an upgrade
    lags[name] = [];
    prompt[name] = [];
    contenders[name] = async () => {
      const ms = await measure(namespace);
      if (REAL) {
        const round = await readyAfterStart(namespace); // not timed
        lags[name]?.push(...round);
        prompt[name]?.push(round.every((s) => s <= FIRST_PROBE_S));
      }
      return ms;
    };
  };
  await add('helm-deploy', (ns) => viaAction(major, ns));
  const bare = major === 3 ? 'helm --wait' : 'helm --wait=watcher';
  await add(bare, (ns) => viaHelm(major, ns, false));
  if (major === 3) await add('helm --wait + kubectl rollout status', (ns) => viaHelm(major, ns, true));
  const samples = await interleaved(ROUNDS, contenders);
  console.log(
    `\nhelm-deploy overhead on the Todo chart (5 Deployments) on ${where}, helm ${major}, ${ROUNDS} upgrades each (median (min-max)):`,
  );
  for (const [name, values] of Object.entries(samples))
    console.log(
      `  ${name.padEnd(40)} ${spread(values)}${REAL ? `; new pods Ready after their start: ${histogram(lags[name] ?? [])}` : ''}`,
    );
  const subject = median(samples['helm-deploy'] ?? []);
  const sameFinish = major === 3 ? 'helm --wait + kubectl rollout status' : bare;
  const ratio = subject / median(samples[sameFinish] ?? []);
  failed ||= ratio > TARGET;
  console.log(ratioLine(`helm-deploy / ${sameFinish}`, subject, median(samples[sameFinish] ?? []), `<= ${TARGET}`, ratio <= TARGET));
  if (REAL) {
    // the kubelet's coin: a pod Ready at its first readiness probe or one period (10 s) later
    const only = (name: string) => (samples[name] ?? []).filter((_, i) => prompt[name]?.[i]);
    const [a, b] = [only('helm-deploy'), only(sameFinish)];
    const counts = `helm-deploy ${a.length}/${ROUNDS}, ${sameFinish} ${b.length}/${ROUNDS}`;
    console.log(
      `rounds whose new pods were all Ready at their first readiness probe (<= ${FIRST_PROBE_S} s after start): ${counts}; ` +
        (a.length && b.length
          ? `helm-deploy / ${sameFinish} over those rounds only (not the target): ${(median(a) / median(b)).toFixed(2)} (${median(a).toFixed(0)} ms / ${median(b).toFixed(0)} ms)`
          : 'no ratio over those rounds'),
    );
  }
  if (major === 3) {
    const base = median(samples[bare] ?? []);
    console.log(
      `helm-deploy / ${bare} (not the same finish line: old pods still running): ${(subject / base).toFixed(2)} (subject ${subject.toFixed(0)} ms / baseline ${base.toFixed(0)} ms)`,
    );
  }
  await Promise.all(namespaces.map((ns) => kubectl(['delete', 'namespace', ns, '--wait=false'])));
}
process.exitCode = failed ? 1 : 0;
