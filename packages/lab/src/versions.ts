import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A Go command installed with `go install <package>@<version>`. */
export interface GoToolPin {
  name: string;
  /** File name of the built binary (defaults to name). */
  binary?: string;
  package: string;
  module: string;
  version: string;
  /** -X flags; values may use {version} and {commit}. */
  ldflags: Record<string, string>;
  /** Build through a module of our own that requires it (go get + go build) instead of `go install pkg@version`. */
  plainModule?: boolean;
  /**
   * Build in a copy of the module's own source (`go build ./cmd/x` there): for a module whose
   * go.mod has exclude directives, which `go install pkg@version` refuses (moby/buildkit).
   */
  sourceBuild?: boolean;
  /** When true, a failed build is reported but does not fail `install`. */
  optional?: boolean;
  note?: string;
}

export interface CrdPin {
  name: string;
  module: string;
  version: string;
  /** Paths inside the module's source tree. */
  files: string[];
  note?: string;
}

export interface Versions {
  kubernetes: {
    module: string;
    version: string;
    stagingVersion: string;
    commands: string[];
    /** The real node's commands (kubelet), built into a directory of their own from the same wrapper module. */
    nodeCommands: string[];
  };
  etcd: { module: string; version: string; skipReplace: string[] };
  goTools: GoToolPin[];
  python: { name: string; version: string }[];
  apt: { name: string; version: string; binary: string; for?: string }[];
  crds: CrdPin[];
}

export const versionsFile = fileURLToPath(new URL('../versions.json', import.meta.url));

let cached: Versions | undefined;

/** The pinned versions of every lab component (packages/lab/versions.json). */
export function versions(): Versions {
  cached ??= JSON.parse(readFileSync(versionsFile, 'utf8')) as Versions;
  return cached;
}

export function goTool(name: string): GoToolPin {
  const tool = versions().goTools.find((t) => t.name === name);
  if (!tool) throw new Error(`no Go tool named ${name} in ${versionsFile}`);
  return tool;
}
