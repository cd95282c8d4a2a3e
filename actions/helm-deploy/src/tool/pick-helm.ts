import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { log, reasonOf } from '@todo-deploy/runtime';
import { helmVersionText } from '../adapters/helm.js';
import { cachedHelm4, parseHelmVersion } from '../helm/version.js';

/**
 * The helm to run when helm-version is empty: helm 4 where both are present. The helm on PATH,
 * unless it is helm 3 (or there is none) and the runner's tool cache holds a helm 4 (put there
 * by an earlier helm-deploy with helm-version, or by azure/setup-helm): then the newest 4.x.
 * Says which and why; helm-version pins one instead.
 */
export async function pickHelm(env: NodeJS.ProcessEnv): Promise<{ binary: string; versionText: string }> {
  const onPath = await helmVersionText('helm', env).then(
    (text) => ({ text }),
    (error: unknown) => ({ error }),
  );
  const flavor = 'text' in onPath ? parseHelmVersion(onPath.text) : undefined;
  const cache = process.env.RUNNER_TOOL_CACHE;
  // the tool cache library is large to load: only when the cache holds a helm at all
  if (flavor?.major !== 4 && cache && existsSync(join(cache, 'helm'))) {
    const tc = await import('@actions/tool-cache');
    const version = cachedHelm4(flavor, tc.findAllVersions('helm', process.arch));
    if (version) {
      const binary = join(tc.find('helm', version, process.arch), process.platform === 'win32' ? 'helm.exe' : 'helm');
      log.info(
        `${flavor ? `The helm on PATH is ${flavor.version}` : 'There is no helm on PATH'} and the tool cache holds helm ${version}: deploying with helm 4 (helm-version pins a version)`,
      );
      return { binary, versionText: await helmVersionText(binary, env) };
    }
  }
  if ('error' in onPath) throw new Error(reasonOf(onPath.error));
  return { binary: 'helm', versionText: onPath.text };
}
