// What the helm-deploy benchmarks share: the lab, the helm binary under test, and a namespace
// with the Secret the Todo chart needs.
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { kubectl, labEnv } from '@todo-deploy/lab';

export const root = repoRoot();
export const lab = await labEnv();
export type Major = 3 | 4;
export const MAJOR: Major = process.env.BENCH_HELM === '4' ? 4 : 3;
export const helmOf = (major: Major): string => (major === 3 ? lab.helm3 : lab.helm4);
/** PATH with the helm under test first, so helm-deploy runs the same helm as the baseline. */
export const pathOf = (major: Major): string => `${dirname(helmOf(major))}:${lab.binDir}:${process.env.PATH ?? ''}`;
export const helmBinary = helmOf(MAJOR);
export const benchPath = pathOf(MAJOR);
export const pipelineValues = ['global.owner=octo-bench', 'global.domain=example.test'];
export const newTag = (): string => `sha-${randomBytes(4).toString('hex').slice(0, 7)}`;

/** A fresh namespace holding app-secrets with fake values. */
export async function namespaceWithSecret(name: string): Promise<string> {
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

/** helm-deploy (the bundle, as the runner runs it) upgrading the Todo chart with staging values. */
export async function deployWithAction(
  namespace: string,
  tag: string,
  setStrings: readonly string[],
  major: Major = MAJOR,
): Promise<ActionRun & { ms: number }> {
  const started = performance.now();
  const result = await runAction('helm-deploy', {
    inputs: {
      release: 'todo',
      namespace,
      chart: join(root, 'chart'),
      'values-files': join(root, 'chart/values-staging.yaml'),
      'image-tag': tag,
      'set-string': setStrings.join('\n'),
      timeout: '5m',
    },
    env: { KUBECONFIG: lab.kubeconfig, PATH: pathOf(major) },
  });
  return { ...result, ms: performance.now() - started };
}
