import { runProcess, type RunResult } from '@todo-deploy/process';
import type { ClusterAccess } from './cluster-env.js';

/** kubectl through argv arrays, JSON in and out. */
export class Kubectl {
  constructor(
    private readonly access: ClusterAccess,
    readonly binary = 'kubectl',
  ) {}

  run(args: readonly string[], options: { input?: string; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<RunResult> {
    const argv = [this.binary, ...(this.access.context ? ['--context', this.access.context] : []), ...args];
    return runProcess(argv, {
      env: this.access.env,
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.input !== undefined ? { input: options.input } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /** `kubectl get ... -o json`; a List's items, or the single object in a list of one. */
  async getJson<T>(args: readonly string[], options: { signal?: AbortSignal } = {}): Promise<T[]> {
    const result = await this.run(['get', ...args, '-o', 'json'], options);
    if (result.exitCode !== 0) throw new Error(`kubectl get ${args.join(' ')}: ${kubectlError(result)}`);
    const parsed = JSON.parse(result.stdout) as { items?: T[] } & T;
    return parsed.items ?? [parsed];
  }
}

/** The last error line of kubectl, without the 'Error from server' prefix. */
export function kubectlError(result: RunResult): string {
  const lines = result.stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const line =
    lines.find((l) => /^(error|Error from server)/i.test(l)) ?? lines.at(-1) ?? (result.timedOut ? 'timed out' : `exit ${result.exitCode}`);
  return line.replace(/^error:\s*/i, '');
}
