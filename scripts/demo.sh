#!/usr/bin/env bash
# The README's demo: puts Node 24 first on PATH, installs the locked dependencies, starts the
# local lab with its real node and HTTPS path (installing it when needed) and runs the example
# app's two workflows with act on it (scripts/demo.ts): a push to main (images, staging,
# verify-cert and smoke-test over HTTPS), then a published release (the same digests promoted
# and deployed to production). Each job's summaries are printed. The lab is left running.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=node24.sh
source scripts/node24.sh
npm ci --no-audit --no-fund
npm run -s lab -- install
npm run -s lab -- up --real-node --https
if [ ! -f dist/helm-deploy/index.js ] || [ ! -f dist/build-images/index.js ] || [ ! -f dist/smoke-test/index.js ] || [ ! -f dist/verify-cert/index.js ]; then
  npm run -s build
fi
npx tsx scripts/demo.ts

cat <<'DONE'

The lab is still running. To look at it:
  source scripts/node24.sh; eval "$(npm run -s lab -- env)"; kubectl get pods -A -l app.kubernetes.io/instance=todo; helm list -A
  curl --resolve staging.todo.lab:443:$LAB_HTTPS_ADDRESS --cacert $LAB_ACME_ROOT_CA https://staging.todo.lab/api/health
  curl --resolve todo.lab:443:$LAB_HTTPS_ADDRESS --cacert $LAB_ACME_ROOT_CA https://todo.lab/api/health
  curl -s http://$LAB_REGISTRY/v2/octo-org/hackathon-todo/backend/tags/list
To stop it:
  source scripts/node24.sh; npm run lab -- down
DONE
