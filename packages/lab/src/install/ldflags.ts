/** Pure builders of -ldflags strings. */

export interface ModuleInfo {
  version: string;
  /** The commit of the tag, from the module proxy's .info Origin.Hash. */
  commit?: string;
  /** The tag's time, RFC 3339. */
  time?: string;
}

export function xflags(vars: Record<string, string>): string[] {
  return Object.entries(vars).map(([name, value]) => `-X ${name}=${value}`);
}

/** Parses "v1.35.4" into major "1" and minor "35". */
export function majorMinor(version: string): { major: string; minor: string } {
  const m = /^v?(\d+)\.(\d+)\./.exec(version);
  if (!m?.[1] || !m[2]) throw new Error(`not a semantic version: ${version}`);
  return { major: m[1], minor: m[2] };
}

/** The version variables of hack/lib/version.sh, for component-base and client-go. */
export function kubernetesLdflags(info: ModuleInfo): string {
  const { major, minor } = majorMinor(info.version);
  const vars: Record<string, string> = {};
  for (const pkg of ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']) {
    vars[`${pkg}.gitVersion`] = info.version;
    vars[`${pkg}.gitMajor`] = major;
    vars[`${pkg}.gitMinor`] = minor;
    vars[`${pkg}.gitTreeState`] = 'clean';
    if (info.commit) vars[`${pkg}.gitCommit`] = info.commit;
    if (info.time) vars[`${pkg}.buildDate`] = info.time.replace(/\.\d+Z$/, 'Z');
  }
  return ['-s', '-w', ...xflags(vars)].join(' ');
}

/** Expands {version} and {commit} in a tool's pinned -X flags. */
export function toolLdflags(template: Record<string, string>, info: ModuleInfo): string {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(template)) {
    vars[name] = value.replaceAll('{version}', info.version).replaceAll('{commit}', info.commit ?? '');
  }
  return ['-s', '-w', ...xflags(vars)].join(' ');
}
