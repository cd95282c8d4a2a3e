import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';
import { buildDir, toolDir } from '../paths.js';
import type { GoToolPin } from '../versions.js';
import { goToolBinary } from './go-tools.js';
import { downloadModule, goBuildEnv } from './go.js';
import { toolLdflags } from './ldflags.js';
import { isComplete, markComplete } from './marker.js';
import { directiveWrapperGoMod, moduleDirectives } from './wrapper-mod.js';

/**
 * `go install` refuses Traefik (its go.mod has replace directives), and a wrapper module must
 * repeat them, but the modules they point at are not to be had here: the Go module proxy
 * refuses Traefik's forks github.com/containous/{mux,go-http-auth,minheap} as whole modules,
 * and v3.7's nested module github.com/traefik/traefik/dynamic/ext is in no module zip. Each
 * such replace gets a stand-in below; a replace the table does not know stops the build.
 */
type StandIn =
  /** Build with the released module copied into the wrapper, plus files of the lab's own. */
  | { kind: 'patched'; module: string; version: string; files: Record<string, string> }
  /** A local module written by the lab. */
  | { kind: 'local'; files: Record<string, string> }
  /** The traefik command does not import it: leave the replace out. */
  | { kind: 'drop' };

const STAND_INS: Record<string, StandIn> = {
  // containous/go-http-auth is abbot/go-http-auth v0.4.0 plus CheckSecret and
  // DigestAuth.RequireAuthStale, which Traefik's basic and digest auth middlewares call; the
  // stand-in adds both on top of the release, written by the lab (the lab uses neither middleware)
  'github.com/abbot/go-http-auth': {
    kind: 'patched',
    module: 'github.com/abbot/go-http-auth',
    version: 'v0.4.0',
    files: {
      'traefik_fork.go': `package auth

// Written by the todo-deploy lab: the two names Traefik needs from its go-http-auth fork.

import (
\t"fmt"
\t"net/http"
\t"strings"
\t"time"
)

// CheckSecret reports whether password matches the htpasswd entry secret, compared the way
// BasicAuth.CheckAuth compares them.
func CheckSecret(password, secret string) bool {
\tcompare := compareFuncs[0].compare
\tfor _, cmp := range compareFuncs[1:] {
\t\tif strings.HasPrefix(secret, cmp.prefix) {
\t\t\tcompare = cmp.compare
\t\t\tbreak
\t\t}
\t}
\treturn compare([]byte(secret), []byte(password)) == nil
}

// RequireAuthStale answers like RequireAuth, with stale=true: the client may retry with the new nonce.
func (a *DigestAuth) RequireAuthStale(w http.ResponseWriter, r *http.Request) {
\tif len(a.clients) > a.ClientCacheSize+a.ClientCacheTolerance {
\t\ta.Purge(a.ClientCacheTolerance * 2)
\t}
\tnonce := RandomKey()
\ta.clients[nonce] = &digest_client{nc: 0, last_seen: time.Now().UnixNano()}
\tw.Header().Set(contentType, a.Headers.V().UnauthContentType)
\tw.Header().Set(a.Headers.V().Authenticate,
\t\tfmt.Sprintf(\`Digest realm="%s", nonce="%s", opaque="%s", algorithm="MD5", qop="auth", stale=true\`,
\t\t\ta.Realm, nonce, a.Opaque))
\tw.WriteHeader(a.Headers.V().UnauthCode)
\t_, _ = w.Write([]byte(a.Headers.V().UnauthResponse))
}
`,
    },
  },
  // containous/mux adds RoutingPathKey and Router.UseRoutingPath to gorilla/mux v1.8.1; Traefik
  // uses the key only as a context key and UseRoutingPath only for the v2 rule syntax matchers.
  // The stand-in keeps the key and makes UseRoutingPath a no-op: v2-syntax Path/PathPrefix
  // rules then match the decoded URL path (rule syntax v3, the default, is unaffected).
  'github.com/gorilla/mux': {
    kind: 'patched',
    module: 'github.com/gorilla/mux',
    version: 'v1.8.1',
    files: {
      'routing_path.go': `package mux

// Written by the todo-deploy lab: the two names Traefik needs from its gorilla/mux fork.

type routingPathKey struct{}

// RoutingPathKey is the request-context key under which Traefik stores the routing path.
var RoutingPathKey = routingPathKey{}

// UseRoutingPath is a no-op here: routes match the request's URL path.
func (r *Router) UseRoutingPath() *Router { return r }
`,
    },
  },
  'github.com/mailgun/minheap': { kind: 'drop' },
  // the extension point of Traefik's commercial builds (v3.7+): empty structs in the open-source build
  'github.com/traefik/traefik/dynamic/ext': {
    kind: 'local',
    files: {
      'go.mod': 'module github.com/traefik/traefik/dynamic/ext\n\ngo 1.24.0\n',
      'ext.go': `// Package ext: the empty extension types of Traefik's open-source build (written by the lab).
package ext

// HTTP extends dynamic.HTTP.
type HTTP struct{}

// Router extends dynamic.Router.
type Router struct{}
`,
    },
  },
};

function replacedPath(line: string): string {
  return line.split(/\s+/)[0] ?? line;
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

/** Copies a released module's top-level Go files (not its tests) into `dir`, plus `files`. */
async function patchedModule(dir: string, module: string, version: string, files: Record<string, string>): Promise<void> {
  const mod = await downloadModule(module, version);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(mod.dir)) {
    if (name === 'go.mod' || name === 'LICENSE' || (name.endsWith('.go') && !name.endsWith('_test.go')))
      await writeFile(join(dir, name), await readFile(join(mod.dir, name)));
  }
  // a module from before Go modules has no go.mod: the proxy serves a synthesized one
  if (!existsSync(join(dir, 'go.mod'))) await writeFile(join(dir, 'go.mod'), `module ${module}\n`);
  await writeFiles(dir, files);
}

/** Builds Traefik v3 through a wrapper module with the stand-ins above. */
export async function installTraefik(tool: GoToolPin): Promise<'cached' | 'built'> {
  const dir = toolDir(tool.name, tool.version);
  if (isComplete(dir)) return 'cached';
  const upstream = await downloadModule(tool.module, tool.version);
  const directives = moduleDirectives(await readFile(upstream.goModFile, 'utf8'));
  const work = buildDir(tool.name, tool.version);
  await mkdir(work, { recursive: true });
  const local: { path: string; dir: string }[] = [];
  const moduleReplaces: string[] = [];
  const unknown: string[] = [];
  const replaced = [...directives.localReplaces.map((r) => r.path), ...directives.moduleReplaces.map(replacedPath)];
  for (const path of replaced) {
    const standIn = STAND_INS[path];
    const sub = `./stand-in/${path.replaceAll('/', '_')}`;
    if (!standIn) {
      const line = directives.moduleReplaces.find((r) => replacedPath(r) === path);
      if (line) moduleReplaces.push(line);
      else unknown.push(path);
    } else if (standIn.kind === 'patched') {
      await patchedModule(join(work, sub), standIn.module, standIn.version, standIn.files);
      local.push({ path, dir: sub });
    } else if (standIn.kind === 'local') {
      await writeFiles(join(work, sub), standIn.files);
      local.push({ path, dir: sub });
    }
  }
  if (unknown.length)
    throw new Error(
      `${tool.module}@${tool.version} replaces modules with local directories the lab has no stand-in for: ${unknown.join(', ')}`,
    );
  const goMod = directiveWrapperGoMod({
    module: 'todo-deploy.lab/traefik',
    upstream: { ...directives, moduleReplaces },
    require: { path: tool.module, version: tool.version },
    local,
  });
  await writeFile(join(work, 'go.mod'), goMod);
  await mkdir(join(dir, 'bin'), { recursive: true });
  await runChecked(['go', 'build', `-ldflags=${toolLdflags(tool.ldflags, upstream)}`, '-o', goToolBinary(tool), tool.package], {
    cwd: work,
    env: goBuildEnv(),
    stream: 'stderr',
  });
  markComplete(dir, { module: tool.module, package: tool.package, version: tool.version, commit: upstream.commit, standIns: replaced });
  return 'built';
}
