import { homedir } from 'node:os';
import { join } from 'node:path';

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
