import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fields, type Field } from './state.js';

// Each action keeps what must not outlive the job (a kubeconfig, registry credentials, a
// proxy socket) in one folder of its own: mode 0700 under RUNNER_TEMP, named <action>-XXXXXX,
// removed at the end of main and again by the post step. The post step removes only a
// folder of exactly that shape, so forged state cannot point it anywhere else.

type Env = NodeJS.ProcessEnv;

function bases(env: Env): string[] {
  return [...new Set([env.RUNNER_TEMP, tmpdir()].filter((b): b is string => Boolean(b)).map((b) => resolve(b)))];
}

/**
 * Makes the action's private folder. `maxPathLength` keeps room for a unix socket path
 * (under 108 bytes): a deeper RUNNER_TEMP falls back to the system temp folder.
 */
export function createPrivateFolder(action: string, env: Env = process.env, maxPathLength?: number): string {
  const runnerTemp = env.RUNNER_TEMP;
  const fits = (base: string) => maxPathLength === undefined || join(base, `${action}-XXXXXX`).length <= maxPathLength;
  const base = runnerTemp && fits(runnerTemp) ? runnerTemp : tmpdir();
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${action}-`));
  chmodSync(dir, 0o700);
  return dir;
}

/** Whether a path has the shape of a private folder of this action: <RUNNER_TEMP or tmp>/<action>-XXXXXX. */
export function isPrivateFolder(action: string, path: string, env: Env = process.env): boolean {
  const full = resolve(path);
  if (full !== path || !bases(env).includes(dirname(full))) return false;
  return new RegExp(`^${action.replace(/[^a-z0-9-]/gi, '')}-[A-Za-z0-9]{6}$`).test(basename(full));
}

/** A state field that reads back only a private folder of this action. */
export function privateFolderField(action: string, env: Env = process.env): Field<string> {
  return fields.custom(
    (raw) => (isPrivateFolder(action, raw, env) ? raw : undefined),
    (value) => value,
  );
}

/** A state field that reads back only a path inside a private folder of this action. */
export function privatePathField(action: string, env: Env = process.env): Field<string> {
  return fields.custom(
    (raw) => (resolve(raw) === raw && isPrivateFolder(action, dirname(raw), env) ? raw : undefined),
    (value) => value,
  );
}

/** Removes a private folder; a symbolic link in its place is removed as a link, never followed. */
export function removePrivateFolder(dir: string): void {
  try {
    if (lstatSync(dir).isSymbolicLink()) {
      rmSync(dir, { force: true });
      return;
    }
  } catch {
    return; // gone already
  }
  rmSync(dir, { recursive: true, force: true });
}
