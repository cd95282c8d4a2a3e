import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** Every port the lab listens on, all on 127.0.0.1. */
export interface LabPorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
  scheduler: number;
  kwok: number;
  registry: number;
  /** The real node's kubelet API (on the node IP) and its healthz (loopback). */
  kubelet: number;
  kubeletHealthz: number;
  /** The HTTPS path: challtestsrv's DNS and management, Pebble's ACME and management, Traefik's internal entrypoint, cert-manager's metrics, metrics-server. */
  dns: number;
  dnsManagement: number;
  acme: number;
  acmeManagement: number;
  traefik: number;
  certManagerMetrics: number;
  /** metrics-server's secure port, on the real node's IP (the aggregator refuses loopback endpoints). */
  metricsServer: number;
}

/** How many ports the lab takes from its base. */
export const PORT_COUNT = 16;

// below the kernel's ephemeral range (32768-60999 on Linux), so an outgoing connection never holds one of them
export const DEFAULT_PORT_BASE = 31440;
export const PORT_BASE_ENV = 'TODO_DEPLOY_LAB_PORT_BASE';

/** Fixed ports from one base (default 31440, or $TODO_DEPLOY_LAB_PORT_BASE). */
export function labPorts(env: Record<string, string | undefined> = process.env): LabPorts {
  const raw = env[PORT_BASE_ENV];
  const base = raw === undefined || raw === '' ? DEFAULT_PORT_BASE : Number(raw);
  if (!Number.isInteger(base) || base < 1024 || base > 65535 - PORT_COUNT) {
    throw new Error(`${PORT_BASE_ENV}=${raw} is not a port number between 1024 and ${65535 - PORT_COUNT}`);
  }
  return {
    etcdClient: base,
    etcdPeer: base + 1,
    apiserver: base + 2,
    controllerManager: base + 3,
    scheduler: base + 4,
    kwok: base + 5,
    registry: base + 6,
    kubelet: base + 7,
    kubeletHealthz: base + 8,
    dns: base + 9,
    dnsManagement: base + 10,
    acme: base + 11,
    acmeManagement: base + 12,
    traefik: base + 13,
    certManagerMetrics: base + 14,
    metricsServer: base + 15,
  };
}

/** Resolves to true when nothing listens on 127.0.0.1:port (we bind and close at once). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Socket inodes of TCP listeners on `port`, from /proc/net/tcp{,6} text (pure). */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes: string[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const local = cols[1];
    // st 0A = LISTEN
    if (local?.endsWith(`:${hex}`) && cols[3] === '0A' && cols[9]) inodes.push(cols[9]);
  }
  return inodes;
}

/** "pid 1234 (nginx)" for the process listening on `port`, when /proc lets us see it. */
export function describeListener(port: number): string | undefined {
  let inodes: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      inodes = inodes.concat(listeningInodes(readFileSync(file, 'utf8'), port));
    } catch {
      // not Linux, or no /proc
    }
  }
  if (!inodes.length) return undefined;
  const wanted = new Set(inodes.map((i) => `socket:[${i}]`));
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (wanted.has(readlinkSync(`/proc/${pid}/fd/${fd}`))) {
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
          return `pid ${pid} (${cmd.slice(0, 120)})`;
        }
      } catch {
        // the fd went away
      }
    }
  }
  return 'a process this user cannot see';
}

/** Throws one error naming every busy port and, when possible, who holds it. */
export async function assertPortsFree(ports: LabPorts): Promise<void> {
  const busy: string[] = [];
  for (const [name, port] of Object.entries(ports) as [string, number][]) {
    if (!(await isPortFree(port))) {
      const who = describeListener(port);
      busy.push(
        `127.0.0.1:${port} (${name}) is in use ${who ? `by ${who}` : '(no process listens on it: a connection holds it as its local port)'}`,
      );
    }
  }
  if (busy.length) {
    throw new Error(
      `the lab's ports are taken:\n  ${busy.join('\n  ')}\nStop that process, or choose other ports with ${PORT_BASE_ENV}=<base> (the lab uses base..base+${PORT_COUNT - 1}).`,
    );
  }
}
