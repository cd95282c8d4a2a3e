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
  const built = join(bin, tool.package.split('/').at(-1) ?? tool.name);
  const wanted = goToolBinary(tool);
  if (built !== wanted) {
    const { rename } = await import('node:fs/promises');
    await rename(built, wanted);
  }
  markComplete(dir, { package: tool.package, version: tool.version, commit: info.commit });
  return 'built';
}
