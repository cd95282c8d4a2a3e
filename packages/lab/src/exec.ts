import { execFile, spawn } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  /** Stream the child's output to our stderr instead of capturing it. */
  inherit?: boolean;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  constructor(
    readonly file: string,
    readonly args: readonly string[],
    readonly result: RunResult,
  ) {
    const tail = (result.stderr || result.stdout).trim().split('\n').slice(-20).join('\n');
    super(`${file} ${args.join(' ')} exited with ${result.code}${tail ? `:\n${tail}` : ''}`);
    this.name = 'CommandError';
  }
}

/** Runs a program with an argv array (never a shell) and resolves with its exit code and output. */
export function run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', options.inherit ? 'inherit' : 'pipe', options.inherit ? 'inherit' : 'pipe'],
    });
    // our own timer rather than spawn's `timeout`, whose timer outlives a program that failed
    // to start and keeps the process (and jest) waiting
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** Like run, but rejects with a CommandError on a non-zero exit. */
export async function runOk(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new CommandError(file, args, result);
  return result;
}

/** Resolves to true when `file` can be executed (found on PATH or by path). */
export function canRun(file: string, args: readonly string[] = ['--version']): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: 20_000 }, (error) => {
      resolve(!error || (error as NodeJS.ErrnoException).code !== 'ENOENT');
    });
  });
}
