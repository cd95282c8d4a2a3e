import { log } from '@todo-deploy/runtime';
import { runProcess, type RunResult } from '@todo-deploy/process';
import { redact } from '@todo-deploy/secrets';
import { displayArgv } from '../helm/argv.js';
import type { HelmFlavor } from '../helm/version.js';
import type { ClusterAccess } from './cluster-env.js';

export interface HelmRunOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Print the command line before running it, the values of these keys hidden (set-secret). */
  announce?: boolean;
  secretKeys?: ReadonlySet<string>;
}

/** Runs helm with argv arrays. Output is captured, never streamed: it can hold values. */
export class Helm {
  constructor(
    readonly binary: string,
    readonly flavor: HelmFlavor,
    private readonly access: ClusterAccess,
  ) {}

  async run(args: readonly string[], options: HelmRunOptions = {}): Promise<RunResult> {
    const argv = [this.binary, ...args, ...(this.access.context ? ['--kube-context', this.access.context] : [])];
    if (options.announce) log.info(`$ helm ${displayArgv(argv.slice(1), options.secretKeys)}`);
    return runProcess(argv, {
      env: this.access.env,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
}

/** Asks a helm binary its version (before any cluster access). */
export async function helmVersionText(binary: string, env: NodeJS.ProcessEnv): Promise<string> {
  const result = await runProcess([binary, 'version', '--template', '{{.Version}}'], {
    env,
    timeoutMs: 30_000,
    installHint: 'install it in an earlier step or set the helm-version input',
  });
  if (result.exitCode !== 0) throw new Error(`'${binary} version' failed: ${redact(result.stderr.trim() || `exit ${result.exitCode}`)}`);
  return result.stdout;
}

/** stderr of a helm run without the noise, redacted, for messages. */
export function helmError(result: RunResult): string {
  const lines = result.stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(WARNING|level=WARN|walk\.go)/.test(l));
  const text = lines.find((l) => /^Error:/i.test(l)) ?? lines.at(-1) ?? (result.timedOut ? 'timed out' : `exit ${result.exitCode}`);
  return redact(text.replace(/^Error:\s*/i, ''));
}
