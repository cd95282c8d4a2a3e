import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';
import { runProcess } from '@todo-deploy/process';

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
  it('holds the namespaces, issuers and network policies', () => {
    expect(manifests.sort()).toEqual(['cluster-issuers.yaml', 'namespaces.yaml', 'network-policies.yaml']);
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
