import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';
import { toolDir } from '../paths.js';
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
  // `go install pkg@version` ignores the current module and honours the module's own go.mod,
  // so no wrapper is needed for these; GOBIN puts the binary in the versioned tool directory.
  await runChecked(['go', 'install', `-ldflags=${toolLdflags(tool.ldflags, info)}`, `${tool.package}@${tool.version}`], {
    env: goBuildEnv({ GOBIN: bin, GOFLAGS: '-trimpath -buildvcs=false' }),
    cwd: dir,
    stream: 'stderr',
  });
  const built = join(bin, goBinaryName(tool.package) ?? tool.name);
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
