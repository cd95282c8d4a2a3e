/** Pure helpers that read a go.mod and write the go.mod of a wrapper module. */

export interface GoModFacts {
  /** The `go` directive, e.g. "1.25.0". */
  go?: string;
  /** `godebug` directives, e.g. ["default=go1.25"]. */
  godebug: string[];
  /** Modules replaced by a local directory (`x => ./staging/src/x`). */
  localReplaces: string[];
}

function stripComment(line: string): string {
  const i = line.indexOf('//');
  return (i >= 0 ? line.slice(0, i) : line).trim();
}

/** Reads the facts a wrapper module needs from a go.mod's text. */
export function parseGoMod(text: string): GoModFacts {
  const facts: GoModFacts = { godebug: [], localReplaces: [] };
  let block: string | undefined;
  for (const raw of text.split('\n')) {
    const line = stripComment(raw);
    if (!line) continue;
    if (block) {
      if (line === ')') {
        block = undefined;
        continue;
      }
      handle(block, line);
      continue;
    }
    const open = /^(\w+)\s*\($/.exec(line);
    if (open) {
      block = open[1];
      continue;
    }
    const directive = /^(\w+)\s+(.*)$/.exec(line);
    if (directive?.[1] && directive[2] !== undefined) handle(directive[1], directive[2]);
  }
  return facts;

  function handle(verb: string, rest: string): void {
    if (verb === 'go') facts.go = rest.trim();
    else if (verb === 'godebug') facts.godebug.push(rest.trim());
    else if (verb === 'replace') {
      const m = /^(\S+)(?:\s+\S+)?\s+=>\s+(\S+)(?:\s+(\S+))?$/.exec(rest.trim());
      if (m?.[1] && m[2] && !m[3] && (m[2].startsWith('./') || m[2].startsWith('../'))) facts.localReplaces.push(m[1]);
    }
  }
}

export interface WrapperSpec {
  /** The wrapper's own module path. */
  module: string;
  go?: string;
  godebug?: string[];
  /** The module whose commands are built, e.g. k8s.io/kubernetes. */
  require: { path: string; version: string };
  /** Each replaced module and the released version that replaces it. */
  replace: { path: string; version: string }[];
}

/** The text of a wrapper go.mod: require the upstream module, replace its local modules with releases. */
export function wrapperGoMod(spec: WrapperSpec): string {
  const lines = [`module ${spec.module}`, ''];
  if (spec.go) lines.push(`go ${spec.go}`, '');
  for (const d of spec.godebug ?? []) lines.push(`godebug ${d}`);
  if (spec.godebug?.length) lines.push('');
  lines.push(`require ${spec.require.path} ${spec.require.version}`, '');
  if (spec.replace.length) {
    lines.push('replace (');
    for (const r of [...spec.replace].sort((a, b) => a.path.localeCompare(b.path))) lines.push(`\t${r.path} => ${r.path} ${r.version}`);
    lines.push(')', '');
  }
  return lines.join('\n');
}

/** The wrapper for an upstream module: its local replaces become releases at `replaceVersion`. */
export function wrapperFor(
  upstream: { path: string; version: string; goMod: string },
  replaceVersion: string,
  skip: readonly string[] = [],
): string {
  const facts = parseGoMod(upstream.goMod);
  const name = upstream.path.replace(/[^A-Za-z0-9.]+/g, '-');
  return wrapperGoMod({
    module: `todo-deploy.lab/${name}`,
    go: facts.go,
    godebug: facts.godebug,
    require: { path: upstream.path, version: upstream.version },
    replace: facts.localReplaces.filter((p) => !skip.includes(p)).map((path) => ({ path, version: replaceVersion })),
  });
}
