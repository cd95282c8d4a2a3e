// The Ingress presets (ingress.preset: nginx, traefik, none): what each renders with helm 3
// and helm 4, that a user's annotations win, that /sse gets an Ingress of its own exactly when
// it has annotations of its own, and a server-side install (helm 4) of each preset on the lab
// (with the chart's NetworkPolicies on), read back from the API server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestNamespace, deleteNamespace } from '@todo-deploy/lab';
import {
  byName,
  labHelm4,
  labHelms,
  labKubernetesVersion,
  labTool,
  mustRun,
  ofKind,
  render,
  runTool,
  setStringArgs,
  valuesPath,
  CHART_DIR,
  PIPELINE_VALUES,
  type Helm,
  type K8sObject,
} from './support/chart.js';
import { specOf, type IngressSpec } from './support/manifests.js';

const NGINX_REDIRECT = {
  'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
  'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
};
const NGINX_SSE = (seconds: string) => ({
  'nginx.ingress.kubernetes.io/proxy-read-timeout': seconds,
  'nginx.ingress.kubernetes.io/proxy-send-timeout': seconds,
  'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
});
const TRAEFIK = {
  'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
  'traefik.ingress.kubernetes.io/router.tls': 'true',
};
const ISSUER = { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' };

/** Each Ingress as name -> {annotations, class, paths "path service"}. */
function ingresses(objects: readonly K8sObject[]): Record<string, { annotations: unknown; className?: string; paths: string[] }> {
  return Object.fromEntries(
    ofKind(objects, 'Ingress').map((ingress) => {
      const spec = specOf<IngressSpec>(ingress);
      return [
        ingress.metadata.name,
        {
          annotations: ingress.metadata.annotations ?? {},
          className: spec.ingressClassName,
          paths: spec.rules.flatMap((r) => r.http.paths.map((p) => `${p.path} ${p.backend.service.name}`)),
        },
      ];
    }),
  );
}

const ALL_PATHS = ['/api todo-backend', '/sse todo-sse-gateway', '/mcp todo-mcp', '/ todo-frontend'];
const MAIN_PATHS = ['/api todo-backend', '/mcp todo-mcp', '/ todo-frontend'];

describe.each(labHelms().map((helm) => [helm.label, helm] as const))('ingress presets with %s', (_label, helm: Helm) => {
  let kubeVersion: string;
  beforeAll(async () => {
    kubeVersion = await labKubernetesVersion();
  });
  const renderWith = (...extraArgs: string[]) => render(helm, { kubeVersion, valuesFiles: ['values-staging.yaml'], extraArgs });

  it('nginx (the default): the redirect on both Ingresses, SSE timeouts and no buffering on /sse only, one certificate', async () => {
    const objects = await renderWith('--set', 'ingress.sseTimeoutSeconds=7200');
    expect(ingresses(objects)).toEqual({
      todo: { annotations: { ...ISSUER, ...NGINX_REDIRECT }, className: 'nginx', paths: MAIN_PATHS },
      'todo-sse': { annotations: { ...NGINX_REDIRECT, ...NGINX_SSE('7200') }, className: 'nginx', paths: ['/sse todo-sse-gateway'] },
    });
    const tls = ofKind(objects, 'Ingress').map((i) => specOf<IngressSpec>(i).tls);
    expect(tls).toEqual([
      [{ hosts: ['staging.todo.example.com'], secretName: 'todo-tls' }],
      [{ hosts: ['staging.todo.example.com'], secretName: 'todo-tls' }],
    ]);
    expect(byName(objects, 'Ingress', 'todo-sse').metadata.labels?.['app.kubernetes.io/component']).toBe('ingress-sse');
  });

  it("traefik: Traefik's websecure entrypoint with TLS, no ingress-nginx annotation, every path on one Ingress", async () => {
    const objects = await renderWith('--set-string', 'ingress.preset=traefik,ingress.className=traefik');
    expect(ingresses(objects)).toEqual({
      todo: { annotations: { ...ISSUER, ...TRAEFIK }, className: 'traefik', paths: ALL_PATHS },
    });
  });

  it('none: only cert-manager’s annotation and the user’s; /sse apart once the user gives it annotations', async () => {
    expect(ingresses(await renderWith('--set-string', 'ingress.preset=none,ingress.annotations.team=todo'))).toEqual({
      todo: { annotations: { ...ISSUER, team: 'todo' }, className: 'nginx', paths: ALL_PATHS },
    });
    const apart = await renderWith(
      '--set-string',
      'ingress.preset=none,ingress.annotations.team=todo',
      '--set-string',
      'ingress.sseAnnotations.example\\.com/stream=yes',
    );
    expect(ingresses(apart)).toEqual({
      todo: { annotations: { ...ISSUER, team: 'todo' }, className: 'nginx', paths: MAIN_PATHS },
      'todo-sse': { annotations: { team: 'todo', 'example.com/stream': 'yes' }, className: 'nginx', paths: ['/sse todo-sse-gateway'] },
    });
  });

  it('lets the user’s annotations override a preset’s, on both Ingresses, and sseAnnotations override on /sse only', async () => {
    const objects = await renderWith(
      '--set-string',
      'ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/ssl-redirect=false',
      '--set-string',
      'ingress.sseAnnotations.nginx\\.ingress\\.kubernetes\\.io/proxy-buffering=on',
    );
    const found = ingresses(objects);
    expect(found.todo?.annotations).toEqual({ ...ISSUER, ...NGINX_REDIRECT, 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' });
    expect(found['todo-sse']?.annotations).toEqual({
      ...NGINX_REDIRECT,
      ...NGINX_SSE('3600'),
      'nginx.ingress.kubernetes.io/ssl-redirect': 'false',
      'nginx.ingress.kubernetes.io/proxy-buffering': 'on',
    });
  });

  it.each([
    ['ingress.preset=haproxy', 'preset'],
    ['ingress.sseTimeoutSeconds=0', 'sseTimeoutSeconds'],
  ])('refuses %s, naming the value', async (set, field) => {
    const flag = set.startsWith('ingress.preset') ? '--set-string' : '--set';
    const result = await runTool([
      helm.bin,
      'template',
      'todo',
      CHART_DIR,
      '--values',
      valuesPath('values-staging.yaml'),
      ...setStringArgs(PIPELINE_VALUES),
      flag,
      set,
    ]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(`ingress`);
    expect(result.stderr).toContain(field);
  });
});

// helm 4 installs with server-side apply: the API server validates every field and stores the
// objects; what it stores is read back.
describe('a server-side install of each preset (helm 4)', () => {
  let namespace = '';
  const kubectl = (): string => labTool('LAB_KUBECTL', 'kubectl');
  beforeAll(async () => {
    namespace = await createTestNamespace('chart-presets');
  });
  afterAll(async () => {
    if (namespace) await deleteNamespace(namespace);
  });

  it.each([
    ['nginx', 'nginx', { 'pn-nginx': [...MAIN_PATHS], 'pn-nginx-sse': ['/sse todo-sse-gateway'] }],
    ['traefik', 'traefik', { 'pn-traefik': ALL_PATHS }],
    ['none', 'nginx', { 'pn-none': ALL_PATHS }],
  ] as const)('installs preset %s (class %s) and the API server stores its Ingresses as rendered', async (preset, className, expected) => {
    const release = `pn-${preset}`;
    const helm = labHelm4();
    await mustRun(
      [
        helm.bin,
        'install',
        release,
        CHART_DIR,
        '--namespace',
        namespace,
        '--values',
        valuesPath('values-staging.yaml'),
        ...setStringArgs(PIPELINE_VALUES),
        '--set-string',
        `ingress.preset=${preset},ingress.className=${className},ingress.hostPrefix=${release}`,
        '--set',
        'dapr.enabled=false,networkPolicy.enabled=true',
      ],
      { timeoutMs: 180_000 },
    );
    const live = JSON.parse(
      await mustRun([kubectl(), 'get', 'ingress', '--namespace', namespace, '-l', `app.kubernetes.io/instance=${release}`, '-o', 'json']),
    ) as { items: K8sObject[] };
    const found = ingresses(live.items);
    const paths = Object.fromEntries(
      Object.entries(found).map(([name, i]) => [name, i.paths.map((p) => p.replace('todo-', `${release}-`))]),
    );
    const want = Object.fromEntries(Object.entries(expected).map(([name, p]) => [name, p.map((x) => x.replace('todo-', `${release}-`))]));
    expect(paths).toEqual(want);
    const rendered = ingresses(
      await render(helm, {
        release,
        namespace,
        valuesFiles: ['values-staging.yaml'],
        extraArgs: [
          '--set-string',
          `ingress.preset=${preset},ingress.className=${className},ingress.hostPrefix=${release}`,
          '--set',
          'dapr.enabled=false,networkPolicy.enabled=true',
        ],
      }),
    );
    // the NetworkPolicies (networkPolicy.enabled) are accepted and stored too: the deny and one per service
    const policies = (
      await mustRun([
        kubectl(),
        'get',
        'networkpolicy',
        '--namespace',
        namespace,
        '-l',
        `app.kubernetes.io/instance=${release}`,
        '-o',
        'name',
      ])
    )
      .trim()
      .split('\n')
      .sort();
    expect(policies).toEqual(
      ['backend', 'default-deny', 'frontend', 'mcp', 'notification', 'sse-gateway'].map(
        (n) => `networkpolicy.networking.k8s.io/${release}-${n}`,
      ),
    );
    for (const [name, ingress] of Object.entries(found)) {
      expect({ name, className: ingress.className }).toEqual({ name, className });
      // stored as rendered, beside helm's own meta.helm.sh/release-* annotations
      const stored = Object.fromEntries(
        Object.entries(ingress.annotations as Record<string, string>).filter(([key]) => !key.startsWith('meta.helm.sh/')),
      );
      expect({ name, annotations: stored }).toEqual({ name, annotations: rendered[name]?.annotations });
    }
  });
});
