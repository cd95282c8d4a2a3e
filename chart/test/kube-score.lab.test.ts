// kube-score over the rendered chart. It stands in for kube-linter, whose Go module the
// proxy refuses on this machine (see packages/lab/README.md): the same family of checks
// (probes, security context, resources, image tags, PDBs, HPAs, selectors, deprecated APIs).
// Every default check runs, plus the optional seccomp one; each exclusion says why.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VALUES_FILES, labHelm4, labKubernetesVersion, labTool, renderText, runTool } from './support/chart.js';

const EXCLUDED: Record<string, string> = {
  // Tags are immutable here (sha-<short>, vX.Y.Z) and the policy is one global value
  // (global.imagePullPolicy); pulling on every start only adds registry load and latency.
  'container-image-pull-policy': 'immutable tags; policy set by global.imagePullPolicy',
  // Ephemeral storage is bounded by design: the root filesystem is read-only and the only
  // writable path is the /tmp emptyDir, which has a sizeLimit (tmpVolume.sizeLimit).
  'container-ephemeral-storage-request-and-limit': 'read-only root, /tmp emptyDir with sizeLimit',
  // Which namespaces may reach the app (the ingress controller's, Prometheus', Dapr's) and
  // where Kafka lives are cluster facts the chart cannot know; a NetworkPolicy that guesses
  // them breaks traffic. Off by default (networkPolicy.enabled, with the peers as values) or
  // left to the cluster's own policy (k8s/cluster-bootstrap); checked on below.
  'pod-networkpolicy': 'cluster-specific; opt-in with networkPolicy.enabled',
  // The deployment plan runs mcp and notification with one replica and the issue asks for a
  // PDB only from two replicas: a PDB over one pod would block every node drain.
  'deployment-has-poddisruptionbudget': 'no PDB below 2 replicas (it would block drains)',
  // Staging runs one replica of each service, and the plan's HPAs for mcp and notification
  // start at one: both are the plan, not an accident.
  'deployment-replicas': 'staging runs 1 replica by plan',
  'horizontalpodautoscaler-replicas': 'mcp and notification HPAs start at 1 by plan',
  // With an HPA the Deployment still carries replicas: the HPA minimum on a first install and
  // the live count (lookup) on an upgrade, so helm never resets what the HPA set; leaving the
  // field out makes a first install run one pod until the HPA acts.
  'deployment-targeted-by-hpa-does-not-have-replicas-configured': 'replicas = HPA minimum on install, the live count on upgrade',
};

let dir: string;
const files = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'chart-kube-score-'));
  const kubeVersion = await labKubernetesVersion();
  for (const values of VALUES_FILES) {
    const file = path.join(dir, `rendered-${values}`);
    await writeFile(file, await renderText(labHelm4(), { kubeVersion, namespace: 'todo', valuesFiles: [values] }));
    files.set(values, file);
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function score(file: string, ignored: readonly string[]) {
  return runTool([
    labTool('LAB_KUBE_SCORE'),
    'score',
    file,
    '--output-format',
    'ci',
    '--enable-optional-test',
    'container-seccomp-profile',
    ...ignored.flatMap((test) => ['--ignore-test', test]),
  ]);
}

describe('kube-score', () => {
  it.each(VALUES_FILES)('passes every check but the justified exclusions with %s', async (values) => {
    const result = await score(files.get(values) as string, Object.keys(EXCLUDED));
    const findings = result.stdout.split('\n').filter((line) => /^\[(CRITICAL|WARNING)\]/.test(line));
    expect(findings).toEqual([]);
    expect(result.stdout).toMatch(/\[OK\] todo-backend/);
    expect(result.exitCode).toBe(0);
  });

  it('finds a matching NetworkPolicy for every pod with networkPolicy.enabled: ingress always, egress once networkPolicy.egress restricts it', async () => {
    const kubeVersion = await labKubernetesVersion();
    const scoreWith = async (name: string, extraArgs: string[]) => {
      const file = path.join(dir, `rendered-${name}.yaml`);
      await writeFile(
        file,
        await renderText(labHelm4(), { kubeVersion, namespace: 'todo', valuesFiles: ['values-production.yaml'], extraArgs }),
      );
      const result = await score(
        file,
        Object.keys(EXCLUDED).filter((test) => test !== 'pod-networkpolicy'),
      );
      return { exit: result.exitCode, findings: result.stdout.split('\n').filter((line) => /^\[(CRITICAL|WARNING)\]/.test(line)) };
    };
    // egress open by default (Kafka and the database are outside): kube-score says so, and only that
    const open = await scoreWith('network-policy', ['--set', 'networkPolicy.enabled=true']);
    expect(open.findings.length).toBe(6);
    for (const line of open.findings) expect(line).toMatch(/: The pod does not have a matching egress NetworkPolicy$/);
    const restricted = await scoreWith('network-policy-egress', [
      '--set',
      'networkPolicy.enabled=true',
      '--set-json',
      'networkPolicy.egress=[{"to":[{"ipBlock":{"cidr":"10.0.0.0/16"}}],"ports":[{"port":9093,"protocol":"TCP"}]}]',
    ]);
    expect(restricted).toEqual({ exit: 0, findings: [] });
  });

  it('would fail the chart without the exclusions, so the check is live', async () => {
    const result = await score(files.get('values-production.yaml') as string, []);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain('The pod does not have a matching NetworkPolicy');
  });
});
