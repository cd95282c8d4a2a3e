import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';
import { buildDir, toolDir } from '../paths.js';
import { versions } from '../versions.js';
import { downloadModule, goBuildEnv } from './go.js';
import { wrapperFor } from './gomod.js';
import { kubernetesLdflags } from './ldflags.js';
import { isComplete, markComplete } from './marker.js';

export function kubernetesBinDir(): string {
  const k = versions().kubernetes;
  return join(toolDir('kubernetes', k.version), 'bin');
}

/** Builds kube-apiserver, kube-controller-manager, kube-scheduler and kubectl in one `go build`. */
export async function installKubernetes(): Promise<'cached' | 'built'> {
  const k = versions().kubernetes;
  const dir = toolDir('kubernetes', k.version);
  if (isComplete(dir)) return 'cached';
  const upstream = await downloadModule(k.module, k.version);
  const work = buildDir('kubernetes', k.version);
  await mkdir(work, { recursive: true });
  const goMod = wrapperFor({ path: k.module, version: k.version, goMod: await readFile(upstream.goModFile, 'utf8') }, k.stagingVersion);
  await writeFile(join(work, 'go.mod'), goMod);
  await mkdir(join(dir, 'bin'), { recursive: true });
  await runChecked(
    [
      'go',
      'build',
      `-ldflags=${kubernetesLdflags(upstream)}`,
      '-o',
      `${join(dir, 'bin')}/`,
      ...k.commands.map((c) => `${k.module}/cmd/${c}`),
    ],
    { cwd: work, env: goBuildEnv(), stream: 'stderr' },
  );
  markComplete(dir, { module: k.module, version: k.version, commit: upstream.commit, commands: k.commands });
  return 'built';
}
