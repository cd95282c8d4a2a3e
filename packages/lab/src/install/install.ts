import { existsSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { formatDuration, info, step } from '../log.js';
import { cacheRoot } from '../paths.js';
import { binLinks, toolPaths } from '../tools.js';
import { type GoToolPin, versions } from '../versions.js';
import { dpkgVersion, installAptPackages } from './apt.js';
import { installCertManagerCommand } from './cert-manager.js';
import { installCrds } from './crds.js';
import { installEtcd } from './etcd.js';
import { installGoTool } from './go-tools.js';
import { installImageBinaries } from './images.js';
import { installKubernetes, installKubernetesNode } from './kubernetes.js';
import { checkPrerequisites } from './prereq.js';
import { installTraefik } from './traefik.js';
import { installPythonTool } from './zizmor.js';

/** goTools that `go install pkg@version` cannot build (replace directives, nested modules): built through a wrapper module. */
const WRAPPER_BUILDS: Record<string, (tool: GoToolPin) => Promise<'cached' | 'built'>> = {
  traefik: installTraefik,
  'cert-manager-controller': installCertManagerCommand,
  'cert-manager-acmesolver': installCertManagerCommand,
};

async function linkBinaries(): Promise<void> {
  const dir = toolPaths().binDir;
  await mkdir(dir, { recursive: true });
  for (const [name, target] of Object.entries(binLinks(toolPaths()))) {
    const link = join(dir, name);
    await rm(link, { force: true });
    if (existsSync(target)) await symlink(target, link);
  }
}

/** Builds and installs every pinned component into the cache; a warm run only checks markers. */
export async function install(): Promise<void> {
  const start = Date.now();
  const v = versions();
  info(`cache: ${cacheRoot()}`);
  let needApt = false;
  for (const p of v.apt) if ((await dpkgVersion(p.name)) !== p.version) needApt = true;
  await step('prerequisites (go, python3, openssl, apt-get)', () => checkPrerequisites(needApt));
  await step(`apt: ${v.apt.map((p) => `${p.name} ${p.version}`).join(', ')}`, installAptPackages);
  for (const crd of v.crds) await step(`CRDs of ${crd.name} ${crd.version}`, () => installCrds(crd));
  for (const py of v.python) await step(`${py.name} ${py.version} (PyPI, venv)`, () => installPythonTool(py.name, py.version));
  const skipped: string[] = [];
  for (const tool of v.goTools) {
    try {
      const build = WRAPPER_BUILDS[tool.name];
      const how = build ? `${tool.package}, wrapper module` : tool.package;
      await step(`${tool.name} ${tool.version} (${how})`, () => (build ?? installGoTool)(tool));
    } catch (error) {
      if (!tool.optional) throw error;
      skipped.push(tool.name);
      info(`${tool.name} is optional and was not installed: ${(error as Error).message.split('\n').slice(-3).join(' ')}`);
    }
  }
  await step(`etcd ${v.etcd.version} (${v.etcd.module}, wrapper module)`, installEtcd);
  await step(`kubernetes ${v.kubernetes.version}: ${v.kubernetes.commands.join(', ')} (wrapper module)`, installKubernetes);
  await step(
    `kubernetes ${v.kubernetes.version}: ${v.kubernetes.nodeCommands.join(', ')} for the real node (same wrapper module)`,
    installKubernetesNode,
  );
  await step("the lab images' static binaries (pause, demo-server, sbom-scanner)", installImageBinaries);
  await step('links in the lab bin directory', linkBinaries);
  info(`install complete in ${formatDuration(Date.now() - start)}${skipped.length ? `; not installed: ${skipped.join(', ')}` : ''}`);
}
