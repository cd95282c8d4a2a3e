import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { ProcessRecord } from './state.js';

/** Field 22 (starttime) of /proc/<pid>/stat, or undefined when the process is gone. */
export function procStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may contain spaces: split after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

/** True when the recorded process still runs (and is the same process, not a reused pid). */
export function isAlive(p: ProcessRecord): boolean {
  const now = procStartTime(p.pid);
  if (now !== undefined) return p.startTime === undefined || p.startTime === now;
  if (process.platform === 'linux') return false;
  try {
    process.kill(p.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a long-running process in its own session, output appended to its log. */
export function startProcess(name: string, bin: string, args: string[], log: string, env: NodeJS.ProcessEnv = process.env): ProcessRecord {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd], env });
    if (child.pid === undefined) throw new Error(`could not start ${name} (${bin})`);
    child.unref();
    return { name, pid: child.pid, startTime: procStartTime(child.pid), bin, args, log };
  } finally {
    closeSync(fd);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM (or the record's stopSignal), then SIGKILL after `graceMs`; only ever the recorded pid. */
export async function stopProcess(p: ProcessRecord, graceMs = 10_000): Promise<'stopped' | 'killed' | 'gone'> {
  if (!isAlive(p)) return 'gone';
  try {
    process.kill(p.pid, p.stopSignal ?? 'SIGTERM');
  } catch {
    return 'gone';
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(p)) return 'stopped';
    await sleep(100);
  }
  try {
    process.kill(p.pid, 'SIGKILL');
  } catch {
    return 'stopped';
  }
  while (isAlive(p)) await sleep(100);
  return 'killed';
}

/** The last lines of a process's log, for error messages. */
export function logTail(p: ProcessRecord, lines = 15): string {
  try {
    return readFileSync(p.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
