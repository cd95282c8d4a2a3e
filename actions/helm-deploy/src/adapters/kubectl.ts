import { runProcess, type RunResult } from '@todo-deploy/process';
import type { ClusterAccess } from './cluster-env.js';

/** kubectl through argv arrays, for what the API does not answer (the kubeconfig as kubectl reads it). */
export class Kubectl {
  constructor(
    private readonly access: ClusterAccess,
    readonly binary = 'kubectl',
  ) {}

  run(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
    const argv = [this.binary, ...(this.access.context ? ['--context', this.access.context] : []), ...args];
    return runProcess(argv, { env: this.access.env, timeoutMs: options.timeoutMs ?? 30_000 });
  }
}
