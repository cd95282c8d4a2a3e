// helm-deploy on the Todo chart against raw `helm upgrade --install --wait` of the same chart
// and values on the same lab: how much does the action (Node 24 start, lock, history, its own
// rollout watch, summary) add to a plain helm wait? Each round upgrades both releases to a
// new image tag, alternately. Target: ratio of the medians < 1.15.
// Needs the lab (`npm run lab -- up`); BENCH_ROUNDS (default 5), BENCH_HELM=3|4 (default 3).
import { join } from 'node:path';
import { kubectl, run } from '@todo-deploy/lab';
import { ratioLine, sideBySide } from './stats.js';
import {
  MAJOR,
  benchPath as path,
  helmBinary,
  lab,
  deployWithAction,
  namespaceWithSecret,
  newTag,
  pipelineValues,
  root,
} from './todo-on-lab.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const values = pipelineValues;

async function viaAction(namespace: string, tag: string): Promise<number> {
  const result = await deployWithAction(namespace, tag, values);
  if (result.exitCode !== 0) throw new Error(`helm-deploy failed:\n${result.stdout}`);
  return result.ms;
}

async function viaHelm(namespace: string, tag: string): Promise<number> {
  const started = performance.now();
  const args = ['upgrade', '--install', 'todo', join(root, 'chart'), '-n', namespace, '--values', join(root, 'chart/values-staging.yaml')];
  for (const value of [...values, `global.imageTag=${tag}`]) args.push('--set-string', value);
  args.push(MAJOR === 3 ? '--wait' : '--wait=watcher', '--timeout', '5m');
  const result = await run(helmBinary, args, { env: { ...lab.env, PATH: path } });
  if (result.code !== 0) throw new Error(`helm failed: ${result.stderr}`);
  return performance.now() - started;
}

const nsAction = await namespaceWithSecret('bench-hd-action');
const nsHelm = await namespaceWithSecret('bench-hd-helm');
const tag = newTag;
// first installs are not measured: every measured round is an upgrade that rolls the pods
await viaAction(nsAction, tag());
await viaHelm(nsHelm, tag());
const medians = await sideBySide(
  ROUNDS,
  () => viaAction(nsAction, tag()),
  () => viaHelm(nsHelm, tag()),
);
console.log(`helm-deploy overhead on the Todo chart (5 Deployments), helm ${MAJOR}, ${ROUNDS} upgrades each, medians:`);
console.log(
  ratioLine(
    'helm-deploy / helm upgrade --install --wait',
    medians.subject,
    medians.baseline,
    '< 1.15',
    medians.subject / medians.baseline < 1.15,
  ),
);
await Promise.all([nsAction, nsHelm].map((ns) => kubectl(['delete', 'namespace', ns, '--wait=false'])));
