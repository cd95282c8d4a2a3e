import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The docker CLI configuration BuildKit's pushes read credentials from: the user's
 * configuration with the registry's credentials added, written into the action's private
 * folder (removed at the end, or by the post step) instead of the user's ~/.docker. Its buildx
 * folder (the builders, the current one) and CLI plugins are links to the user's, so the same
 * builder builds. Pure but for the files.
 */
export function privateDockerConfig(
  folder: string,
  registry: string,
  credentials: { username: string; password: string },
  env: NodeJS.ProcessEnv = process.env,
): { dir: string; warning?: string } {
  const user = env.DOCKER_CONFIG || join(homedir(), '.docker');
  const dir = join(folder, 'docker');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of ['buildx', 'cli-plugins', 'contexts'])
    if (existsSync(join(user, name)) && !existsSync(join(dir, name))) symlinkSync(join(user, name), join(dir, name));
  let config: { auths?: Record<string, unknown>; credHelpers?: Record<string, unknown>; credsStore?: unknown } = {};
  try {
    config = JSON.parse(readFileSync(join(user, 'config.json'), 'utf8')) as typeof config;
  } catch {
    // no configuration yet (or not JSON): start from an empty one
  }
  const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
  config.auths = { ...(config.auths ?? {}), [registry]: { auth } };
  if (config.credHelpers) delete config.credHelpers[registry];
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  return {
    dir,
    ...(config.credsStore
      ? {
          warning: `The docker configuration names a credsStore (${String(config.credsStore)}); the credentials for ${registry} are given in config.json, which a credsStore may override`,
        }
      : {}),
  };
}
