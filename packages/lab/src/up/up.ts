import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { runChecked } from '@todo-deploy/process';
import { isComplete } from '../install/marker.js';
import { formatDuration, info, step } from '../log.js';
import { assertSafeStateDir, stateDir as defaultStateDir, toolDir } from '../paths.js';
import { toolPaths, type ToolPaths } from '../tools.js';
import { versions } from '../versions.js';
import { REAL_NODE_NAME } from '../node/config.js';
import { decideRealNode, startRealNode, type RealNodeMode } from '../node/real-node.js';
import { decideHttps, httpsFacts, type HttpsMode } from '../https/decide.js';
import { startHttps } from '../https/start.js';
import { startMetricsServer } from '../https/metrics-server.js';
import * as A from './args.js';
import { createPki } from './certs.js';
import { stopAndRemove } from './down.js';
import { lockFileFor, withLock } from './lock.js';
import { labHealth } from './health.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { labLayout, logDir } from './layout.js';
import { nodeManifests } from './nodes.js';
import { assertPortsFree, labPorts } from './ports.js';
import { isAlive, logTail, startProcess } from './processes.js';
import { probe, waitUntil } from './probes.js';
import { readState, writeState, type LabState, type ProcessRecord } from './state.js';

export const kwokStagesFile = fileURLToPath(new URL('../../kwok/stages.yaml', import.meta.url));

function assertInstalled(): void {
  const v = versions();
  const missing: string[] = [];
  if (!isComplete(toolDir('kubernetes', v.kubernetes.version))) missing.push(`kubernetes ${v.kubernetes.version}`);
  if (!isComplete(toolDir('etcd', v.etcd.version))) missing.push(`etcd ${v.etcd.version}`);
  for (const t of v.goTools) if (!t.optional && !isComplete(toolDir(t.name, t.version))) missing.push(`${t.name} ${t.version}`);
  for (const c of v.crds) if (!isComplete(toolDir(`crds-${c.name}`, c.version))) missing.push(`CRDs of ${c.name}`);
  if (missing.length) throw new Error(`the lab is not installed (${missing.join(', ')}): run \`npm run lab -- install\` first`);
}

function versionSummary(): Record<string, string> {
  const v = versions();
  const out: Record<string, string> = { kubernetes: v.kubernetes.version, etcd: v.etcd.version };
  for (const t of v.goTools) out[t.name] = isComplete(toolDir(t.name, t.version)) ? t.version : `${t.version} (not installed)`;
  for (const p of v.python) out[p.name] = p.version;
  for (const a of v.apt) out[a.name] = a.version;
  for (const c of v.crds) out[`crds/${c.name}`] = c.version;
  return out;
}

export interface UpResult {
  state: LabState;
  /** False when a healthy lab was already running and was reused. */
  started: boolean;
}

export interface UpOptions {
  startedBy?: 'cli' | 'jest';
  realNode?: RealNodeMode;
  https?: HttpsMode;
}

/** Starts the lab, or reuses a healthy one. Safe to run twice. */
export async function up(options: UpOptions & { stateDir?: string } = {}): Promise<UpResult> {
  const dir = options.stateDir ?? defaultStateDir();
  assertSafeStateDir(dir);
  return withLock(lockFileFor(dir), () => upLocked(dir, options));
}

/** What a running lab lacks or has against what was asked for ('' when it fits). */
function mismatch(existing: LabState, realNode: RealNodeMode, https: HttpsMode): string {
  if (realNode === 'on' && !existing.realNode) return 'has no real node';
  if (realNode === 'off' && existing.realNode) return 'has a real node';
  if (https === 'on' && !existing.https) return 'has no HTTPS path';
  if (https === 'off' && existing.https) return 'has the HTTPS path';
  return '';
}

/** The work of `up`, for callers that already hold the lock. */
export async function upLocked(dir: string, options: UpOptions = {}): Promise<UpResult> {
  assertSafeStateDir(dir);
  const startedBy = options.startedBy ?? 'cli';
  const realNode = options.realNode ?? 'auto';
  const httpsWanted = options.https ?? 'auto';
  const existing = await readState(dir);
  if (existing) {
    const health = await labHealth(existing);
    const differs = mismatch(existing, realNode, httpsWanted);
    if (health.healthy && !differs) {
      info(`the lab is already up (${existing.server}, registry ${existing.registry}); nothing to do`);
      return { state: existing, started: false };
    }
    info(
      health.healthy
        ? `the running lab ${differs}: restarting it as asked`
        : `a previous lab in ${dir} is not healthy (${health.problems.join('; ')}): cleaning it up first`,
    );
    await stopAndRemove(dir);
  }
  assertInstalled();
  const start = Date.now();
  const ports = labPorts();
  await assertPortsFree(ports);
  const tools = toolPaths();
  const node = decideRealNode(realNode, tools);
  const https = decideHttps(httpsWanted, httpsFacts(node.start, tools));
  const layout = labLayout(dir, ports);
  await rm(dir, { recursive: true, force: true });
  await mkdir(logDir(dir), { recursive: true });

  const state: LabState = {
    stateDir: dir,
    kubeconfig: layout.kubeconfig,
    ports,
    registry: `${A.LOOPBACK}:${ports.registry}`,
    server: `https://${A.LOOPBACK}:${ports.apiserver}`,
    startedAt: new Date().toISOString(),
    startedBy,
    processes: [],
    versions: versionSummary(),
    ...(node.start ? {} : { realNodeSkipped: node.why }),
    ...(https.start ? {} : { httpsSkipped: https.why }),
  };
  await writeState(state);
  try {
    await startAll(state, layout, tools, node.start, https.start);
  } catch (error) {
    info('`up` failed; the processes it started keep running for inspection until `npm run lab -- down`');
    info(`logs: ${logDir(dir)}`);
    throw error;
  }
  state.readyAt = new Date().toISOString();
  await writeState(state);
  info(`the lab is up in ${formatDuration(Date.now() - start)}: ${state.server}, registry ${state.registry}`);
  info(`use it with: eval "$(npm run -s lab -- env)"`);
  return { state, started: true };
}

async function startAll(state: LabState, layout: A.LabLayout, tools: ToolPaths, realNode: boolean, https: boolean): Promise<void> {
  const { ports, pki } = layout;
  const logs = logDir(state.stateDir);
  const launch = async (name: string, bin: string, args: string[], extra: Partial<ProcessRecord> = {}, env?: NodeJS.ProcessEnv) => {
    const rec = { ...startProcess(name, bin, args, join(logs, `${name}.log`), env), ...extra };
    state.processes.push(rec);
    await writeState(state);
    return rec;
  };
  const dead = () => {
    for (const p of state.processes)
      if (!isAlive(p)) throw new Error(`${p.name} (pid ${p.pid}) exited; the end of ${p.log}:\n${logTail(p)}`);
  };
  const kubectl = (args: string[], input?: string) =>
    runChecked([tools.kubectl, `--kubeconfig=${layout.kubeconfig}`, ...args], input === undefined ? {} : { input });

  await step('certificates and keys (openssl)', async () => {
    await createPki(state.stateDir);
    await writeFile(layout.kubeconfig, kubeconfigYaml(state.server, pki), { mode: 0o600 });
    await copyFile(kwokStagesFile, layout.kwokConfig);
    await writeFile(layout.registryConfig, stringify(A.registryConfig(join(state.stateDir, 'registry'), ports.registry)));
  });
  await step(`etcd on 127.0.0.1:${ports.etcdClient}`, async () => {
    await launch('etcd', tools.etcd, A.etcdArgs(layout));
    await waitUntil('etcd /health', async () => (await probe(`http://127.0.0.1:${ports.etcdClient}/health`)) === 200, 30_000, dead);
  });
  await step(`kube-apiserver on ${state.server}`, async () => {
    await launch('kube-apiserver', tools.kubeApiserver, A.apiserverArgs(layout));
    await waitUntil('kube-apiserver /readyz', async () => (await probe(`${state.server}/readyz`, pki)) === 200, 90_000, dead);
  });
  await step('controller manager, scheduler, kwok, registry', async () => {
    await launch('kube-controller-manager', tools.kubeControllerManager, A.controllerManagerArgs(layout));
    await launch('kube-scheduler', tools.kubeScheduler, A.schedulerArgs(layout));
    await launch('kwok', tools.kwok, A.kwokArgs(layout));
    await launch('docker-registry', tools.registry, A.registryArgs(layout));
    await waitUntil(
      `registry http://${state.registry}/v2/`,
      async () => (await probe(`http://${state.registry}/v2/`)) === 200,
      30_000,
      dead,
    );
    await waitUntil('kwok /healthz', async () => (await probe(`http://127.0.0.1:${ports.kwok}/healthz`)) === 200, 30_000, dead);
  });
  await step('fake nodes Ready', async () => {
    const nodes = join(state.stateDir, 'nodes.yaml');
    await writeFile(
      nodes,
      nodeManifests()
        .map((n) => stringify(n))
        .join('---\n'),
    );
    await kubectl(['apply', '-f', nodes]);
    await kubectl(['wait', '--for=condition=Ready', 'node', '--all', '--timeout=60s']);
  });
  await step(
    `CRDs (${versions()
      .crds.map((c) => c.name)
      .join(', ')})`,
    async () => {
      await kubectl(['apply', '--server-side', '--force-conflicts', ...tools.crds.flatMap((f) => ['-f', f])]);
      await kubectl(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=60s']);
    },
  );
  await step('controllers working (default service account)', async () => {
    await waitUntil(
      'the default ServiceAccount in namespace default',
      async () => (await kubectl(['get', 'serviceaccount', 'default', '-n', 'default', '-o', 'name']).catch(() => undefined)) !== undefined,
      60_000,
      dead,
    );
  });
  if (!realNode) {
    info(`no real node: ${state.realNodeSkipped ?? ''}`);
    return;
  }
  await step(`real node ${REAL_NODE_NAME} (kubelet, containerd, runc, CNI bridge)`, async () => {
    await startRealNode({ state, tools, launch, save: () => writeState(state) });
    await waitUntil(
      'the kubelet /healthz',
      async () => (await probe(`http://127.0.0.1:${ports.kubeletHealthz}/healthz`)) === 200,
      60_000,
      dead,
    );
    // the kubelet answers /healthz before it has registered the Node
    const readyCondition = `jsonpath={.status.conditions[?(@.type=="Ready")].status}`;
    await waitUntil(
      `node ${REAL_NODE_NAME} Ready`,
      async () => (await kubectl(['get', 'node', REAL_NODE_NAME, '-o', readyCondition]).catch(() => undefined))?.stdout === 'True',
      60_000,
      dead,
    );
  });
  if (!https) {
    info(`no HTTPS path: ${state.httpsSkipped ?? ''}`);
    return;
  }
  const ctx = { state, tools, pki, kubeconfig: layout.kubeconfig, launch, kubectl, dead, save: () => writeState(state) };
  await step('HTTPS path (challtestsrv DNS, Pebble ACME CA, Traefik, cert-manager, ClusterIssuer)', () => startHttps(ctx));
  await step('metrics-server (the aggregated metrics API, for HorizontalPodAutoscalers)', () => startMetricsServer(ctx));
}
