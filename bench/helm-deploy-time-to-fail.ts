// An upgrade of the Todo chart whose images cannot be pulled, timeout 5m: how soon does
// helm-deploy fail (and roll back) against raw `helm upgrade --install --atomic --wait`,
// which waits out its timeout? Both start from a healthy revision on the same lab and run at
// the same time (the raw run takes the whole 5 minutes; helm-deploy runs BENCH_ROUNDS times
// meanwhile, each from a fresh healthy revision). Target: helm-deploy at least 10x sooner.
// Needs the lab (`npm run lab -- up`); BENCH_ROUNDS (default 3), BENCH_HELM=3|4 (default 3).
import { join } from 'node:path';
import { kubectl } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';
import { median } from './stats.js';
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

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const common = pipelineValues;
// the lab answers every image under lab.invalid/ with ErrImagePull, then ImagePullBackOff
const unpullable = 'global.imageRegistry=lab.invalid';
const tag = newTag;

async function helmUpgrade(
  namespace: string,
  setStrings: string[],
  extra: string[],
): Promise<{ ms: number; exitCode: number | null; stderr: string }> {
  const started = performance.now();
  const args = [
    'upgrade',
    '--install',
    'todo',
    join(root, 'chart'),
    '-n',
    namespace,
    '--values',
    join(root, 'chart/values-staging.yaml'),
    ...extra,
  ];
  for (const value of [...setStrings, `global.imageTag=${tag()}`]) args.push('--set-string', value);
  const result = await runProcess([helmBinary, ...args], { env: { ...lab.env, PATH: path } });
  return { ms: performance.now() - started, exitCode: result.exitCode, stderr: result.stderr };
}

async function actionUpgrade(
  namespace: string,
  setStrings: string[],
): Promise<{ ms: number; exitCode: number | null; error: string; rolledBack: string }> {
  const result = await deployWithAction(namespace, tag(), setStrings);
  const error = result.annotations.find((a) => a.level === 'error')?.message ?? '';
  return { ms: result.ms, exitCode: result.exitCode, error, rolledBack: result.outputs['rolled-back'] ?? '' };
}

const nsHelm = await namespaceWithSecret('bench-ttf-helm');
const nsAction = await namespaceWithSecret('bench-ttf-action');
const healthy = ['--wait', '--timeout', '2m'];
if ((await helmUpgrade(nsHelm, common, healthy)).exitCode !== 0) throw new Error('the healthy baseline install failed');
if ((await helmUpgrade(nsAction, common, healthy)).exitCode !== 0) throw new Error('the healthy helm-deploy install failed');

const wait = MAJOR === 3 ? ['--atomic', '--wait'] : ['--rollback-on-failure', '--wait=watcher'];
const raw = helmUpgrade(nsHelm, [...common, unpullable], [...wait, '--timeout', '5m']);
const times: number[] = [];
for (let i = 0; i < ROUNDS; i += 1) {
  const result = await actionUpgrade(nsAction, [...common, unpullable]);
  if (result.exitCode !== 1 || result.rolledBack !== 'true') throw new Error(`helm-deploy did not fail and roll back: ${result.error}`);
  times.push(result.ms);
  console.log(`helm-deploy round ${i + 1}: failed and rolled back in ${(result.ms / 1000).toFixed(1)} s: ${result.error.slice(0, 160)}`);
}
const baseline = await raw;
console.log(
  `raw helm: exit ${baseline.exitCode} after ${(baseline.ms / 1000).toFixed(1)} s: ${baseline.stderr.trim().split('\n').at(-1)?.slice(0, 160) ?? ''}`,
);
const subject = median(times);
const factor = baseline.ms / subject;
console.log(`time to fail, helm ${MAJOR}, unpullable images, timeout 5m (helm-deploy median of ${ROUNDS}):`);
console.log(
  `raw helm --atomic --wait / helm-deploy: ${factor.toFixed(1)}x sooner (helm-deploy ${subject.toFixed(0)} ms, raw helm ${baseline.ms.toFixed(0)} ms; target >= 10x) ${factor >= 10 ? 'OK' : 'BELOW TARGET'}`,
);
await Promise.all([nsAction, nsHelm].map((ns) => kubectl(['delete', 'namespace', ns, '--wait=false'])));
process.exitCode = factor >= 10 ? 0 : 1;
