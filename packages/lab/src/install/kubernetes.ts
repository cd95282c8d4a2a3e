import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';
import { buildDir, toolDir } from '../paths.js';
import { versions } from '../versions.js';
import { downloadModule, goBuildEnv } from './go.js';
import { wrapperFor } from './gomod.js';
import { kubernetesLdflags } from './ldflags.js';
import { isComplete, markComplete } from './marker.js';

/** The control plane's binaries (API server, controller manager, scheduler, kubectl). */
export function kubernetesBinDir(): string {
  return join(toolDir('kubernetes', versions().kubernetes.version), 'bin');
}

/** The real node's binaries (kubelet): a directory of their own, so adding them never rebuilds the control plane. */
export function kubernetesNodeBinDir(): string {
  return join(toolDir('kubernetes-node', versions().kubernetes.version), 'bin');
}

/** Builds `commands` of k8s.io/kubernetes in one `go build` through the wrapper module into tools/<tool>-<version>. */
async function buildCommands(tool: string, commands: string[]): Promise<'cached' | 'built'> {
  const k = versions().kubernetes;
  const dir = toolDir(tool, k.version);
  if (isComplete(dir)) return 'cached';
  const upstream = await downloadModule(k.module, k.version);
  // one wrapper module (and so one warm build cache) for every Kubernetes binary
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
      ...commands.map((c) => `${k.module}/cmd/${c}`),
    ],
    { cwd: work, env: goBuildEnv(), stream: 'stderr' },
  );
  markComplete(dir, { module: k.module, version: k.version, commit: upstream.commit, commands });
  return 'built';
}

/** kube-apiserver, kube-controller-manager, kube-scheduler and kubectl. */
export function installKubernetes(): Promise<'cached' | 'built'> {
  return buildCommands('kubernetes', versions().kubernetes.commands);
}

/** kubelet, for the real node. */
export function installKubernetesNode(): Promise<'cached' | 'built'> {
  return buildCommands('kubernetes-node', versions().kubernetes.nodeCommands);
}
