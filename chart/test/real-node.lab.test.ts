// The chart on the lab's real node: the kubelet pulls the demo-server images (stand-ins for the
// five services, FROM scratch) from the lab registry, runs them under the chart's security
// context, probes them, and the test process talks to each pod over HTTP on its pod IP (the
// host reaches the pod network through the lab's bridge). Staging values, pinned to the real
// node by the chart's nodeSelector and tolerations.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestNamespace, deleteNamespace, labEnv, pushDemoImage, REAL_NODE_SCHEDULING, requireRealNode } from '@todo-deploy/lab';
import { parse, stringify } from 'yaml';
import {
  CHART_DIR,
  SERVICES,
  labHelms,
  labTool,
  mustRun,
  setStringArgs,
  valuesPath,
  type Helm,
  type ServiceName,
} from './support/chart.js';
import { FAKE_APP_SECRETS, appSecretsArgs } from '@todo-deploy/testkit';

const DEPLOY_TIMEOUT_MS = 240_000;
const OWNER = `rn-chart-${randomBytes(3).toString('hex')}`;
const TAG = `sha-${randomBytes(4).toString('hex').slice(0, 7)}`;

interface ServiceValues {
  port: number;
  healthPath: string;
  secretEnv: string[];
}

interface LivePod {
  metadata: { name: string; labels: Record<string, string> };
  spec: { nodeName?: string; containers: Array<{ name: string; image: string; readinessProbe?: { httpGet?: { path?: string } } }> };
  status: { podIP?: string; phase?: string; conditions?: Array<{ type: string; status: string }> };
}

const kubectl = (): string => labTool('LAB_KUBECTL', 'kubectl');

async function getJson<T>(argv: string[]): Promise<T> {
  return JSON.parse(await mustRun([kubectl(), ...argv, '-o', 'json'])) as T;
}

/** GET over real HTTP from the test process; status, content type and body. */
async function httpGet(url: string): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

let services: Record<ServiceName, ServiceValues>;
let realNode = '';
let dir = '';
let pinValues = '';

beforeAll(async () => {
  realNode = await requireRealNode();
  const values = parse(await readFile(valuesPath('values.yaml'), 'utf8')) as { services: Record<ServiceName, ServiceValues> };
  services = values.services;
  // one image per service, listening on the port the chart gives it
  for (const service of SERVICES) {
    await pushDemoImage(`${OWNER}/hackathon-todo/${service}`, TAG, { service, version: TAG, port: services[service].port });
  }
  dir = await mkdtemp(path.join(os.tmpdir(), 'chart-real-node-'));
  pinValues = path.join(dir, 'real-node.yaml');
  // the lab registry takes no credentials: no ghcr pull secret
  await writeFile(pinValues, stringify({ ...REAL_NODE_SCHEDULING, global: { imagePullSecrets: [] } }));
}, 180_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(labHelms().map((helm) => [helm.label, helm] as const))(
  'the staging release on the real node, by %s',
  (_label, helm: Helm) => {
    let namespace = '';
    let pods: LivePod[] = [];

    beforeAll(async () => {
      namespace = await createTestNamespace(`chart-real-${helm.label.replace(' ', '')}`);
      await mustRun([kubectl(), ...appSecretsArgs(namespace)]);
      const lab = await labEnv();
      await mustRun(
        [
          helm.bin,
          'upgrade',
          '--install',
          'todo',
          CHART_DIR,
          '--namespace',
          namespace,
          '--values',
          valuesPath('values-staging.yaml'),
          '--values',
          pinValues,
          ...setStringArgs({
            'global.imageRegistry': lab.registry,
            'global.owner': OWNER,
            'global.imageTag': TAG,
            'global.domain': 'example.test',
          }),
          helm.label === 'helm 4' ? '--wait=watcher' : '--wait',
          '--timeout',
          `${DEPLOY_TIMEOUT_MS / 1000}s`,
        ],
        { timeoutMs: DEPLOY_TIMEOUT_MS + 60_000 },
      );
      pods = (await getJson<{ items: LivePod[] }>(['get', 'pods', '--namespace', namespace, '-l', 'app.kubernetes.io/instance=todo']))
        .items;
    }, DEPLOY_TIMEOUT_MS + 120_000);

    afterAll(async () => {
      if (namespace !== '') await deleteNamespace(namespace);
    });

    const podOf = (service: ServiceName): LivePod => {
      const found = pods.filter((p) => p.metadata.labels['app.kubernetes.io/component'] === service);
      expect({ service, pods: found.length }).toEqual({ service, pods: 1 });
      return found[0] as LivePod;
    };

    it('makes every Deployment Available', async () => {
      const list = await getJson<{
        items: Array<{ metadata: { name: string }; status?: { conditions?: Array<{ type: string; status: string }> } }>;
      }>(['get', 'deployments', '--namespace', namespace]);
      const available = Object.fromEntries(
        list.items.map((d) => [d.metadata.name, d.status?.conditions?.find((c) => c.type === 'Available')?.status ?? 'none']),
      );
      expect(available).toEqual(Object.fromEntries(SERVICES.map((s) => [`todo-${s}`, 'True'])));
    });

    it.each(SERVICES)('runs %s on the real node, Ready by its readiness probe on the chart’s health path', async (service) => {
      const pod = podOf(service);
      const container = pod.spec.containers[0];
      expect({
        node: pod.spec.nodeName,
        image: container?.image,
        ready: pod.status.conditions?.find((c) => c.type === 'Ready')?.status,
        probePath: container?.readinessProbe?.httpGet?.path,
      }).toEqual({
        node: realNode,
        image: `${(await labEnv()).registry}/${OWNER}/hackathon-todo/${service}:${TAG}`,
        ready: 'True',
        probePath: services[service].healthPath,
      });
      // the kubelet's probes reached the demo-server on that path and were answered 200 (counted
      // before this test asked for anything but /metrics)
      const metrics = await httpGet(`http://${pod.status.podIP}:${services[service].port}/metrics`);
      const probed = new RegExp(
        `^http_requests_total\\{service="${service}",path="${services[service].healthPath}",status="200"\\} ([1-9]\\d*)$`,
        'm',
      );
      expect(metrics.body).toMatch(probed);
    });

    it.each(SERVICES)('has %s answer its health path on its pod IP over HTTP', async (service) => {
      const { port, healthPath } = services[service];
      const answer = await httpGet(`http://${podOf(service).status.podIP}:${port}${healthPath}`);
      expect(answer.status).toBe(200);
      if (healthPath === '/') {
        // the frontend's health path is its page
        expect(answer.type).toBe('text/html; charset=utf-8');
        expect(answer.body).toContain(`<title>Todo ${service}</title>`);
      } else {
        expect(answer.type).toBe('application/json');
        expect(JSON.parse(answer.body)).toEqual({ status: 'ok', service, version: TAG });
      }
    });

    // least privilege, seen from inside each running container: the demo-server lists the
    // names of its environment (never a value) at /env
    it.each(SERVICES)('gives %s exactly the app-secrets keys of its secretEnv, never a Kafka credential', async (service) => {
      const answer = await httpGet(`http://${podOf(service).status.podIP}:${services[service].port}/env`);
      expect(answer.status).toBe(200);
      const names = JSON.parse(answer.body) as string[];
      expect(names).toEqual(expect.arrayContaining(['DEMO_SERVICE', 'PORT']));
      const secretKeys = names.filter((name) => name in FAKE_APP_SECRETS);
      expect(secretKeys.sort()).toEqual([...services[service].secretEnv].sort());
      expect(names.filter((name) => name.startsWith('KAFKA_'))).toEqual([]);
    });

    it('serves the frontend page and the backend metrics', async () => {
      const page = await httpGet(`http://${podOf('frontend').status.podIP}:${services.frontend.port}/`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<title>Todo frontend</title>');
      const metrics = await httpGet(`http://${podOf('backend').status.podIP}:${services.backend.port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.type).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(metrics.body).toMatch(/^# TYPE http_requests_total counter$/m);
      expect(metrics.body).toMatch(/^http_requests_total\{service="backend",path="\/api\/health",status="200"\} \d+$/m);
    });
  },
);
