import { describe, expect, it } from '@jest/globals';
import {
  certManagerArgs,
  metricsServerObjects,
  challtestsrvArgs,
  httpsObjects,
  pebbleConfig,
  httpsLayout,
  publicAddress,
  traefikConfig,
} from '../src/https/config.js';
import { decideHttps, httpsBlockers, httpsMode } from '../src/https/decide.js';
import { labPorts } from '../src/up/ports.js';

const ports = labPorts({ TODO_DEPLOY_LAB_PORT_BASE: '40000' });

describe('httpsMode', () => {
  it('takes the flags before the variable, and auto by default', () => {
    expect(httpsMode(['--https'], { TODO_DEPLOY_LAB_HTTPS: '0' })).toBe('on');
    expect(httpsMode(['--no-https'], { TODO_DEPLOY_LAB_HTTPS: '1' })).toBe('off');
    expect(httpsMode([], { TODO_DEPLOY_LAB_HTTPS: 'yes' })).toBe('on');
    expect(httpsMode([], { TODO_DEPLOY_LAB_HTTPS: 'off' })).toBe('off');
    expect(httpsMode([], {})).toBe('auto');
  });
  it('rejects another value, naming the variable and what it takes', () => {
    expect(() => httpsMode([], { TODO_DEPLOY_LAB_HTTPS: 'maybe' })).toThrow('TODO_DEPLOY_LAB_HTTPS=maybe: expected 1, 0 or auto');
  });
});

describe('decideHttps', () => {
  const able = { realNode: true, root: true, missing: [] };
  it('starts when nothing blocks it, unless turned off', () => {
    expect(decideHttps('auto', able)).toEqual({ start: true, why: '' });
    expect(decideHttps('off', able).start).toBe(false);
  });
  it('says every reason it cannot start; auto goes on without it, on is an error', () => {
    const facts = { realNode: false, root: false, missing: ['traefik', 'pebble'] };
    expect(httpsBlockers(facts)).toEqual([
      'no real node (the ACME solver and the app must answer for real)',
      'not root (Traefik must listen on :80 and :443, where ACME validates and redirects go)',
      'not installed: traefik, pebble (optional tools of `npm run lab -- install`)',
    ]);
    expect(decideHttps('auto', facts)).toEqual({ start: false, why: httpsBlockers(facts).join('; ') });
    expect(() => decideHttps('on', facts)).toThrow(/^the HTTPS path was asked for .*: no real node/);
  });
});

describe('the HTTPS path configuration', () => {
  it('gives each real-node slot a loopback address of its own, like the node network', () => {
    expect([0, 1, 7].map(publicAddress)).toEqual(['127.87.0.1', '127.86.0.1', '127.80.0.1']);
  });

  it('answers every name with the public address and runs only challtestsrv’s DNS', () => {
    const args = challtestsrvArgs(ports, '127.86.0.1');
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect([flag('-dnsserver'), flag('-defaultIPv4'), flag('-defaultIPv6'), flag('-http01'), flag('-doh')]).toEqual([
      `127.0.0.1:${ports.dns}`,
      '127.86.0.1',
      '',
      '',
      '',
    ]);
  });

  it('validates on :80 and :443, where Traefik listens on the public address', () => {
    const pebble = (pebbleConfig(httpsLayout('/s'), ports) as { pebble: Record<string, unknown> }).pebble;
    expect(pebble).toMatchObject({
      httpPort: 80,
      tlsPort: 443,
      listenAddress: `127.0.0.1:${ports.acme}`,
      certificate: '/s/https/pebble.crt',
    });
    const traefik = traefikConfig(ports, '127.87.0.1') as {
      entryPoints: Record<string, { address: string }>;
      providers: Record<string, unknown>;
    };
    expect(Object.fromEntries(Object.entries(traefik.entryPoints).map(([k, v]) => [k, v.address]))).toEqual({
      web: '127.87.0.1:80',
      websecure: '127.87.0.1:443',
      traefik: `127.0.0.1:${ports.traefik}`,
    });
    expect(Object.keys(traefik.providers).sort()).toEqual(['kubernetesGateway', 'kubernetesIngressNGINX']);
  });

  it('points cert-manager’s self check at the lab DNS and its solver at the lab image', () => {
    const args = certManagerArgs('/k', ports, 'reg/lab/acmesolver:v1');
    expect(args).toEqual(
      expect.arrayContaining([
        `--acme-http01-solver-nameservers=127.0.0.1:${ports.dns}`,
        '--acme-http01-solver-image=reg/lab/acmesolver:v1',
        '--leader-elect=false',
        `--metrics-listen-address=127.0.0.1:${ports.certManagerMetrics}`,
      ]),
    );
  });

  it('makes a ClusterIssuer of the ACME CA whose solver pods run on the real node', () => {
    const objects = httpsObjects('https://127.0.0.1:1/dir', 'PEM');
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'IngressClass', 'GatewayClass', 'ClusterIssuer']);
    const issuer = objects[3] as {
      spec: { acme: { server: string; caBundle: string; solvers: Array<{ http01: { ingress: Record<string, unknown> } }> } };
    };
    expect(issuer.spec.acme.server).toBe('https://127.0.0.1:1/dir');
    expect(Buffer.from(issuer.spec.acme.caBundle, 'base64').toString()).toBe('PEM');
    expect(issuer.spec.acme.solvers[0]?.http01.ingress).toMatchObject({
      ingressClassName: 'nginx',
      podTemplate: { spec: { nodeSelector: { 'lab.todo-deploy.dev/real-node': 'true' } } },
    });
    expect(objects[1]).toMatchObject({ spec: { controller: 'k8s.io/ingress-nginx' } });
  });

  it('puts metrics-server behind the aggregator at the node IP, its certificate checked with the lab CA', () => {
    const [service, slice, api] = metricsServerObjects('10.87.0.1', 31455, 'CA');
    expect(service).toMatchObject({
      kind: 'Service',
      spec: { clusterIP: 'None', ports: [{ name: 'https', port: 443, targetPort: 31455 }] },
    });
    expect(slice).toMatchObject({
      kind: 'EndpointSlice',
      metadata: { labels: { 'kubernetes.io/service-name': 'metrics-server' } },
      endpoints: [{ addresses: ['10.87.0.1'], conditions: { ready: true } }],
      ports: [{ name: 'https', port: 31455 }],
    });
    expect(api).toMatchObject({
      kind: 'APIService',
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: { service: { name: 'metrics-server', namespace: 'kube-system', port: 443 }, caBundle: Buffer.from('CA').toString('base64') },
    });
    expect(JSON.stringify(api)).not.toContain('insecureSkipTLSVerify');
  });
});
