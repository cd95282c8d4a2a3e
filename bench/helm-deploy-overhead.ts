// helm-deploy on the Todo chart against raw `helm upgrade --install --wait` of the same chart
// and values on the same lab: how much does the action (Node 24 start, lock, history, its own
// rollout watch, summary) add to a plain helm wait? Each round upgrades both releases to a
// new image tag, alternately. Target: ratio of the medians < 1.15.
// Needs the lab (`npm run lab -- up`); BENCH_ROUNDS (default 5), BENCH_HELM=3|4 (default 3).
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { repoRoot, runAction } from '@todo-deploy/harness';
import { kubectl, labEnv, run } from '@todo-deploy/lab';
import { ratioLine, sideBySide } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MAJOR = process.env.BENCH_HELM === '4' ? 4 : 3;
const root = repoRoot();
const lab = await labEnv();
const helmBinary = MAJOR === 3 ? lab.helm3 : lab.helm4;
const path = `${dirname(helmBinary)}:${lab.binDir}:${process.env.PATH ?? ''}`;
const values = ['global.owner=octo-bench', 'global.domain=example.test'];

async function namespaceWithSecret(name: string): Promise<string> {
  await kubectl(['delete', 'namespace', name, '--ignore-not-found', '--wait=true'], { timeoutMs: 120_000 });
  await kubectl(['create', 'namespace', name]);
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-secrets', namespace: name },
    stringData: { KAFKA_BROKERS: 'kafka:9092', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'bench-only' },
  };
  await kubectl(['apply', '-f', '-'], { input: JSON.stringify(secret) });
  return name;
}

async function viaAction(namespace: string, tag: string): Promise<number> {
  const started = performance.now();
  const result = await runAction('helm-deploy', {
    inputs: {
      release: 'todo',
      namespace,
      chart: join(root, 'chart'),
      'values-files': join(root, 'chart/values-staging.yaml'),
      'image-tag': tag,
      'set-string': values.join('\n'),
      timeout: '5m',
    },
    env: { KUBECONFIG: lab.kubeconfig, PATH: path },
  });
  if (result.exitCode !== 0) throw new Error(`helm-deploy failed:\n${result.stdout}`);
  return performance.now() - started;
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
const tag = () => `sha-${randomBytes(4).toString('hex').slice(0, 7)}`;
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
