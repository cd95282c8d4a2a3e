// A Todo release on the lab's real node, as the HTTPS, Gateway and HPA tests need it: the
// demo-server images of the five services pushed under a fresh owner and tag, app-secrets, and
// `helm upgrade --install` (helm 4, --wait=watcher) with a values file of the environment plus
// the lab's: the real node's nodeSelector and tolerations, no pull secret (the lab registry
// takes none), CPU requests cut to 10m (the node has 2 CPUs) unless `cpu` says otherwise.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { labEnv, pushDemoImage, REAL_NODE_SCHEDULING } from '@todo-deploy/lab';
import { appSecretsArgs } from '@todo-deploy/testkit';
import { parse, stringify } from 'yaml';
import { CHART_DIR, SERVICES, mustRun, setStringArgs, valuesPath, type ServiceName } from './chart.js';

export interface RealNodeRelease {
  namespace: string;
  owner: string;
  tag: string;
}

export interface RealNodeReleaseOptions {
  namespace: string;
  /** values-staging.yaml or values-production.yaml. */
  environment: string;
  domain: string;
  /** More values, merged over the lab's (ingress, gateway, autoscaling...). */
  values?: Record<string, unknown>;
  /** --set-string values besides the pipeline's. */
  setString?: Record<string, string>;
  /** CPU requests per service (default 10m each). */
  cpu?: Partial<Record<ServiceName, string>>;
}

export async function installOnRealNode(o: RealNodeReleaseOptions): Promise<RealNodeRelease> {
  const lab = await labEnv();
  const owner = `rn-${randomBytes(3).toString('hex')}`;
  const tag = `sha-${randomBytes(4).toString('hex').slice(0, 7)}`;
  const defaults = parse(await readFile(valuesPath('values.yaml'), 'utf8')) as { services: Record<ServiceName, { port: number }> };
  for (const service of SERVICES) {
    await pushDemoImage(`${owner}/hackathon-todo/${service}`, tag, { service, version: tag, port: defaults.services[service].port });
  }
  const services = Object.fromEntries(SERVICES.map((s) => [s, { resources: { requests: { cpu: o.cpu?.[s] ?? '10m' } } }]));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chart-real-node-release-'));
  try {
    const labValues = path.join(dir, 'lab.yaml');
    await writeFile(labValues, stringify({ ...REAL_NODE_SCHEDULING, global: { imagePullSecrets: [] }, services, ...o.values }));
    await mustRun([lab.kubectl, ...appSecretsArgs(o.namespace)], { env: lab.env });
    await mustRun(
      [
        lab.helm4,
        'upgrade',
        '--install',
        'todo',
        CHART_DIR,
        '--namespace',
        o.namespace,
        '--values',
        valuesPath(o.environment),
        '--values',
        labValues,
        ...setStringArgs({
          'global.imageRegistry': lab.registry,
          'global.owner': owner,
          'global.imageTag': tag,
          'global.domain': o.domain,
          ...o.setString,
        }),
        '--wait=watcher',
        '--timeout',
        '240s',
      ],
      { env: lab.env, timeoutMs: 300_000 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { namespace: o.namespace, owner, tag };
}
