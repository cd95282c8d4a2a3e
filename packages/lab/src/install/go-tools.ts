import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';
import { buildDir, toolDir } from '../paths.js';
import type { GoToolPin } from '../versions.js';
import { downloadModule, goBuildEnv } from './go.js';
import { toolLdflags } from './ldflags.js';
import { isComplete, markComplete } from './marker.js';

export function goToolBinary(tool: GoToolPin): string {
  return join(toolDir(tool.name, tool.version), 'bin', tool.binary ?? tool.name);
}

/** Builds one pinned Go command with `go build` in a throwaway module-aware invocation (`go install pkg@version`). */
export async function installGoTool(tool: GoToolPin): Promise<'cached' | 'built'> {
  const dir = toolDir(tool.name, tool.version);
  if (isComplete(dir)) return 'cached';
  const info = await downloadModule(tool.module, tool.version);
  const bin = join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const ldflags = `-ldflags=${toolLdflags(tool.ldflags, info)}`;
  if (tool.sourceBuild) {
    // the module's own go.mod (its excludes and replaces) rules the build, as in its repository
    const work = buildDir(tool.name, tool.version);
    await rm(work, { recursive: true, force: true });
    await cp(info.dir, work, { recursive: true });
    await runChecked(['chmod', '-R', 'u+w', work]);
    const relative = `./${tool.package.slice(tool.module.length + 1)}`;
    await runChecked(['go', 'build', '-trimpath', '-buildvcs=false', ldflags, '-o', goToolBinary(tool), relative], {
      env: goBuildEnv({ GOFLAGS: '-mod=mod' }),
      cwd: work,
      stream: 'stderr',
    });
    await rm(work, { recursive: true, force: true });
  } else if (tool.plainModule) {
    // `go install pkg@version` asks the proxy for the module's version list (to report a
    // deprecation) and stops when the proxy refuses it; a module of our own that requires the
    // pinned version builds the same code without asking
    const work = buildDir(tool.name, tool.version);
    await mkdir(work, { recursive: true });
    await writeFile(join(work, 'go.mod'), `module todo-deploy-lab/${tool.name}\n\ngo 1.22\n`);
    await writeFile(join(work, 'tools.go'), `//go:build tools\n\npackage tools\n\nimport _ "${tool.package}"\n`);
    await runChecked(['go', 'get', `${tool.package}@${tool.version}`], {
      env: goBuildEnv({ GOFLAGS: '-mod=mod' }),
      cwd: work,
      stream: 'stderr',
    });
    await runChecked(['go', 'build', ldflags, '-o', goToolBinary(tool), tool.package], { env: goBuildEnv(), cwd: work, stream: 'stderr' });
  } else {
    // `go install pkg@version` ignores the current module and honours the module's own go.mod,
    // so no wrapper is needed for these; GOBIN puts the binary in the versioned tool directory.
    await runChecked(['go', 'install', ldflags, `${tool.package}@${tool.version}`], {
      env: goBuildEnv({ GOBIN: bin, GOFLAGS: '-trimpath -buildvcs=false' }),
      cwd: dir,
      stream: 'stderr',
    });
  }
  const built = tool.plainModule || tool.sourceBuild ? goToolBinary(tool) : join(bin, goBinaryName(tool.package) ?? tool.name);
  const wanted = goToolBinary(tool);
  if (built !== wanted) {
    const { rename } = await import('node:fs/promises');
    await rename(built, wanted);
  }
  markComplete(dir, { package: tool.package, version: tool.version, commit: info.commit });
  return 'built';
}

/** The file name `go install` gives a package's binary: its last path element, or the one before a major-version suffix (github.com/x/y/v8 -> y). */
export function goBinaryName(pkg: string): string | undefined {
  const parts = pkg.split('/');
  const last = parts.at(-1);
  return last !== undefined && /^v[2-9][0-9]*$/.test(last) && parts.length > 1 ? parts.at(-2) : last;
}
