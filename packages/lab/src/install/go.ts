import { readFile } from 'node:fs/promises';
import { runChecked } from '@todo-deploy/process';
import type { ModuleInfo } from './ldflags.js';

/** The environment of every Go build: static, reproducible binaries; Go's default build cache is kept. */
export function goBuildEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-trimpath -buildvcs=false -mod=mod', GOTOOLCHAIN: 'local', ...extra };
}

export interface DownloadedModule extends ModuleInfo {
  path: string;
  /** The extracted source tree in the module cache. */
  dir: string;
  /** The module's go.mod file. */
  goModFile: string;
}

interface DownloadJson {
  Path: string;
  Version: string;
  Dir?: string;
  GoMod?: string;
  Error?: string;
  Origin?: { Hash?: string };
  Info?: string;
}

/** `go mod download -json <module>@<version>`: where the sources are, and the tag's commit and time. */
export async function downloadModule(path: string, version: string): Promise<DownloadedModule> {
  const { stdout } = await runChecked(['go', 'mod', 'download', '-json', `${path}@${version}`], { env: goBuildEnv({ GOFLAGS: '' }) });
  const json = JSON.parse(stdout) as DownloadJson;
  if (json.Error || !json.Dir || !json.GoMod)
    throw new Error(`go mod download ${path}@${version}: ${json.Error ?? 'no Dir in the answer'}`);
  // a module already in the cache is reported without Origin: the .info file keeps it
  let info: { Time?: string; Origin?: { Hash?: string } } = {};
  if (json.Info) info = JSON.parse(await readFile(json.Info, 'utf8')) as typeof info;
  return {
    path: json.Path,
    version: json.Version,
    dir: json.Dir,
    goModFile: json.GoMod,
    commit: json.Origin?.Hash ?? info.Origin?.Hash,
    time: info.Time,
  };
}
