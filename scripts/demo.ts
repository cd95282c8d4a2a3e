// The demo's deploy: the bundled helm-deploy, run the way the runner runs it, deploys chart/
// with values-staging.yaml to namespace staging on the lab, then upgrades it to a new tag,
// and prints each job summary as text. scripts/demo.sh starts the lab first.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { kubectl, labEnv } from '@todo-deploy/lab';
import { summaryText } from './demo-summary.js';

const NAMESPACE = 'staging';
const root = repoRoot();
const lab = await labEnv();

async function ensureStagingSecret(): Promise<void> {
  if ((await kubectl(['get', 'namespace', NAMESPACE])).code !== 0) await kubectl(['create', 'namespace', NAMESPACE]);
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-secrets', namespace: NAMESPACE },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: 'postgresql://todo:demo-only@postgres.staging:5432/todo',
      KAFKA_BROKERS: 'kafka.staging:9092',
      KAFKA_SASL_USERNAME: 'todo',
      KAFKA_SASL_PASSWORD: 'demo-only-password',
      BETTER_AUTH_SECRET: randomBytes(16).toString('hex'),
      OPENAI_API_KEY: 'sk-demo-only',
    },
  };
  const applied = await kubectl(['apply', '-f', '-'], { input: JSON.stringify(secret) });
  if (applied.code !== 0) throw new Error(`could not create the Secret app-secrets: ${applied.stderr}`);
}

async function deployTag(tag: string): Promise<ActionRun> {
  console.log(`\n▶ helm-deploy: release todo, namespace ${NAMESPACE}, image tag ${tag}`);
  const run = await runAction('helm-deploy', {
    inputs: {
      release: 'todo',
      namespace: NAMESPACE,
      chart: join(root, 'chart'),
      'values-files': join(root, 'chart/values-staging.yaml'),
      'image-tag': tag,
      'set-string': 'global.owner=octo-demo\nglobal.domain=example.test',
      timeout: '3m',
    },
    env: { KUBECONFIG: lab.kubeconfig, PATH: `${lab.binDir}:${process.env.PATH ?? ''}` },
  });
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::'))
    .join('\n')
    .trim();
  console.log(log.replace(/^/gm, '  │ '));
  console.log(`\nJob summary (exit ${run.exitCode}):\n`);
  console.log(summaryText(run.summary));
  return run;
}

await ensureStagingSecret();
const suffix = () => randomBytes(4).toString('hex').slice(0, 7);
const first = await deployTag(`sha-${suffix()}`);
const second = first.exitCode === 0 ? await deployTag(`sha-${suffix()}`) : first;
process.exitCode = first.exitCode === 0 && second.exitCode === 0 ? 0 : 1;
