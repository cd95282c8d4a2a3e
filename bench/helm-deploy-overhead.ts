// helm-deploy on the Todo chart against raw `helm upgrade --install --wait` of the same chart
// and values on the same lab: how much does the action (Node start, lock, history, its own
// rollout watch, summary, post step) add to a plain helm wait? Each round upgrades every
// release to a new image tag; the contenders take turns. Target: ratio of the medians < 1.15.
//
// The finish lines differ by helm version. helm-deploy, like `kubectl rollout status`, is done
// when every Deployment's old ReplicaSet is scaled down and the new one is available; helm 4's
// --wait=watcher (kstatus) waits for the same. helm 3's --wait is done as soon as the new
// ReplicaSet has `replicas - maxUnavailable` ready pods, while old pods still run. So helm 3
// gets a second baseline with the same finish line as helm-deploy: --wait, then
// `kubectl rollout status` for the release's Deployments. The target is judged against the
// baselines with the same finish line; the bare helm 3 ratio is printed beside it.
// Needs the lab (`npm run lab -- up`); BENCH_ROUNDS (default 9), BENCH_HELM=3|4 (default both).
import { join } from 'node:path';
import { kubectl } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';
import { interleaved, median, ratioLine, spread } from './stats.js';
import { deployWithAction, helmOf, lab, namespaceWithSecret, newTag, pathOf, pipelineValues, root, type Major } from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const MAJORS: Major[] = process.env.BENCH_HELM === '3' ? [3] : process.env.BENCH_HELM === '4' ? [4] : [3, 4];
const TARGET = 1.15;

async function viaAction(major: Major, namespace: string): Promise<number> {
  const result = await deployWithAction(namespace, newTag(), pipelineValues, major);
  if (result.exitCode !== 0) throw new Error(`helm-deploy failed:\n${result.stdout}`);
  return result.ms;
}

async function viaHelm(major: Major, namespace: string, rolloutStatus: boolean): Promise<number> {
  const env = { ...lab.env, PATH: pathOf(major) };
  const started = performance.now();
  const args = ['upgrade', '--install', 'todo', join(root, 'chart'), '-n', namespace, '--values', join(root, 'chart/values-staging.yaml')];
  for (const value of [...pipelineValues, `global.imageTag=${newTag()}`]) args.push('--set-string', value);
  args.push(major === 3 ? '--wait' : '--wait=watcher', '--timeout', '5m');
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
  const add = async (name: string, measure: (namespace: string) => Promise<number>) => {
    const namespace = await namespaceWithSecret(`bench-hd-h${major}-${namespaces.length}`);
    namespaces.push(namespace);
    await measure(namespace); // the first install is not measured: every measured round is an upgrade
    contenders[name] = () => measure(namespace);
  };
  await add('helm-deploy', (ns) => viaAction(major, ns));
  const bare = major === 3 ? 'helm --wait' : 'helm --wait=watcher';
  await add(bare, (ns) => viaHelm(major, ns, false));
  if (major === 3) await add('helm --wait + kubectl rollout status', (ns) => viaHelm(major, ns, true));
  const samples = await interleaved(ROUNDS, contenders);
  console.log(`\nhelm-deploy overhead on the Todo chart (5 Deployments), helm ${major}, ${ROUNDS} upgrades each (median (min-max)):`);
  for (const [name, values] of Object.entries(samples)) console.log(`  ${name.padEnd(40)} ${spread(values)}`);
  const subject = median(samples['helm-deploy'] ?? []);
  const sameFinish = major === 3 ? 'helm --wait + kubectl rollout status' : bare;
  const ratio = subject / median(samples[sameFinish] ?? []);
  failed ||= ratio >= TARGET;
  console.log(ratioLine(`helm-deploy / ${sameFinish}`, subject, median(samples[sameFinish] ?? []), `< ${TARGET}`, ratio < TARGET));
  if (major === 3) {
    const base = median(samples[bare] ?? []);
    console.log(
      `helm-deploy / ${bare} (not the same finish line: old pods still running): ${(subject / base).toFixed(2)} (subject ${subject.toFixed(0)} ms / baseline ${base.toFixed(0)} ms)`,
    );
  }
  await Promise.all(namespaces.map((ns) => kubectl(['delete', 'namespace', ns, '--wait=false'])));
}
process.exitCode = failed ? 1 : 0;
