import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runProcess } from '@todo-deploy/process';
import type { LabEnv } from './api.js';
import { toolPaths } from './tools.js';

/** A BuildKit daemon of one test or benchmark, and a docker CLI configuration whose current buildx builder is it. */
export interface LabBuildkit {
  /** unix:///…/buildkitd.sock */
  endpoint: string;
  /** The buildx builder's name (current in dockerConfig). */
  builder: string;
  /** DOCKER_CONFIG: cli-plugins/docker-buildx and the builder; no registry credentials. */
  dockerConfig: string;
  /** What a process that runs `docker buildx` needs: DOCKER_CONFIG, and PATH with runc (for nothing else). */
  env: Record<string, string>;
  /** buildkitd's log, for a failing test's message. */
  log(): string;
  /** Stops buildkitd (by its pid) and removes its folder, cache included. */
  stop(): Promise<void>;
}

/** buildkitd.toml: the OCI worker (runc) only, and the lab registry over plain HTTP. Pure. */
export function buildkitdConfig(registry: string): string {
  return [
    '[worker.oci]',
    '  enabled = true',
    '[worker.containerd]',
    '  enabled = false',
    `[registry."${registry}"]`,
    '  http = true',
    '  insecure = true',
    '',
  ].join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a rootful buildkitd with its OCI worker (Debian's runc, overlayfs) in a folder of its
 * own, and makes it the current builder of a docker CLI configuration through buildx's remote
 * driver; no Docker daemon is involved. Throws naming what is missing when BuildKit is not
 * installed (`npm run lab -- install` builds it) or the daemon does not answer within 30 s.
 */
export async function startBuildkit(lab: LabEnv): Promise<LabBuildkit> {
  const tools = toolPaths();
  for (const [name, path] of [
    ['buildkitd', tools.buildkitd],
    ['buildctl', tools.buildctl],
    ['docker-buildx', tools.buildx],
  ] as const)
    if (!existsSync(path))
      throw new Error(`${name} is not installed at ${path}: run \`npm run -s lab -- install\` (BuildKit is built from Go modules)`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-bk-'));
  const socket = join(dir, 'buildkitd.sock');
  const endpoint = `unix://${socket}`;
  const config = join(dir, 'buildkitd.toml');
  writeFileSync(config, buildkitdConfig(lab.registry));
  const logFile = join(dir, 'buildkitd.log');
  const out = openSync(logFile, 'a');
  const path = `${dirname(tools.runc)}:${process.env.PATH ?? ''}`;
  const child = spawn(tools.buildkitd, ['--config', config, '--root', join(dir, 'root'), '--addr', endpoint], {
    env: { ...process.env, PATH: path },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const workers = await runProcess([tools.buildctl, '--addr', endpoint, 'debug', 'workers'], { timeoutMs: 5000 });
      if (workers.exitCode === 0 && workers.stdout.includes('ID')) break;
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`buildkitd did not answer on ${endpoint} within 30 s: ${log().trim().split('\n').slice(-5).join(' | ')}`);
      await sleep(300);
    }
    const dockerConfig = join(dir, 'docker');
    mkdirSync(join(dockerConfig, 'cli-plugins'), { recursive: true });
    symlinkSync(tools.buildx, join(dockerConfig, 'cli-plugins', 'docker-buildx'));
    const builder = 'lab-buildkit';
    const env = { DOCKER_CONFIG: dockerConfig, PATH: path };
    const created = await runProcess(['docker', 'buildx', 'create', '--driver', 'remote', '--name', builder, '--use', endpoint], {
      env: { ...process.env, ...env },
      timeoutMs: 30_000,
    });
    if (created.exitCode !== 0) throw new Error(`docker buildx create --driver remote failed: ${created.stderr.trim()}`);
    return { endpoint, builder, dockerConfig, env, log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
