import { runChecked, runProcess, type RunOptions } from '@todo-deploy/process';
import { info } from '../log.js';
import { versions } from '../versions.js';

/** The installed version of a Debian package, or undefined. */
export async function dpkgVersion(name: string): Promise<string | undefined> {
  const result = await runProcess(['dpkg-query', '-W', '-f=${Version}', name]).catch(() => undefined);
  return result?.exitCode === 0 && result.stdout ? result.stdout : undefined;
}

/** Installs the pinned Debian packages (docker-registry, buildah) with apt-get, once. */
export async function installAptPackages(): Promise<'cached' | 'installed'> {
  const missing: string[] = [];
  for (const pkg of versions().apt) {
    const have = await dpkgVersion(pkg.name);
    if (have !== pkg.version) missing.push(`${pkg.name}=${pkg.version}`);
    if (have && have !== pkg.version) info(`${pkg.name} ${have} is installed; the lab pins ${pkg.version}`);
  }
  if (!missing.length) return 'cached';
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const opts: RunOptions = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stream: 'stderr' };
  const apt = (args: string[]) => runChecked([...sudo, 'apt-get', ...args], opts);
  await apt(['update']);
  await apt(['install', '-y', '--no-install-recommends', ...missing]);
  return 'installed';
}
