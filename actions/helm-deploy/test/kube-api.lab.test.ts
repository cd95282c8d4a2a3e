import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { createTestNamespace, deleteNamespace, kubectl, labEnv } from '@todo-deploy/lab';
import { parse, stringify } from 'yaml';
import { ApiError, KubeApi } from '../src/adapters/kube-api.js';
import { readRolloutObjects } from '../src/rollout/read-objects.js';
import { deploy, eventually, expectExit, running } from './lab-support.js';

jest.setTimeout(60_000);
const lab = await labEnv();
const work = mkdtempSync(join(tmpdir(), 'kube-api-'));
const env = { ...lab.env, RUNNER_TEMP: work };
const opened: KubeApi[] = [];
afterAll(() => Promise.all(opened.map((api) => api.close())));

async function start(access: { env: NodeJS.ProcessEnv; context?: string }): Promise<KubeApi> {
  const api = await KubeApi.start(access);
  opened.push(api);
  return api;
}

describe('KubeApi (kubectl proxy on a private unix socket) against the lab', () => {
  it('answers API calls, names the reason of a refusal, and leaves nothing behind when closed', async () => {
    const api = await start({ env });
    expect(api.socketDir.startsWith(work)).toBe(true);
    const version = await api.json<{ major: string; minor: string }>('GET', '/version');
    expect(`${version.major}.${version.minor}`).toBe('1.35');
    const missing = await api.json('GET', '/api/v1/namespaces/no-such-namespace').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect(missing).toMatchObject({ status: 404, reason: 'NotFound', message: 'namespaces "no-such-namespace" not found' });
    await api.close();
    expect(existsSync(api.socketDir)).toBe(false);
    expect(running(api.pid)).toBe(false);
  });

  it('authenticates as kubectl does, here through an exec credential plugin', async () => {
    // the lab's admin certificate handed over by a plugin instead of the kubeconfig
    const config = parse(readFileSync(lab.kubeconfig, 'utf8')) as {
      users: Array<{ user: Record<string, unknown> }>;
    };
    const user = config.users[0]?.user ?? {};
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: {
        clientCertificateData: readFileSync(String(user['client-certificate']), 'utf8'),
        clientKeyData: readFileSync(String(user['client-key']), 'utf8'),
      },
    };
    const plugin = join(work, 'credential-plugin');
    writeFileSync(plugin, `#!/bin/sh\ncat <<'JSON'\n${JSON.stringify(credential)}\nJSON\n`);
    chmodSync(plugin, 0o700);
    for (const entry of config.users)
      entry.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } };
    const kubeconfig = join(work, 'exec-kubeconfig');
    writeFileSync(kubeconfig, stringify(config), { mode: 0o600 });
    const api = await start({ env: { ...env, KUBECONFIG: kubeconfig } });
    const namespaces = await api.json<{ items: Array<{ metadata: { name: string } }> }>('GET', '/api/v1/namespaces');
    expect(namespaces.items.map((n) => n.metadata.name)).toContain('kube-system');
  });

  it("fails to start with kubectl's own reason: an unknown context, kubectl missing", async () => {
    await expect(KubeApi.start({ env, context: 'no-such-context' })).rejects.toThrow('context "no-such-context" does not exist');
    await expect(KubeApi.start({ env: { ...env, PATH: '/nonexistent' } })).rejects.toThrow(
      'kubectl is not on PATH: install it in an earlier step',
    );
  });

  it("reads only the release's workloads, ReplicaSets and pods, however many other pods the namespace holds", async () => {
    const ns = await createTestNamespace('hd-busy');
    try {
      const noise = await kubectl(['create', 'deployment', 'noise', '-n', ns, '--image=registry.lab/noise:1', '--replicas=60']);
      expect(noise.exitCode).toBe(0);
      expectExit(await deploy(4, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
      await eventually('the noise pods', async () => {
        const pods = await kubectl(['get', 'pods', '-n', ns, '-l', 'app=noise', '-o', 'name']);
        return pods.stdout.trim().split('\n').length >= 60 ? true : undefined;
      });
      const api = await start({ env });
      const objects = await readRolloutObjects(api, [{ kind: 'Deployment', name: 'tiny-web', namespace: ns }]);
      const byKind = (kind: string) => objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
      expect(byKind('Deployment')).toEqual(['tiny-web']);
      expect(byKind('ReplicaSet').every((name) => name.startsWith('tiny-web-'))).toBe(true);
      expect(byKind('Pod').length).toBeGreaterThan(0);
      expect(byKind('Pod').every((name) => name.startsWith('tiny-web-'))).toBe(true);
      // a workload that does not exist yet is simply absent
      expect(await readRolloutObjects(api, [{ kind: 'StatefulSet', name: 'not-yet', namespace: ns }])).toEqual([]);
      // two workloads of the release (selectors sharing app.kubernetes.io/instance: one list per
      // kind serves both): each one's pods and ReplicaSets, and still none of the noise
      const worker = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'tiny-worker', namespace: ns },
        spec: {
          replicas: 2,
          selector: { matchLabels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/instance': 'tiny' } },
          template: {
            metadata: { labels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/instance': 'tiny' } },
            spec: { containers: [{ name: 'worker', image: 'registry.lab/worker:1' }] },
          },
        },
      };
      expect((await kubectl(['apply', '-f', '-'], { input: JSON.stringify(worker) })).exitCode).toBe(0);
      await eventually('the worker pods', async () => {
        const pods = await kubectl(['get', 'pods', '-n', ns, '-l', 'app.kubernetes.io/name=worker', '-o', 'name']);
        return pods.stdout.trim().split('\n').length >= 2 ? true : undefined;
      });
      const both = await readRolloutObjects(api, [
        { kind: 'Deployment', name: 'tiny-web', namespace: ns },
        { kind: 'Deployment', name: 'tiny-worker', namespace: ns },
      ]);
      const names = (kind: string) => both.filter((o) => o.kind === kind).map((o) => o.metadata.name);
      expect(names('Deployment').sort()).toEqual(['tiny-web', 'tiny-worker']);
      expect(names('Pod').filter((n) => n.startsWith('tiny-worker-'))).toHaveLength(2);
      expect(names('Pod').some((n) => n.startsWith('tiny-web-'))).toBe(true);
      expect(names('Pod').every((n) => n.startsWith('tiny-web-') || n.startsWith('tiny-worker-'))).toBe(true);
      expect(names('ReplicaSet').every((n) => n.startsWith('tiny-web-') || n.startsWith('tiny-worker-'))).toBe(true);
      expect(new Set(both.map((o) => o.metadata.uid)).size).toBe(both.length);
    } finally {
      await deleteNamespace(ns);
    }
  });
});
