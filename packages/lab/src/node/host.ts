/** The real node's changes to the host, each one undone by its pair: the bridge and the cgroup directories. */
import { existsSync, readdirSync, readFileSync, readlinkSync, rmdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked, runProcess } from '@todo-deploy/process';
import { MAX_SLOTS, nodeNet, type NodeNet } from './config.js';

/** Mount points of cgroup hierarchies (v1 controllers, named ones, or the v2 root), from /proc/self/mounts text (pure). */
export function cgroupMounts(procMounts: string): string[] {
  return procMounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f[2] === 'cgroup' || f[2] === 'cgroup2')
    .map((f) => f[1] ?? '')
    .filter((m) => m !== '');
}

/** The lab's cgroup under every hierarchy (the kubelet's cgroupRoot must exist in each). */
export function cgroupRootDirs(root: string, procMounts: string = readFileSync('/proc/self/mounts', 'utf8')): string[] {
  return cgroupMounts(procMounts).map((m) => join(m, root));
}

/** Creates the lab's cgroup in every hierarchy; cpuset needs its cpus and mems copied from the parent. */
export async function createCgroupRoot(dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    await mkdir(dir, { recursive: true });
    for (const file of ['cpuset.cpus', 'cpuset.mems']) {
      const parent = join(dir, '..', file);
      if (existsSync(join(dir, file)) && existsSync(parent)) await writeFile(join(dir, file), readFileSync(parent));
    }
  }
}

function subdirsDeepestFirst(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) out.push(...subdirsDeepestFirst(join(dir, e.name)));
  out.push(dir);
  return out;
}

/** Removes the lab's cgroups (deepest first; they are empty once the node's processes are gone). Returns what could not be removed. */
export function removeCgroupRoot(dirs: string[]): string[] {
  const left: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const d of subdirsDeepestFirst(dir)) {
      try {
        rmdirSync(d);
      } catch (error) {
        left.push(`${d} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
    }
  }
  return left;
}

export async function linkExists(name: string): Promise<boolean> {
  return (await runProcess(['ip', 'link', 'show', 'dev', name])).exitCode === 0;
}

/** The first /16 prefix ("10.87.") of a subnet (pure). */
function prefixOf(subnet: string): string {
  return `${subnet.split('.').slice(0, 2).join('.')}.`;
}

/** The first slot whose bridge, subnet and cgroup are all unused on this host. */
export async function freeNodeNet(): Promise<NodeNet> {
  const addrs = (await runChecked(['ip', '-o', '-4', 'addr', 'show'])).stdout;
  const routes = (await runChecked(['ip', '-o', '-4', 'route', 'show'])).stdout;
  for (let slot = 0; slot < MAX_SLOTS; slot++) {
    const net = nodeNet(slot);
    const p = prefixOf(net.subnet);
    if (`${addrs}\n${routes}`.split('\n').some((l) => l.includes(` ${p}`) || l.startsWith(p))) continue;
    if (await linkExists(net.bridge)) continue;
    if (cgroupRootDirs(net.cgroupRoot).some((d) => existsSync(d))) continue;
    return net;
  }
  throw new Error(`no free slot for a real node: bridges tdlab0..tdlab${MAX_SLOTS - 1} or their subnets are all in use`);
}

/**
 * Creates the lab bridge with the node IP. False when the link exists already (another lab's
 * `up` took the same free slot at the same moment); any other failure throws.
 */
export async function createBridge(net: NodeNet): Promise<boolean> {
  const added = await runProcess(['ip', 'link', 'add', net.bridge, 'type', 'bridge']);
  if (added.exitCode !== 0) {
    if (/File exists/i.test(added.stderr)) return false;
    throw new Error(`ip link add ${net.bridge} type bridge failed: ${added.stderr.trim()}`);
  }
  await runChecked(['ip', 'addr', 'add', `${net.ip}/16`, 'dev', net.bridge]);
  await runChecked(['ip', 'link', 'set', net.bridge, 'up']);
  return true;
}

/** Deletes the lab bridge (its veths went with the pods' network namespaces). */
export async function removeBridge(name: string): Promise<void> {
  if (await linkExists(name)) await runChecked(['ip', 'link', 'delete', name]);
}

/** True when `path` is an executable file. */
export function isExecutable(path: string): boolean {
  try {
    return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Why this machine cannot run the real node (empty when it can). */
export function realNodeBlockers(bins: Record<string, string>, uid: number | undefined = process.getuid?.()): string[] {
  const out: string[] = [];
  if (uid !== 0) out.push('it needs root (a bridge, cgroups and mount namespaces)');
  for (const [name, path] of Object.entries(bins)) if (!isExecutable(path)) out.push(`${name} is not installed (${path})`);
  if (!readFileSync('/proc/filesystems', 'utf8').includes('overlay')) out.push('the kernel has no overlay filesystem');
  if (!cgroupMounts(readFileSync('/proc/self/mounts', 'utf8')).length) out.push('no cgroup hierarchy is mounted');
  return out;
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number);
}

/** Pids of processes in the pid namespace `nsLink` (as readlink /proc/<pid>/ns/pid prints it: "pid:[4026532…]"). */
export function processesInPidNamespace(nsLink: string): number[] {
  return pids().filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/ns/pid`) === nsLink;
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** The children of `pid` (field 4 of /proc/<child>/stat). */
export function childrenOf(pid: number): number[] {
  return pids().filter((child) => {
    try {
      const stat = readFileSync(`/proc/${child}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
    } catch {
      return false;
    }
  });
}

/** The pid namespace of unshare's child (pid 1 inside), once it has forked it. */
export async function pidNamespaceOfChild(pid: number, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const child = childrenOf(pid)[0];
    if (child !== undefined) {
      try {
        return readlinkSync(`/proc/${child}/ns/pid`);
      } catch {
        // not yet readable
      }
    }
    if (Date.now() > deadline) throw new Error(`unshare (pid ${pid}) started no namespace within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
