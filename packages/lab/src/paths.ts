import { homedir } from 'node:os';
import pathModule, { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** ${TODO_DEPLOY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/todo-deploy} */
export function cacheRoot(env: Env = process.env): string {
  if (env.TODO_DEPLOY_CACHE) return env.TODO_DEPLOY_CACHE;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'todo-deploy');
}

/** Where one pinned tool lives: <cache>/tools/<tool>-<version>/ */
export function toolDir(tool: string, version: string, env: Env = process.env): string {
  return join(cacheRoot(env), 'tools', `${tool}-${version}`);
}

/** Scratch space for wrapper modules: <cache>/build/<tool>-<version>/ */
export function buildDir(tool: string, version: string, env: Env = process.env): string {
  return join(cacheRoot(env), 'build', `${tool}-${version}`);
}

/** The running lab's state (pids, certificates, kubeconfig, data): $TODO_DEPLOY_LAB_DIR or <cache>/lab */
export function stateDir(env: Env = process.env): string {
  return env.TODO_DEPLOY_LAB_DIR || join(cacheRoot(env), 'lab');
}

/** Refuses to treat `/`, $HOME or the cache root itself as a lab state directory (it gets deleted on `down`). */
export function assertSafeStateDir(dir: string, env: Env = process.env): void {
  const { resolve } = pathModule;
  const d = resolve(dir);
  const forbidden = ['/', resolve(env.HOME || homedir()), resolve(cacheRoot(env))];
  if (forbidden.includes(d))
    throw new Error(
      `refusing to use ${d} as the lab state directory (it is removed on down): set TODO_DEPLOY_LAB_DIR to a directory of its own`,
    );
}
