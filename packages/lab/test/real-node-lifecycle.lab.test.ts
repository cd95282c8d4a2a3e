// A second lab with a real node of its own (the next free slot: another bridge, subnet and
// cgroup), so the shared lab of the test run is never touched: `down` after `up`, after a killed
// `up` and after a crash of the node leaves the host as it was.
import { spawn } from 'node:child_process';
import { existsSync, readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { runChecked, runProcess } from '@todo-deploy/process';
import { repoRoot } from '@todo-deploy/harness';
import { down, up } from '../src/index.js';
import { nodeNet } from '../src/node/config.js';
import { childrenOf, freeNodeNet, processesInPidNamespace } from '../src/node/host.js';
import { labHealth } from '../src/up/health.js';
import { isAlive } from '../src/up/processes.js';
import { readState, type LabState } from '../src/up/state.js';
import { toolPaths } from '../src/tools.js';
import { hostTrace, processesMentioning, type HostTrace } from './host-trace.js';
import { eventually } from './support.js';

const BASE = 30460;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pid namespace of the node: the one its unshare's child (pid 1 inside) lives in. */
function nodeNamespace(state: LabState): string {
  const unshare = state.processes.find((p) => p.name === 'real-node');
  if (!unshare) throw new Error('no real-node process in the state');
  const init = childrenOf(unshare.pid)[0];
  if (init === undefined) throw new Error(`the real node's unshare (pid ${unshare.pid}) has no child`);
  return readlinkSync(`/proc/${init}/ns/pid`);
}

async function kubectlOf(state: LabState, args: string[]) {
  return runChecked([toolPaths().kubectl, `--kubeconfig=${state.kubeconfig}`, ...args]);
}

describe('the real node of a second lab', () => {
  let dir = '';
  let stateDir = '';
  const saved = { base: process.env.TODO_DEPLOY_LAB_PORT_BASE };
  let before: HostTrace | undefined;
  let bridge = '';
  let cgroupRoot = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-real-node-'));
    stateDir = join(dir, 'lab');
    process.env.TODO_DEPLOY_LAB_PORT_BASE = String(BASE);
    // the slot `up` will take (the shared lab's real node holds another), and the host before it
    const net = await freeNodeNet();
    bridge = net.bridge;
    cgroupRoot = net.cgroupRoot;
    before = await hostTrace(bridge, cgroupRoot);
  });
  // each test starts from no lab, also when the one before failed before its own `down`
  beforeEach(async () => {
    await down({ stateDir });
  });
  afterAll(async () => {
    await down({ stateDir }).catch(() => undefined);
    if (saved.base === undefined) delete process.env.TODO_DEPLOY_LAB_PORT_BASE;
    else process.env.TODO_DEPLOY_LAB_PORT_BASE = saved.base;
    await rm(dir, { recursive: true, force: true });
  });

  /** After down: the host as before, no process of the lab or of the node's namespace. */
  async function expectNoTrace(nsLink: string | undefined): Promise<void> {
    expect(existsSync(stateDir)).toBe(false);
    expect(processesMentioning(stateDir)).toEqual([]);
    if (nsLink) expect(processesInPidNamespace(nsLink)).toEqual([]);
    expect(await hostTrace(bridge, cgroupRoot)).toEqual(before);
  }

  it('runs pods for real, shows in status and env, and down leaves no trace', async () => {
    const { state } = await up({ stateDir, realNode: 'on', https: 'on' });
    expect(state.realNode).toBeDefined();
    const net = nodeNet(state.realNode!.slot);
    expect(net.bridge).toBe(bridge);
    expect(state.realNode!.bridge).toBe(bridge);
    // the HTTPS path of this lab runs on its own slot's public address, after the node
    const names = state.processes.map((p) => p.name);
    expect(names.slice(names.indexOf('real-node'))).toEqual([
      'real-node',
      'pebble-challtestsrv',
      'pebble',
      'traefik',
      'cert-manager-controller',
      'metrics-server',
    ]);
    expect(state.https?.address).toBe(`127.${87 - net.slot}.0.1`);

    const during = await hostTrace(bridge, cgroupRoot);
    expect(during.links).toContain(bridge);
    expect(during.cgroups.length).toBeGreaterThan(0);
    // the kubelet's sysctls, its fixed paths and containerd's mounts stay inside the node's namespaces
    expect(during.sysctls).toEqual(before!.sysctls);
    expect(during.paths).toEqual(before!.paths);
    expect(during.mounts).toEqual(before!.mounts);

    const node = await kubectlOf(state, ['get', 'node', state.realNode!.name, '-o', 'json']);
    const nodeJson = JSON.parse(node.stdout) as {
      metadata: { labels: Record<string, string> };
      spec: { taints?: { key: string; effect: string }[] };
      status: { addresses: { type: string; address: string }[]; nodeInfo: { kubeletVersion: string; containerRuntimeVersion: string } };
    };
    expect(nodeJson.metadata.labels['lab.todo-deploy.dev/real-node']).toBe('true');
    expect(nodeJson.spec.taints).toContainEqual(expect.objectContaining({ key: 'lab.todo-deploy.dev/real-node', effect: 'NoSchedule' }));
    expect(nodeJson.status.addresses).toContainEqual({ type: 'InternalIP', address: net.ip });
    expect(nodeJson.status.nodeInfo.kubeletVersion).toBe(state.versions.kubernetes);
    expect(nodeJson.status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\/1\.6\./);

    // a pod of the lab's pause image runs on it, gets an address on the bridge, and kubectl logs reaches the kubelet
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'sleeper', namespace: 'default' },
      spec: {
        nodeSelector: { 'lab.todo-deploy.dev/real-node': 'true' },
        tolerations: [{ key: 'lab.todo-deploy.dev/real-node', operator: 'Exists' }],
        containers: [{ name: 'pause', image: `${state.registry}/lab/pause:1` }],
      },
    };
    await runChecked([toolPaths().kubectl, `--kubeconfig=${state.kubeconfig}`, 'apply', '-f', '-'], { input: JSON.stringify(pod) });
    await kubectlOf(state, ['wait', '--for=condition=Ready', 'pod/sleeper', '--timeout=60s']);
    const ip = (await kubectlOf(state, ['get', 'pod', 'sleeper', '-o', 'jsonpath={.status.podIP}'])).stdout;
    expect(ip.startsWith(net.ip.replace(/\.0\.1$/, '.'))).toBe(true);
    const logs = await runProcess([toolPaths().kubectl, `--kubeconfig=${state.kubeconfig}`, 'logs', 'sleeper']);
    expect(logs.exitCode).toBe(0);

    const status = await runProcess(['npx', 'tsx', join(repoRoot(), 'packages/lab/src/cli.ts'), 'status'], {
      env: { ...process.env, TODO_DEPLOY_LAB_DIR: stateDir },
    });
    expect(status.stdout).toContain(`real node:  ${state.realNode!.name} (${net.ip}, bridge ${bridge})`);
    const env = await runProcess(['npx', 'tsx', join(repoRoot(), 'packages/lab/src/cli.ts'), 'env'], {
      env: { ...process.env, TODO_DEPLOY_LAB_DIR: stateDir },
    });
    expect(env.stdout).toContain(`LAB_REAL_NODE=${state.realNode!.name}`);
    expect(env.stdout).toContain(`LAB_HTTPS_ADDRESS=${state.https!.address}`);
    expect(status.stdout).toContain(`https:      ${state.https!.address}:80/:443 (*.lab), ClusterIssuer lab-acme`);

    const ns = nodeNamespace(state);
    expect(processesInPidNamespace(ns).length).toBeGreaterThanOrEqual(4); // sh, containerd, kubelet, a shim, pause
    await down({ stateDir });
    await expectNoTrace(ns);
  }, 240_000);

  it('down after a killed `up` removes what that `up` had done', async () => {
    const cli = spawn('npx', ['tsx', join(repoRoot(), 'packages/lab/src/cli.ts'), 'up', '--real-node'], {
      env: { ...process.env, TODO_DEPLOY_LAB_DIR: stateDir, TODO_DEPLOY_LAB_PORT_BASE: String(BASE) },
      stdio: 'ignore',
      detached: true,
    });
    // kill it as soon as the real node's namespace is started, before `up` saw the node Ready
    const state = await eventually(
      'the killed up to start the real node',
      async () => {
        const s = await readState(stateDir).catch(() => undefined);
        return s?.processes.some((p) => p.name === 'real-node') ? s : undefined;
      },
      120_000,
    );
    // unshare forks its child (pid 1 of the namespace) a moment after it starts
    const ns = await eventually('the node namespace to exist', async () => {
      try {
        return nodeNamespace(state);
      } catch {
        return undefined;
      }
    });
    process.kill(-cli.pid!, 'SIGKILL');
    await sleep(200);
    const after = (await readState(stateDir))!;
    expect(after.readyAt).toBeUndefined();
    expect(isAlive(after.processes.find((p) => p.name === 'real-node')!)).toBe(true);
    await down({ stateDir });
    await expectNoTrace(ns);
  }, 240_000);

  it('a crashed node makes the lab unhealthy; up cleans it up and starts again; down leaves no trace', async () => {
    const first = await up({ stateDir, realNode: 'on' });
    const unshare = first.state.processes.find((p) => p.name === 'real-node')!;
    const ns = nodeNamespace(first.state);
    process.kill(unshare.pid, 'SIGKILL');
    await eventually('the node namespace to die', async () => (processesInPidNamespace(ns).length === 0 ? true : undefined), 30_000);
    const health = await labHealth((await readState(stateDir))!);
    expect(health.healthy).toBe(false);
    expect(health.problems).toContain(`real-node (pid ${unshare.pid}) is not running`);

    const second = await up({ stateDir, realNode: 'on' });
    expect(second.started).toBe(true);
    expect(second.state.realNode?.bridge).toBe(bridge);
    const ns2 = nodeNamespace(second.state);
    await down({ stateDir });
    await expectNoTrace(ns2);
  }, 240_000);
});
