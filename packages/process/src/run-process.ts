import { spawn } from 'node:child_process';
import * as core from '@actions/core';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process (SIGTERM, then SIGKILL after 5 s) when it runs longer. */
  timeoutMs?: number;
  /** Print the output live inside a log group with this title. */
  group?: string;
  /** Print the output live without a group (ignored when group is set). */
  stream?: boolean;
  /** Text for standard input. */
  input?: string;
  /** Applied to every chunk before it is printed (captured output stays raw). */
  redact?: (text: string) => string;
  /** Aborting kills the process like a timeout. */
  signal?: AbortSignal;
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

/** Runs argv[0] with the rest as arguments, never through a shell. */
export async function runProcess(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('runProcess: empty argv');
  const started = Date.now();
  const print = options.group !== undefined || options.stream === true;
  if (options.group !== undefined) core.startGroup(options.group);
  try {
    return await new Promise<RunResult>((resolve, reject) => {
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
      const show = (chunk: string, to: NodeJS.WriteStream): void => {
        if (print) to.write(options.redact ? options.redact(chunk) : chunk);
      };
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        show(chunk, process.stdout);
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        show(chunk, process.stdout);
      });
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`Could not start '${command}': ${error.message}`));
      });
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        clearTimeout(killTimer);
        options.signal?.removeEventListener('abort', stop);
        resolve({ argv, exitCode, signal, stdout, stderr, timedOut, durationMs: Date.now() - started });
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input ?? '');
    });
  } finally {
    if (options.group !== undefined) core.endGroup();
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
