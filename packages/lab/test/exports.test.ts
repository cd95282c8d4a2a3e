import { describe, expect, it } from '@jest/globals';
import { namespaceName } from '../src/api.js';
import { exportLines, labVariables, shellQuote } from '../src/up/exports.js';
import { kubeconfigYaml } from '../src/up/kubeconfig.js';
import { pkiPaths } from '../src/up/certs.js';
import { nodeManifests } from '../src/up/nodes.js';
import type { LabState } from '../src/up/state.js';
import type { ToolPaths } from '../src/tools.js';
import { parse } from 'yaml';

const state: LabState = {
  stateDir: '/s',
  kubeconfig: '/s/kubeconfig',
  ports: {
    etcdClient: 1,
    etcdPeer: 2,
    apiserver: 3,
    controllerManager: 4,
    scheduler: 5,
    kwok: 6,
    registry: 7,
    kubelet: 8,
    kubeletHealthz: 9,
    dns: 10,
    dnsManagement: 11,
    acme: 12,
    acmeManagement: 13,
    traefik: 14,
    certManagerMetrics: 15,
    metricsServer: 16,
  },
  registry: '127.0.0.1:7',
  server: 'https://127.0.0.1:3',
  startedAt: 'x',
  readyAt: 'y',
  processes: [],
  versions: {},
};
const tools = {
  helm3: '/t/helm3/bin/helm',
  helm4: '/t/helm4/bin/helm',
  kubectl: '/t/k/kubectl',
  kwok: '/t/kwok',
  kubeconform: '/t/kubeconform',
  actionlint: '/t/actionlint',
  zizmor: '/t/zizmor',
  buildah: '/usr/bin/buildah',
  binDir: '/c/bin',
} as ToolPaths;

describe('labVariables', () => {
  it('gives KUBECONFIG, LAB_REGISTRY and the absolute helm paths', () => {
    const vars = labVariables(state, tools, () => true);
    expect(vars).toMatchObject({
      KUBECONFIG: '/s/kubeconfig',
      LAB_REGISTRY: '127.0.0.1:7',
      LAB_HELM3: '/t/helm3/bin/helm',
      LAB_HELM4: '/t/helm4/bin/helm',
      LAB_KUBECTL: '/t/k/kubectl',
      LAB_BUILDAH_ROOT: '/s/buildah/storage',
    });
  });

  it('leaves out a tool that is not installed', () => {
    const vars = labVariables(state, tools, (p) => p !== '/t/zizmor');
    expect(vars.LAB_ZIZMOR).toBeUndefined();
    expect(vars.LAB_KUBECONFORM).toBe('/t/kubeconform');
  });
});

describe('exportLines', () => {
  it('prints one export per variable and PATH with the tools first', () => {
    expect(exportLines({ KUBECONFIG: '/s/kubeconfig', LAB_BIN: '/c/bin' })).toEqual([
      'export KUBECONFIG=/s/kubeconfig',
      'export LAB_BIN=/c/bin',
      'export PATH=/c/bin:"$PATH"',
    ]);
  });

  it.each([
    ['/plain/path', '/plain/path'],
    ['/with space', `'/with space'`],
    [`it's`, `'it'\\''s'`],
    ['$(rm -rf /)', `'$(rm -rf /)'`],
  ])('quotes %s for a shell', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });
});

describe('kubeconfigYaml', () => {
  it('points at the API server with the CA and the admin client certificate', () => {
    const config = parse(kubeconfigYaml('https://127.0.0.1:3', pkiPaths('/s'))) as {
      clusters: { cluster: Record<string, string> }[];
      users: { user: Record<string, string> }[];
      'current-context': string;
    };
    expect(config.clusters[0]?.cluster).toEqual({ server: 'https://127.0.0.1:3', 'certificate-authority': '/s/pki/ca.crt' });
    expect(config.users[0]?.user).toEqual({ 'client-certificate': '/s/pki/admin.crt', 'client-key': '/s/pki/admin.key' });
    expect(config['current-context']).toBe('lab');
  });
});

describe('nodeManifests', () => {
  it('makes two untainted Nodes that kwok manages', () => {
    const nodes = nodeManifests() as { metadata: { name: string; annotations: Record<string, string> }; spec: Record<string, unknown> }[];
    expect(nodes.map((n) => n.metadata.name)).toEqual(['lab-node-1', 'lab-node-2']);
    for (const n of nodes) {
      expect(n.metadata.annotations['kwok.x-k8s.io/node']).toBe('fake');
      expect(n.spec).toEqual({});
    }
  });
});

describe('namespaceName', () => {
  it.each([
    ['helm rollback', 'abc123', 'helm-rollback-abc123'],
    ['--Weird__Prefix--', 'ff', 'weird-prefix-ff'],
    ['', '00', 'test-00'],
  ])('%s', (prefix, suffix, name) => {
    expect(namespaceName(prefix, suffix)).toBe(name);
  });

  it('stays a valid namespace name however long the prefix', () => {
    expect(namespaceName('x'.repeat(200), 'abcdef')).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });
});
