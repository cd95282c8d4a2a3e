import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked } from '@todo-deploy/process';
import { buildDir, toolDir } from '../paths.js';
import type { GoToolPin } from '../versions.js';
import { goToolBinary } from './go-tools.js';
import { downloadModule, goBuildEnv } from './go.js';
import { toolLdflags } from './ldflags.js';
import { isComplete, markComplete } from './marker.js';
import { directiveWrapperGoMod, moduleDirectives } from './wrapper-mod.js';

/**
 * cert-manager's main packages (cmd/controller, cmd/acmesolver) are nested modules with a
 * `replace ../../` that the module proxy does not serve. The lab's own small main packages
 * (cert-manager/ beside this file) start cert-manager's released controllers and solver; their
 * wrapper module's path lies under github.com/cert-manager/cert-manager/ so that they may use
 * its internal packages (configuration defaults and validation), as upstream's mains do.
 */
export const CERT_MANAGER_WRAPPER = 'github.com/cert-manager/cert-manager/todo-deploy-lab';
const sources = fileURLToPath(new URL('./cert-manager', import.meta.url));

/** Builds one of the lab's cert-manager commands (`<wrapper>/controller`, `<wrapper>/acmesolver`). */
export async function installCertManagerCommand(tool: GoToolPin): Promise<'cached' | 'built'> {
  const dir = toolDir(tool.name, tool.version);
  if (isComplete(dir)) return 'cached';
  if (!tool.package.startsWith(`${CERT_MANAGER_WRAPPER}/`))
    throw new Error(`${tool.name}: the package must lie in the lab's wrapper module ${CERT_MANAGER_WRAPPER}`);
  const upstream = await downloadModule(tool.module, tool.version);
  const directives = moduleDirectives(await readFile(upstream.goModFile, 'utf8'));
  if (directives.localReplaces.length)
    throw new Error(
      `${tool.module}@${tool.version} replaces modules with local directories: ${directives.localReplaces.map((r) => r.path).join(', ')}`,
    );
  const work = buildDir('cert-manager', tool.version);
  await mkdir(work, { recursive: true });
  await cp(sources, work, { recursive: true });
  await writeFile(
    join(work, 'go.mod'),
    directiveWrapperGoMod({
      module: CERT_MANAGER_WRAPPER,
      upstream: directives,
      require: { path: tool.module, version: tool.version },
      local: [],
    }),
  );
  await mkdir(join(dir, 'bin'), { recursive: true });
  await runChecked(['go', 'build', `-ldflags=${toolLdflags(tool.ldflags, upstream)}`, '-o', goToolBinary(tool), tool.package], {
    cwd: work,
    env: goBuildEnv(),
    stream: 'stderr',
  });
  markComplete(dir, { module: tool.module, package: tool.package, version: tool.version, commit: upstream.commit });
  return 'built';
}
