import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
