import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HttpsState } from '../https/config.js';
import type { LabPorts } from './ports.js';

/** One process `up` started; `down` stops exactly these. */
export interface ProcessRecord {
  name: string;
  pid: number;
  /** Field 22 of /proc/<pid>/stat: tells a reused pid apart from ours. */
  startTime?: string;
  bin: string;
  args: string[];
  log: string;
  /** The signal `down` sends first (default SIGTERM, then SIGKILL after a grace period). */
  stopSignal?: 'SIGTERM' | 'SIGKILL';
}

/** The real node's changes to the host, recorded before each is made so that `down` undoes them even after a crash. */
export interface RealNodeState {
  name: string;
  ip: string;
  /** Which of the machine's real-node slots (bridge tdlab<slot>, subnet, cgroup) it took. */
  slot: number;
  /** The bridge `up` created (deleted on down). */
  bridge?: string;
  /** The cgroup directories `up` created, one per hierarchy (removed on down, deepest first). */
  cgroupDirs?: string[];
  kubeletHealthz: number;
  /** The node's pid namespace ("pid:[…]"): `down` waits until no process is left in it. */
  pidNamespace?: string;
}

export interface LabState {
  stateDir: string;
  kubeconfig: string;
  ports: LabPorts;
  registry: string;
  server: string;
  startedAt: string;
  /** Set when `up` finished and everything was ready. */
  readyAt?: string;
  /** Who started it: a jest global setup stops the lab at the end only when a test run started it. */
  startedBy?: 'cli' | 'jest';
  processes: ProcessRecord[];
  /** Set when `up` started the real node beside the kwok nodes. */
  realNode?: RealNodeState;
  /** Why there is no real node (the machine does not allow it, or it was turned off). */
  realNodeSkipped?: string;
  /** Set when `up` started the HTTPS path (ingress and Gateway controller, ACME CA, cert-manager). */
  https?: HttpsState;
  /** Why there is no HTTPS path. */
  httpsSkipped?: string;
  versions: Record<string, string>;
}

export function stateFile(stateDir: string): string {
  return join(stateDir, 'state.json');
}

export async function readState(stateDir: string): Promise<LabState | undefined> {
  const file = stateFile(stateDir);
  if (!existsSync(file)) return undefined;
  return JSON.parse(await readFile(file, 'utf8')) as LabState;
}

/** Written after every process start, so `down` after a crash still finds every pid. */
export async function writeState(state: LabState): Promise<void> {
  await mkdir(state.stateDir, { recursive: true });
  const file = stateFile(state.stateDir);
  await writeFile(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}
