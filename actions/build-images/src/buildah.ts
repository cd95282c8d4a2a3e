import semver from 'semver';
import { readFileSync } from 'node:fs';
import { lastErrorLine, runProcess, type RunResult } from '@todo-deploy/process';
import { redact } from '@todo-deploy/secrets';

/** buildah's last error line without the repeated 'Error: pushing image "x" to "y": ' lead. */
export function buildahCause(result: Pick<RunResult, 'stderr' | 'stdout' | 'exitCode'>): string {
  const line = lastErrorLine(result).replace(/^Error:\s*/i, '');
  const cause = line.replace(/^pushing image "[^"]*" to "[^"]*":\s*/i, '');
  return redact(cause || `exit ${result.exitCode}`);
}

/** Whether this buildah retries pushes by itself (--retry, from 1.28 on); `buildah --version` text in. Pure. */
export function retriesOnItsOwn(versionText: string): boolean {
  const version = /version (\d+\.\d+\.\d+)/.exec(versionText)?.[1];
  return version !== undefined && semver.gte(version, '1.28.0');
}

/** Why this buildah cannot keep a layer cache in the registry (--cache-from/--cache-to came in 1.27), or undefined when it can. Pure. */
export function cacheUnsupported(versionText: string): string | undefined {
  const version = /version (\d+\.\d+\.\d+)/.exec(versionText)?.[1];
  if (version !== undefined && semver.gte(version, '1.27.0')) return undefined;
  return `cache: true needs buildah 1.27 or later (--cache-from, --cache-to); this runner has ${version ?? 'a buildah whose version could not be read'}: install a newer buildah or set cache: false`;
}

/** buildah through argv arrays. Builds stream their output into a log group; values are redacted. */
export class Buildah {
  constructor(readonly binary = 'buildah') {}

  private run(args: readonly string[], options: { group?: string; input?: string } = {}): Promise<RunResult> {
    return runProcess([this.binary, ...args], {
      redact,
      installHint: "GitHub's Ubuntu runners have it; elsewhere install it (apt-get install buildah)",
      ...options,
    });
  }

  async version(): Promise<string> {
    const result = await this.run(['--version']);
    if (result.exitCode !== 0) throw new Error(`buildah --version failed: ${buildahCause(result)}`);
    return result.stdout.trim();
  }

  async login(argv: readonly string[], password: string): Promise<void> {
    const result = await this.run(argv, { input: password });
    if (result.exitCode !== 0) throw new Error(`Could not log in to ${argv.at(-1)}: ${buildahCause(result)}`);
  }

  /** Builds one image and resolves with buildah's output; the error names the cause from it. */
  async build(argv: readonly string[], title: string): Promise<string> {
    const result = await this.run(argv, { group: title });
    if (result.exitCode !== 0) throw new Error(`build failed: ${buildahCause(result)}`);
    return result.stdout;
  }

  /** Pushes one ref; resolves with the digest or rejects with buildah's cause. */
  async push(argv: readonly string[], digestFile: string): Promise<string> {
    const result = await this.run(argv);
    if (result.exitCode !== 0) throw new Error(buildahCause(result));
    return readFileSync(digestFile, 'utf8').trim();
  }
}
