// Server-side validation: the chart installed into the lab (a real API server with the
// cert-manager, prometheus-operator and Dapr CRDs, kwok nodes) with the staging values and
// with the production values, each in a namespace of its own.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestNamespace, deleteNamespace } from '@todo-deploy/lab';
import {
  CHART_DIR,
  PIPELINE_VALUES,
  SERVICES,
  labHelms,
  labTool,
  mustRun,
  parseManifests,
  setStringArgs,
  type Helm,
  type K8sObject,
} from './support/chart.js';
import { isSubset, specOf, type DeploymentSpec, type HpaSpec } from './support/manifests.js';
import { appSecretsArgs } from '@todo-deploy/testkit';

const DEPLOY_TIMEOUT_MS = 240_000;

// Kinds whose rendered fields the API server keeps as they are; the others are checked by
// existence and status (it normalizes quantities such as 1000m to 1 in Deployments).
const COMPARED_KINDS = new Set([
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
  'ServiceMonitor',
  'PrometheusRule',
  'Component',
  'Configuration',
]);

const kubectl = (): string => labTool('LAB_KUBECTL', 'kubectl');

interface DeploymentStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  conditions?: Array<{ type: string; status: string; reason?: string; message?: string }>;
}

interface Environment {
  name: 'staging' | 'production';
  helm: Helm;
  valuesFile: string;
  /** Deployments and the replicas each must reach (the HPA minimum in production). */
  replicas: Record<string, number>;
  counts: Record<string, number>;
}

const ENVIRONMENTS: Array<Omit<Environment, 'helm'>> = [
  {
    name: 'staging',
    valuesFile: 'values-staging.yaml',
    replicas: { frontend: 1, backend: 1, mcp: 1, notification: 1, 'sse-gateway': 1 },
    counts: {
      Deployment: 5,
      Service: 5,
      HorizontalPodAutoscaler: 0,
      PodDisruptionBudget: 0,
      ServiceMonitor: 0,
      PrometheusRule: 0,
      Ingress: 2,
      Component: 1,
      Configuration: 1,
    },
  },
  {
    name: 'production',
    valuesFile: 'values-production.yaml',
    replicas: { frontend: 2, backend: 2, mcp: 1, notification: 1, 'sse-gateway': 2 },
    counts: {
      Deployment: 5,
      Service: 5,
      HorizontalPodAutoscaler: 5,
      PodDisruptionBudget: 3,
      ServiceMonitor: 3,
      PrometheusRule: 1,
      Ingress: 2,
      Component: 1,
      Configuration: 1,
    },
  },
];

function helmInstallArgv(env: Environment, namespace: string): string[] {
  const wait = env.helm.label === 'helm 4' ? ['--wait=watcher'] : ['--wait'];
  return [
    env.helm.bin,
    'upgrade',
    '--install',
    'todo',
    CHART_DIR,
    '--namespace',
    namespace,
    '--values',
    path.join(CHART_DIR, env.valuesFile),
    ...setStringArgs(PIPELINE_VALUES),
    ...wait,
    '--timeout',
    `${DEPLOY_TIMEOUT_MS / 1000}s`,
  ];
}

/** Each Deployment as "Available=<status> ready=<n>", by name in sorted order. */
async function deploymentStates(namespace: string): Promise<Record<string, string>> {
  const list = JSON.parse(await mustRun([kubectl(), 'get', 'deployments', '--namespace', namespace, '-o', 'json'])) as {
    items: Array<{ metadata: { name: string }; status?: DeploymentStatus }>;
  };
  const states = list.items.map((d): [string, string] => {
    const available = d.status?.conditions?.find((c) => c.type === 'Available');
    return [d.metadata.name, `Available=${available?.status ?? 'none'} ready=${d.status?.readyReplicas ?? 0}`];
  });
  return Object.fromEntries(states.sort(([a], [b]) => a.localeCompare(b)));
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

// Each environment with helm 3 and with helm 4 (which installs with server-side apply).
const INSTALLS: Environment[] = ENVIRONMENTS.flatMap((env) => labHelms().map((helm) => ({ ...env, helm })));

describe.each(INSTALLS.map((env) => [env.name, env.helm.label, env] as const))(
  'installed into the lab with the %s values by %s',
  (_name, _label, env: Environment) => {
    let namespace = '';
    let dir: string;
    let manifest: K8sObject[];
    let installError: Error | undefined;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), `chart-${env.name}-`));
      namespace = await createTestNamespace(`chart-${env.name}-helm${env.helm.label.slice(-1)}`);
      await mustRun([kubectl(), ...appSecretsArgs(namespace)]);
      try {
        await mustRun(helmInstallArgv(env, namespace), { timeoutMs: DEPLOY_TIMEOUT_MS + 60_000 });
      } catch (error) {
        installError = error as Error;
      }
      manifest = parseManifests(await mustRun([env.helm.bin, 'get', 'manifest', 'todo', '--namespace', namespace]));
    }, DEPLOY_TIMEOUT_MS + 120_000);

    afterAll(async () => {
      // Deleting the namespace removes the release with it (helm keeps it in Secrets there).
      if (namespace !== '') await deleteNamespace(namespace);
      await rm(dir, { recursive: true, force: true });
    });

    it('installs and waits without an error', () => {
      expect(installError?.message).toBeUndefined();
    });

    it(
      'makes every Deployment Available with the replicas it should run',
      async () => {
        const want = Object.fromEntries([...SERVICES].sort().map((s) => [`todo-${s}`, `Available=True ready=${env.replicas[s] ?? 0}`]));
        const deadline = Date.now() + DEPLOY_TIMEOUT_MS;
        let states = await deploymentStates(namespace);
        while (JSON.stringify(states) !== JSON.stringify(want) && Date.now() < deadline) {
          await sleep(2000);
          states = await deploymentStates(namespace);
        }
        expect(states).toEqual(want);
      },
      DEPLOY_TIMEOUT_MS + 30_000,
    );

    it('creates the objects the chart renders for this environment', () => {
      const counts = Object.fromEntries(Object.keys(env.counts).map((kind) => [kind, manifest.filter((o) => o.kind === kind).length]));
      expect(counts).toEqual(env.counts);
      for (const object of manifest) expect(object.metadata.namespace).toBe(namespace);
    });

    it('stores every object as rendered: custom resources unpruned, HPAs, PDBs and the Ingress unchanged', async () => {
      const file = path.join(dir, 'manifest.yaml');
      await writeFile(file, manifest.map((o) => JSON.stringify(o)).join('\n---\n'));
      const live = JSON.parse(await mustRun([kubectl(), 'get', '--filename', file, '--output', 'json'])) as {
        items?: K8sObject[];
      } & K8sObject;
      const items = live.items ?? [live];
      expect(items.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(manifest.map((o) => `${o.kind}/${o.metadata.name}`));
      manifest.forEach((rendered, i) => {
        const stored = items[i] as K8sObject;
        expect(isSubset(rendered.metadata.labels ?? {}, stored.metadata.labels)).toBe(true);
        if (!COMPARED_KINDS.has(rendered.kind)) return;
        const { metadata: _m, ...renderedBody } = rendered;
        const { metadata: _s, ...storedBody } = stored;
        expect({
          object: `${rendered.kind}/${rendered.metadata.name}`,
          asRendered: isSubset(renderedBody, storedBody),
        }).toEqual({
          object: `${rendered.kind}/${rendered.metadata.name}`,
          asRendered: true,
        });
      });
    });

    it('prints NOTES that say what was deployed and where', async () => {
      const notes = await mustRun([env.helm.bin, 'get', 'notes', 'todo', '--namespace', namespace]);
      const host = env.name === 'staging' ? 'staging.todo.example.com' : 'todo.example.com';
      expect(notes).toContain(`release todo in namespace ${namespace}`);
      expect(notes).toContain(`https://${host}`);
      for (const service of SERVICES) {
        expect(notes).toContain(`ghcr.io/acme-labs/hackathon-todo/${service}:sha-0123abc`);
        expect(notes).toContain(`http://todo-${service}.${namespace}.svc:`);
      }
    });

    if (env.name === 'production') {
      it('installs each Deployment at its HPA minimum, where the HPA holds it', async () => {
        for (const service of SERVICES) {
          const hpa = manifest.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === `todo-${service}`) as K8sObject;
          const deployment = manifest.find((o) => o.kind === 'Deployment' && o.metadata.name === `todo-${service}`) as K8sObject;
          expect(specOf<DeploymentSpec>(deployment).replicas).toBe(specOf<HpaSpec>(hpa).minReplicas);
          const live = JSON.parse(
            await mustRun([kubectl(), 'get', 'deployment', `todo-${service}`, '--namespace', namespace, '-o', 'json']),
          ) as { spec: { replicas: number } };
          expect({ service, replicas: live.spec.replicas }).toEqual({
            service,
            replicas: specOf<HpaSpec>(hpa).minReplicas,
          });
        }
      });

      // runs after the checks above: it changes the release
      it(
        'keeps the count the HPA set on an upgrade (helm never resets it to the minimum or to one)',
        async () => {
          // as the HPA would scale it (within min 2 and max 6, so the HPA leaves it there)
          await mustRun([kubectl(), 'scale', 'deployment', 'todo-backend', '--replicas=4', '--namespace', namespace]);
          await mustRun(helmInstallArgv(env, namespace), { timeoutMs: DEPLOY_TIMEOUT_MS + 60_000 });
          const live = JSON.parse(
            await mustRun([kubectl(), 'get', 'deployment', 'todo-backend', '--namespace', namespace, '-o', 'json']),
          ) as { spec: { replicas: number }; metadata: { generation: number } };
          expect(live.spec.replicas).toBe(4);
          const upgraded = parseManifests(await mustRun([env.helm.bin, 'get', 'manifest', 'todo', '--namespace', namespace]));
          const backend = upgraded.find((o) => o.kind === 'Deployment' && o.metadata.name === 'todo-backend') as K8sObject;
          expect(specOf<DeploymentSpec>(backend).replicas).toBe(4);
        },
        DEPLOY_TIMEOUT_MS + 120_000,
      );
    }
  },
);
