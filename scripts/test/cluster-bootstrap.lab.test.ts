import { readdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';
import { runChecked, runProcess } from '@todo-deploy/process';
import { parseAllDocuments } from 'yaml';
import { peakPods, quotaFit, type KubeObject, type PeakPods } from '../quota-fit.js';

jest.setTimeout(120_000);
const dir = join(repoRoot(), 'k8s', 'cluster-bootstrap');
const manifests = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

async function serverDryRun(file: string): Promise<{ exitCode: number | null; output: string }> {
  const kubectl = process.env.LAB_KUBECTL;
  if (!kubectl) throw new Error('LAB_KUBECTL is not set: run in the jest "lab" project');
  const result = await runProcess([kubectl, 'apply', '--dry-run=server', '--validate=strict', '-n', 'default', '-f', file]);
  return { exitCode: result.exitCode, output: result.stdout + result.stderr };
}

describe('k8s/cluster-bootstrap', () => {
  it('holds the namespaces, issuers, network policies and the quotas of each namespace', () => {
    expect(manifests.sort()).toEqual([
      'cluster-issuers.yaml',
      'namespaces.yaml',
      'network-policies.yaml',
      'quota-production.yaml',
      'quota-staging.yaml',
    ]);
  });

  it.each(manifests)('%s is accepted by the API server with strict field validation', async (file) => {
    const result = await serverDryRun(join(dir, file));
    expect(result.output).not.toMatch(/error|unknown field/i);
    expect(result.exitCode).toBe(0);
    expect(result.output).toMatch(/\(server dry run\)/);
  });

  it('would reject a mistyped field, so the check is live', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'bootstrap-')), 'bad.yaml');
    writeFileSync(
      bad,
      'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: x\nspec:\n  acme:\n    sever: https://example.test\n',
    );
    const result = await serverDryRun(bad);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/unknown field "spec\.acme\.sever"/);
  });
});

const objectsOf = (text: string): KubeObject[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);

// cert-manager's HTTP-01 solver pod runs in the namespace of the Ingress while a certificate is
// issued or renewed; these are cert-manager's defaults for it (its acmesolver resources).
const ACME_SOLVER: PeakPods = {
  name: 'cm-acme-http-solver',
  pods: 1,
  why: 'one HTTP-01 solver while issuing',
  perPod: { cpu: 10, memory: 64 * 2 ** 20 },
  containerLimits: [{ container: 'acmesolver', cpu: 100, memory: 64 * 2 ** 20 }],
};

describe.each([
  ['staging', { cpu: '4', memory: '6Gi' }],
  ['production', { cpu: '8', memory: '12Gi' }],
] as const)('the %s quota and the chart at its peak', (environment, budget) => {
  const file = join(dir, `quota-${environment}.yaml`);
  const bootstrap = objectsOf(readFileSync(file, 'utf8'));
  const quota = bootstrap.find((o) => o.kind === 'ResourceQuota') as KubeObject;
  const limitRange = bootstrap.find((o) => o.kind === 'LimitRange') as KubeObject;
  let rendered: KubeObject[] = [];

  beforeAll(async () => {
    const helm = process.env.LAB_HELM4;
    if (!helm) throw new Error('LAB_HELM4 is not set: run in the jest "lab" project');
    const chart = join(repoRoot(), 'chart');
    const { stdout } = await runChecked([
      helm,
      'template',
      'todo',
      chart,
      '--namespace',
      environment,
      '--kube-version',
      '1.33.0',
      '--values',
      join(chart, `values-${environment}.yaml`),
      '--set-string',
      'global.imageTag=sha-0123abc,global.owner=acme-labs,global.domain=example.com',
    ]);
    rendered = objectsOf(stdout);
  });

  it(`budgets ${budget.cpu} CPU and ${budget.memory} of requests`, () => {
    expect((quota.spec as { hard: Record<string, string> }).hard).toMatchObject({
      'requests.cpu': budget.cpu,
      'requests.memory': budget.memory,
    });
  });

  it('fits the HPA maxima plus one surge pod per Deployment, the Dapr sidecars, the test and solver pods', () => {
    const peaks = peakPods(rendered, [ACME_SOLVER]);
    // five Deployments, the helm test pod, the solver
    expect(peaks).toHaveLength(7);
    const lines = quotaFit(peaks, quota, limitRange);
    expect(lines.map((l) => l.resource)).toEqual([
      'requests.cpu',
      'requests.memory',
      'pods',
      'requests stated',
      'limitrange.max.cpu',
      'limitrange.max.memory',
    ]);
    // one line per miss: what it needs, the quota, by how much and what to change
    const misses = lines.filter((l) => !l.ok).map((l) => `${l.resource}: needs ${l.needed}, quota ${l.hard}; ${l.advice}`);
    expect(misses).toEqual([]);
  });
});
