import { lastErrorLine, runProcess, type RunResult } from '@todo-deploy/process';
import { redact } from '@todo-deploy/secrets';
import { parseInspect, type BuilderProbe } from './builder.js';

const cause = (result: Pick<RunResult, 'stderr' | 'stdout' | 'exitCode'>): string =>
  redact(lastErrorLine(result).replace(/^ERROR:\s*/i, '') || `exit ${result.exitCode}`);

/** docker buildx through argv arrays (the docker CLI's plugin); BuildKit does the building. */
export class Buildx {
  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    readonly docker = 'docker',
  ) {}

  private run(args: readonly string[], options: { group?: string; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
    return runProcess([this.docker, ...args], {
      env: this.env,
      redact,
      installHint: 'BuildKit needs the docker CLI with buildx (docker/setup-buildx-action), or use builder: buildah',
      ...options,
    });
  }

  /** Whether the current builder answers (`docker buildx inspect --bootstrap`, bounded), its name and driver. */
  async probe(): Promise<BuilderProbe> {
    let result: RunResult;
    try {
      result = await this.run(['buildx', 'inspect', '--bootstrap'], { timeoutMs: 30_000 });
    } catch (error) {
      return { answered: false, reason: (error as Error).message.split('\n')[0] ?? 'docker could not be run' };
    }
    if (result.exitCode !== 0) return { answered: false, reason: cause(result) };
    return parseInspect(result.stdout);
  }

  /** `docker buildx version`'s line; never rejects (the probe says why buildx cannot be used). */
  async version(): Promise<string> {
    const result = await this.run(['buildx', 'version']).catch(() => undefined);
    return result?.exitCode === 0 ? result.stdout.trim() : 'docker buildx (version unknown)';
  }

  /** Runs bake; resolves with its progress (for the cache hits) or rejects with its last error line. */
  async bake(argv: readonly string[], title: string): Promise<string> {
    const result = await this.run(argv, { group: title });
    if (result.exitCode !== 0) throw new Error(`bake failed: ${cause(result)}`);
    return `${result.stdout}\n${result.stderr}`;
  }
}
