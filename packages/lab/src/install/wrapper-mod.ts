/**
 * Pure helpers for wrapper modules whose upstream go.mod also replaces modules with forks or
 * excludes versions (Traefik, cert-manager): only the main module's replace and exclude
 * directives apply, so a wrapper repeats them.
 */

export interface ModuleDirectives {
  go?: string;
  godebug: string[];
  /** `a => b v1.2.3` and `a v1 => b v2` lines, as written. */
  moduleReplaces: string[];
  /** `a => ./dir`: the module lives in a directory of the upstream repository. */
  localReplaces: { path: string; dir: string }[];
  /** `a v1.2.3` lines. */
  excludes: string[];
}

function stripComment(line: string): string {
  const i = line.indexOf('//');
  return (i >= 0 ? line.slice(0, i) : line).trim();
}

/** Reads go, godebug, replace and exclude directives from a go.mod's text. */
export function moduleDirectives(text: string): ModuleDirectives {
  const out: ModuleDirectives = { godebug: [], moduleReplaces: [], localReplaces: [], excludes: [] };
  let block: string | undefined;
  const handle = (verb: string, rest: string): void => {
    const value = rest.trim();
    if (verb === 'go') out.go = value;
    else if (verb === 'godebug') out.godebug.push(value);
    else if (verb === 'exclude') out.excludes.push(value.replace(/\s+/g, ' '));
    else if (verb === 'replace') {
      const m = /^(\S+)(?:\s+\S+)?\s+=>\s+(\S+)(?:\s+(\S+))?$/.exec(value);
      if (!m?.[1] || !m[2]) return;
      if (!m[3] && (m[2].startsWith('./') || m[2].startsWith('../'))) out.localReplaces.push({ path: m[1], dir: m[2] });
      else out.moduleReplaces.push(value.replace(/\s+/g, ' '));
    }
  };
  for (const raw of text.split('\n')) {
    const line = stripComment(raw);
    if (!line) continue;
    if (block) {
      if (line === ')') block = undefined;
      else handle(block, line);
      continue;
    }
    const open = /^(\w+)\s*\($/.exec(line);
    if (open?.[1]) block = open[1];
    else {
      const d = /^(\w+)\s+(.*)$/.exec(line);
      if (d?.[1] && d[2] !== undefined) handle(d[1], d[2]);
    }
  }
  return out;
}

export interface DirectiveWrapperSpec {
  /** The wrapper's own module path. */
  module: string;
  /** What the upstream go.mod says (go, godebug, forks, excludes are repeated). */
  upstream: ModuleDirectives;
  require: { path: string; version: string };
  /** Local replaces of the wrapper: module path => directory relative to the wrapper. */
  local: { path: string; dir: string }[];
}

/** The go.mod text of a wrapper that repeats its upstream's fork replaces and excludes. */
export function directiveWrapperGoMod(spec: DirectiveWrapperSpec): string {
  const u = spec.upstream;
  const lines = [`module ${spec.module}`, ''];
  if (u.go) lines.push(`go ${u.go}`, '');
  for (const d of u.godebug) lines.push(`godebug ${d}`);
  if (u.godebug.length) lines.push('');
  lines.push(`require ${spec.require.path} ${spec.require.version}`, '');
  const replaces = [...spec.local.map((l) => `${l.path} => ${l.dir}`), ...u.moduleReplaces];
  if (replaces.length) lines.push('replace (', ...replaces.map((r) => `\t${r}`), ')', '');
  if (u.excludes.length) lines.push('exclude (', ...u.excludes.map((e) => `\t${e}`), ')', '');
  return lines.join('\n');
}
