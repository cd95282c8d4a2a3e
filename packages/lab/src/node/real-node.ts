/** Starts the real node (containerd + kubelet in their own pid and mount namespaces) and undoes everything it did. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { info } from '../log.js';
import { featureMode, type FeatureMode } from '../mode.js';
import { createNodePki, pkiPaths } from '../up/certs.js';
import { clientKubeconfigYaml } from '../up/kubeconfig.js';
import { buildahDirs } from '../up/layout.js';
import type { LabState, ProcessRecord } from '../up/state.js';
import type { ToolPaths } from '../tools.js';
import * as C from './config.js';
import {
  cgroupRootDirs,
  createBridge,
  createCgroupRoot,
  freeNodeNet,
  pidNamespaceOfChild,
  processesInPidNamespace,
  realNodeBlockers,
  removeBridge,
  removeCgroupRoot,
} from './host.js';
import { pushScratchImage } from './images.js';

export type RealNodeMode = FeatureMode;

/** --real-node / --no-real-node, else TODO_DEPLOY_REAL_NODE (1/0/auto), else auto (pure). */
export function realNodeMode(argv: readonly string[], env: Record<string, string | undefined> = process.env): RealNodeMode {
  return featureMode(argv, env, 'real-node', 'TODO_DEPLOY_REAL_NODE');
}

export function nodeBinaries(tools: ToolPaths): Record<string, string> {
  return {
    kubelet: tools.kubelet,
    containerd: tools.containerd,
    runc: tools.runc,
    'the CNI bridge plugin': join(tools.cniBinDir, 'bridge'),
    'the CNI host-local plugin': join(tools.cniBinDir, 'host-local'),
    'the pause binary': tools.pause,
    unshare: '/usr/bin/unshare',
    ip: tools.ip,
  };
}

/** Whether `up` starts the real node, and if not why not; `on` on a machine that cannot is an error. */
export function decideRealNode(mode: RealNodeMode, tools: ToolPaths): { start: boolean; why: string } {
  if (mode === 'off') return { start: false, why: 'turned off (--no-real-node or TODO_DEPLOY_REAL_NODE=0)' };
  const blockers = realNodeBlockers(nodeBinaries(tools));
  if (!blockers.length) return { start: true, why: '' };
  const why = `this machine cannot run it: ${blockers.join('; ')}`;
  if (mode === 'on') throw new Error(`the real node was asked for (--real-node or TODO_DEPLOY_REAL_NODE=1) but ${why}`);
  return { start: false, why };
}

export interface NodeStartContext {
  state: LabState;
  tools: ToolPaths;
  launch: (name: string, bin: string, args: string[], extra?: Partial<ProcessRecord>) => Promise<ProcessRecord>;
  save: () => Promise<void>;
}

/** Writes every file of the node, makes the host changes (recorded first), pushes the pause image, starts the namespace. */
export async function startRealNode({ state, tools, launch, save }: NodeStartContext): Promise<void> {
  const l = C.nodeLayout(state.stateDir);
  const pki = pkiPaths(state.stateDir);
  const logs = { containerd: join(state.stateDir, 'logs', 'containerd.log'), kubelet: join(state.stateDir, 'logs', 'kubelet.log') };
  // the bridge first: another lab's `up` may take the same free slot at the same moment, and
  // the bridge decides whose it is (recorded before it is made, so down removes it after a crash)
  let net = await freeNodeNet();
  for (let attempt = 0; ; attempt++) {
    state.realNode = { name: C.REAL_NODE_NAME, ip: net.ip, slot: net.slot, kubeletHealthz: state.ports.kubeletHealthz, bridge: net.bridge };
    await save();
    if (await createBridge(net)) break;
    delete state.realNode.bridge; // the other lab's
    await save();
    if (attempt >= C.MAX_SLOTS) throw new Error('no free slot for a real node: other labs keep taking them');
    net = await freeNodeNet();
  }

  const node = await createNodePki(pki, C.REAL_NODE_NAME, net.ip);
  const files: [string, string][] = [
    [
      l.kubeletKubeconfig,
      clientKubeconfigYaml(state.server, pki.caCert, `system:node:${C.REAL_NODE_NAME}`, node.clientCert, node.clientKey),
    ],
    [l.containerdConfig, C.containerdConfig(l, state.registry, tools.cniBinDir)],
    [join(l.registryHosts, state.registry, 'hosts.toml'), C.registryHostsToml(state.registry)],
    [join(l.cniConfDir, '10-todo-deploy-lab.conflist'), C.cniConflist(l, net)],
    [l.kubeletConfig, C.kubeletConfig(l, net, state.ports, { caCert: pki.caCert, cert: node.servingCert, key: node.servingKey })],
    [l.script, C.nodeScript(l, net, { containerd: tools.containerd, kubelet: tools.kubelet }, logs)],
    ...Object.entries(C.KUBELET_SYSCTLS).map(([k, v]): [string, string] => [join(l.sysctlDir, k.replaceAll('/', '.')), `${v}\n`]),
  ];
  for (const [file, text] of files) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, { mode: 0o600 });
  }
  for (const d of [l.kubeletRoot, l.podLogs, l.cniDataDir, l.overlayDir]) await mkdir(d, { recursive: true });

  await pushScratchImage(
    { bin: tools.buildah, ...buildahDirs(state.stateDir) },
    { binary: tools.pause, path: '/pause', ref: `${state.registry}/${C.PAUSE_IMAGE_PATH}` },
  );

  const cgroups = cgroupRootDirs(net.cgroupRoot);
  state.realNode.cgroupDirs = cgroups;
  await save();
  await createCgroupRoot(cgroups);

  // containerd finds runc and the kubelet finds mount/umount through PATH
  const unshare = await launch('real-node', '/usr/bin/unshare', C.unshareArgs(l.script), { stopSignal: 'SIGKILL' });
  state.realNode.pidNamespace = await pidNamespaceOfChild(unshare.pid);
  await save();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * After the node's processes are gone (its namespace was killed): removes the cgroups and the
 * bridge `up` recorded. Returns what is left behind, for the caller to report.
 */
export async function undoRealNode(node: LabState['realNode']): Promise<string[]> {
  if (!node) return [];
  const left: string[] = [];
  // killing pid 1 of the namespace kills the rest; they take a moment to exit
  if (node.pidNamespace) {
    for (let i = 0; i < 100 && processesInPidNamespace(node.pidNamespace).length; i++) await sleep(100);
    const alive = processesInPidNamespace(node.pidNamespace);
    if (alive.length) left.push(`processes ${alive.join(', ')} of the node's namespace ${node.pidNamespace}`);
  }
  // the kernel empties the cgroups of killed processes a moment after they die
  let cgroupsLeft: string[] = [];
  for (let i = 0; i < 50; i++) {
    cgroupsLeft = removeCgroupRoot(node.cgroupDirs ?? []);
    if (!cgroupsLeft.length) break;
    await sleep(100);
  }
  left.push(...cgroupsLeft);
  if (node.bridge) {
    try {
      await removeBridge(node.bridge);
    } catch (error) {
      left.push(`bridge ${node.bridge}: ${(error as Error).message}`);
    }
  }
  if (left.length) info(`the real node left behind: ${left.join(', ')}`);
  return left;
}
