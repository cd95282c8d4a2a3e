// What a lab's real node could leave on the host, read before `up` and after `down`: network
// links, addresses and routes, mounts, iptables rules (iptables-save: the nft backend too), the cgroups of its slot,
// the kubelet's sysctls, the fixed host paths of kubelet and containerd, and its processes.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runProcess } from '@todo-deploy/process';
import { KUBELET_SYSCTLS } from '../src/node/config.js';
import { cgroupMounts } from '../src/node/host.js';

export const FIXED_HOST_PATHS = [
  '/var/lib/kubelet',
  '/var/lib/cni',
  '/var/log/containers',
  '/var/log/pods',
  '/run/containerd',
  '/run/netns',
  '/run/mount',
  '/opt/containerd',
  '/opt/cni',
  '/etc/cni',
];

export interface HostTrace {
  links: string[];
  addresses: string[];
  routes: string[];
  mounts: string[];
  iptables: string;
  cgroups: string[];
  sysctls: Record<string, string>;
  paths: Record<string, boolean>;
}

const out = async (argv: string[]) => {
  const r = await runProcess(argv).catch(() => undefined);
  return r?.exitCode === 0 ? r.stdout : `(${argv[0]} failed)`;
};

/**
 * The host as far as the lab on `bridge` could change it. Other labs' real nodes may run meanwhile
 * (the shared lab of the test run): their pods' veths (attached to another tdlab bridge) are left
 * out, and so are the addresses and routes of their bridges, whose carrier comes and goes with
 * their pods (a route gains "linkdown" when the last veth goes).
 */
export async function hostTrace(bridge: string, cgroupRoot: string): Promise<HostTrace> {
  const links = (await out(['ip', '-o', 'link', 'show']))
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const name = (l.split(': ')[1] ?? '').split('@')[0] ?? '';
      const master = / master (\S+)/.exec(l)?.[1];
      return { name, master };
    })
    .filter((l) => !(l.master && l.master !== bridge && l.master.startsWith('tdlab')))
    .map((l) => (l.master ? `${l.name} master ${l.master}` : l.name))
    .sort();
  const otherBridge = (l: string) => [...l.matchAll(/\b(tdlab\d+)\b/g)].some((m) => m[1] !== bridge);
  const lines = (s: string) =>
    s
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .sort();
  const cgroups = cgroupMounts(readFileSync('/proc/self/mounts', 'utf8'))
    .map((m) => join(m, cgroupRoot))
    .filter((d) => existsSync(d));
  return {
    links,
    addresses: lines(await out(['ip', '-o', 'addr', 'show'])).filter((l) => !/^\d+: veth/.test(l) && !otherBridge(l)),
    routes: lines(`${await out(['ip', '-o', 'route', 'show', 'table', 'all'])}`).filter((l) => !/ dev veth/.test(l) && !otherBridge(l)),
    mounts: lines(readFileSync('/proc/self/mounts', 'utf8')),
    iptables: await out(['iptables-save']),
    cgroups,
    sysctls: Object.fromEntries(
      [...Object.keys(KUBELET_SYSCTLS), 'net/ipv4/ip_forward'].map((k) => [k, readFileSync(`/proc/sys/${k}`, 'utf8').trim()]),
    ),
    paths: Object.fromEntries(FIXED_HOST_PATHS.map((p) => [p, existsSync(p)])),
  };
}

/** Pids of processes whose command line mentions `text` (the state directory of one lab: only its own processes have it). */
export function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
