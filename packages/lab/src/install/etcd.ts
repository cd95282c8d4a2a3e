import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';
import { buildDir, toolDir } from '../paths.js';
import { versions } from '../versions.js';
import { downloadModule, goBuildEnv } from './go.js';
import { wrapperFor } from './gomod.js';
import { toolLdflags } from './ldflags.js';
import { isComplete, markComplete } from './marker.js';

export function etcdBinary(): string {
  return join(toolDir('etcd', versions().etcd.version), 'bin', 'etcd');
}

/** Builds etcd from go.etcd.io/etcd/server/v3 through a wrapper module (its go.mod replaces siblings locally). */
export async function installEtcd(): Promise<'cached' | 'built'> {
  const e = versions().etcd;
  const dir = toolDir('etcd', e.version);
  if (isComplete(dir)) return 'cached';
  const upstream = await downloadModule(e.module, e.version);
  const work = buildDir('etcd', e.version);
  await mkdir(work, { recursive: true });
  await writeFile(
    join(work, 'go.mod'),
    wrapperFor({ path: e.module, version: e.version, goMod: await readFile(upstream.goModFile, 'utf8') }, e.version, e.skipReplace),
  );
  await mkdir(join(dir, 'bin'), { recursive: true });
  const ldflags = toolLdflags({ 'go.etcd.io/etcd/api/v3/version.GitSHA': '{commit}' }, upstream);
  await runChecked(['go', 'build', `-ldflags=${ldflags}`, '-o', etcdBinary(), e.module], {
    cwd: work,
    env: goBuildEnv(),
    stream: 'stderr',
  });
  markComplete(dir, { module: e.module, version: e.version, commit: upstream.commit });
  return 'built';
}
