import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import { createTestNamespace, deleteNamespace, kubectl } from '@todo-deploy/lab';
import { eventually, expectOk } from './support.js';

interface PodList {
  items: { metadata: { name: string }; spec: { nodeName?: string }; status: { phase?: string } }[];
}

describe('kubectl against the lab', () => {
  let ns = '';
  beforeAll(async () => {
    ns = await createTestNamespace('lab-deployment');
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it('reports the pinned server version', async () => {
    const out = expectOk(await kubectl(['version', '-o', 'json']), 'kubectl version');
    const v = JSON.parse(out.stdout) as { serverVersion: { gitVersion: string }; clientVersion: { gitVersion: string } };
    expect(v.serverVersion.gitVersion).toMatch(/^v1\.(3[3-9]|[4-9]\d)\.\d+$/);
    expect(v.clientVersion.gitVersion).toBe(v.serverVersion.gitVersion);
  });

  it('has two or more Ready kwok nodes', async () => {
    const out = expectOk(await kubectl(['get', 'nodes', '-l', 'type=kwok', '-o', 'name']), 'kubectl get nodes');
    expect(out.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2);
  });

  it('applies a Deployment that becomes Available on kwok nodes, and deleted pods go away', async () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'registry.k8s.io/pause:3.10' }] } },
      },
    };
    expectOk(await kubectl(['apply', '-n', ns, '-f', '-'], { input: stringify(deployment) }), 'kubectl apply');
    expectOk(await kubectl(['wait', '-n', ns, '--for=condition=Available', 'deployment/web', '--timeout=60s']), 'kubectl wait');

    const pods = JSON.parse(
      expectOk(await kubectl(['get', 'pods', '-n', ns, '-l', 'app=web', '-o', 'json']), 'get pods').stdout,
    ) as PodList;
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) {
      expect(pod.status.phase).toBe('Running');
      expect(pod.spec.nodeName).toMatch(/^lab-node-\d+$/);
    }

    const victim = pods.items[0]!.metadata.name;
    expectOk(await kubectl(['delete', 'pod', '-n', ns, victim, '--wait=true', '--timeout=30s']), 'kubectl delete pod');
    await eventually('a replacement pod and the deleted one gone', async () => {
      const now = JSON.parse((await kubectl(['get', 'pods', '-n', ns, '-l', 'app=web', '-o', 'json'])).stdout) as PodList;
      const names = now.items.filter((p) => p.status.phase === 'Running').map((p) => p.metadata.name);
      return names.length === 2 && !names.includes(victim) ? names : undefined;
    });
  }, 120_000);
});
