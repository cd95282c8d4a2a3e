import { spawn } from 'node:child_process';
import * as core from '@actions/core';
import { log } from '@todo-deploy/runtime';
import { lineSplitter } from '@todo-deploy/runtime/text';
import { ToolMissingError } from './tool-missing.js';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process (SIGTERM, then SIGKILL after 5 s) when it runs longer. */
  timeoutMs?: number;
  /** Print the output live inside a log group with this title. */
  group?: string;
  /** Print the output live without a group (ignored when group is set); 'stderr' prints it on our stderr. */
  stream?: boolean | 'stderr';
  /** Text for standard input. */
  input?: string;
  /** Applied to every line before it is printed (captured output stays raw). */
  redact?: (text: string) => string;
  /** Aborting kills the process like a timeout. */
  signal?: AbortSignal;
  /** What to tell the user when the program is not installed (ToolMissingError). */
  installHint?: string;
}

export interface RunResult {
  argv: readonly string[];
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

/**
 * Runs argv[0] with the rest as arguments, never through a shell. Printed output goes line by
 * line through the guarded text path, so nothing a tool prints becomes a workflow command.
 * Rejects with ToolMissingError when the program does not exist; any exit code resolves.
 */
export async function runProcess(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('runProcess: empty argv');
  const started = Date.now();
  const print = options.group !== undefined || (options.stream !== undefined && options.stream !== false);
  const out = options.group === undefined && options.stream === 'stderr' ? process.stderr : process.stdout;
  if (options.group !== undefined) core.startGroup(options.group);
  // the arguments can hold values: the boundary is logged by program and count only
  log.debug(`run: ${command} (${args.length} arguments)`);
  try {
    const result = await new Promise<RunResult>((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      let killTimer: NodeJS.Timeout | undefined;
      const stop = (): void => {
        timedOut = true;
        child.kill('SIGTERM');
        killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      };
      const timer = options.timeoutMs !== undefined ? setTimeout(stop, options.timeoutMs) : undefined;
      options.signal?.addEventListener('abort', stop, { once: true });
      const lines = { out: lineSplitter(), err: lineSplitter() };
      const show = (printed: string[]): void => {
        for (const line of printed) out.write(`${options.redact ? options.redact(line) : line}\n`);
      };
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        if (print) show(lines.out.push(chunk));
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (print) show(lines.err.push(chunk));
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          error.code === 'ENOENT'
            ? new ToolMissingError(command, options.installHint, error)
            : new Error(`Could not start '${command}': ${error.message}`, { cause: error }),
        );
      });
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', stop);
        if (print) show([...lines.out.end(), ...lines.err.end()]);
        resolve({ argv, exitCode, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
    log.debug(`run: ${command} ${exitText(result)} after ${result.durationMs} ms`);
    return result;
  } finally {
    if (options.group !== undefined) core.endGroup();
  }
}

/** Why a run failed, in words: the exit code, the signal or the timeout. */
export function exitText(result: Pick<RunResult, 'exitCode' | 'signal' | 'timedOut'>): string {
  if (result.timedOut) return 'timed out';
  if (result.signal) return `was stopped by ${result.signal}`;
  return `exited with ${result.exitCode}`;
}

/** A run that ended with a non-zero exit, a signal or a timeout; the message ends with the output's last lines. */
export class ProcessError extends Error {
  constructor(readonly result: RunResult) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-20).join('\n');
    super(`${result.argv.join(' ')} ${exitText(result)}${tail ? `:\n${tail}` : ''}`);
    this.name = 'ProcessError';
  }
}

/** Like runProcess, but rejects with a ProcessError unless the program exits 0. */
export async function runChecked(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await runProcess(argv, options);
  if (result.exitCode !== 0) throw new ProcessError(result);
  return result;
}

/** Whether a program can be started at all (installed and executable), whatever it exits with. */
export async function canRun(argv: readonly string[]): Promise<boolean> {
  try {
    await runProcess(argv, { timeoutMs: 20_000 });
    return true;
  } catch {
    return false;
  }
}

/** The last non-empty line of a process's error output, for one-line failure messages. */
export function lastErrorLine(result: Pick<RunResult, 'stderr' | 'stdout'>): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const errorLine = [...lines].reverse().find((l) => /^error:|^Error:/i.test(l));
  return errorLine ?? lines.at(-1) ?? '';
}
