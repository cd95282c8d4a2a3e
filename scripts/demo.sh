#!/usr/bin/env bash
# The README's demo: starts the local lab (installing it when needed), deploys chart/ with
# values-staging.yaml to namespace staging through the bundled helm-deploy action run the
# way the runner runs it, upgrades it to a new image tag, prints the job summaries, and
# leaves the lab running.
set -euo pipefail
cd "$(dirname "$0")/.."

npm run -s lab -- install
npm run -s lab -- up
if [ ! -f dist/helm-deploy/index.js ]; then
  npm run -s build
fi
npx tsx scripts/demo.ts

cat <<'DONE'

The lab is still running. To look at it:
  eval "$(npm run -s lab -- env)"; kubectl get pods -n staging; helm history todo -n staging
To stop it:
  npm run lab -- down
DONE
