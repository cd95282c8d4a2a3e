#!/usr/bin/env bash
# The README's demo: puts Node 24 first on PATH, installs the locked dependencies, starts the
# local lab (installing it when needed) and runs the main job on it twice, as for two commits
# on main: build-images builds the five service images and pushes them to the lab registry,
# helm-deploy deploys chart/ with values-staging.yaml and their tag to namespace staging (an
# install, then an upgrade); with the lab's HTTPS path, smoke-test and verify-cert then check
# https://staging.todo.lab. The bundles run the way the runner runs them; their job summaries
# are printed. The lab is left running.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=node24.sh
source scripts/node24.sh
npm ci --no-audit --no-fund
npm run -s lab -- install
npm run -s lab -- up
if [ ! -f dist/helm-deploy/index.js ] || [ ! -f dist/build-images/index.js ] || [ ! -f dist/smoke-test/index.js ] || [ ! -f dist/verify-cert/index.js ]; then
  npm run -s build
fi
npx tsx scripts/demo.ts

cat <<'DONE'

The lab is still running. To look at it:
  source scripts/node24.sh; eval "$(npm run -s lab -- env)"; kubectl get pods -n staging; helm history todo -n staging
  curl --resolve staging.todo.lab:443:$LAB_HTTPS_ADDRESS --cacert $LAB_ACME_ROOT_CA https://staging.todo.lab/api/health
  curl -s http://$LAB_REGISTRY/v2/octo-demo/hackathon-todo/backend/tags/list
To stop it:
  source scripts/node24.sh; npm run lab -- down
DONE
