// The demo: the product's main job, whole, on the lab. The example app repository
// (examples/todo-app, the seed's layout, the lab's demo-server in place of each service) is
// committed to a fresh git repository, and its two caller workflows are run by a real runner,
// nektos/act in host mode, with this working tree as octo-org/todo-deploy@v1:
//   push to main   -> tests, secret scan, five images (sha-<short>, main-latest) -> staging,
//                     checked by verify-cert and smoke-test over HTTPS (https://staging.todo.lab)
//   release vX.Y.Z -> the same digests promoted to vX.Y.Z (no rebuild) -> production
//                     (https://todo.lab), checked the same way
// Each job's result and summaries are printed as text. scripts/demo.sh starts the lab first.
import { join } from 'node:path';
import { helm, kubectl, requireHttps, requireRealNode } from '@todo-deploy/lab';
import {
  appRepository,
  ensureAppSecrets,
  labEnv,
  pushToMain,
  publishRelease,
  SERVICES,
  tempDir,
  todoDeploySnapshot,
  type PipelineRun,
} from './pipeline.js';
import { summaryText } from './demo-summary.js';

const lab = await labEnv();
const https = await requireHttps();
const node = await requireRealNode();
const base = tempDir('todo-demo-');
const snapshot = await todoDeploySnapshot(join(base, 'todo-deploy'));
const repo = join(base, 'hackathon-todo');

function show(title: string, run: PipelineRun): boolean {
  console.log(`\n━━ ${title}: act exit ${run.exitCode} in ${(run.durationMs / 1000).toFixed(1)} s`);
  for (const job of Object.values(run.jobs)) {
    if (!job.result) continue; // a caller job: its reusable workflow's jobs are listed
    const failed = Object.entries(job.steps).filter(([, r]) => r === 'failure');
    console.log(`\n▶ job ${job.name}: ${job.result}${failed.length ? ` (failed: ${failed.map(([s]) => s).join(', ')})` : ''}`);
    if (job.result !== 'success')
      console.log(
        job.log
          .slice(-15)
          .map((l) => `  │ ${l}`)
          .join('\n'),
      );
    for (const summary of job.summaries) console.log(`\n${summaryText(summary).replace(/^/gm, '  ')}`);
  }
  return run.exitCode === 0;
}

async function runningDigests(namespace: string): Promise<string> {
  const r = await kubectl([
    'get',
    'pods',
    '-n',
    namespace,
    '-l',
    'app.kubernetes.io/instance=todo',
    '-o',
    'jsonpath={range .items[*]}{.metadata.labels.app\\.kubernetes\\.io/component}={.status.containerStatuses[0].imageID}{"\\n"}{end}',
  ]);
  return [
    ...new Set(
      r.stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(/=.*@/, ' @ ')),
    ),
  ]
    .sort()
    .join('\n  ');
}

console.log(
  `The lab: registry ${lab.registry}, real node ${node}, HTTPS at ${https.address} (ACME CA Pebble, ClusterIssuer ${https.issuer})`,
);
for (const ns of ['staging', 'production']) await ensureAppSecrets(ns);
const sha = await appRepository(repo, 'app: the demo commit on main');
console.log(`App repository ${repo}: commit ${sha.slice(0, 7)} on main; todo-deploy ${snapshot} as octo-org/todo-deploy@v1`);

const push = await pushToMain(lab, repo, sha, { snapshot });
let ok = show('push to main (examples/todo-app/.github/workflows/main.yml)', push);
if (ok) {
  const version = `v1.0.${Math.floor(Date.now() / 1000) % 100000}`;
  const release = await publishRelease(lab, repo, sha, version, { snapshot });
  ok = show(`release ${version} published (examples/todo-app/.github/workflows/release.yml)`, release);
  const releases = await helm(3, ['list', '-A', '--filter', '^todo$']);
  console.log(`\n━━ what runs now\n${releases.stdout.trim()}`);
  console.log(`\nstaging (${SERVICES.length} services, by digest):\n  ${await runningDigests('staging')}`);
  console.log(`production (the same digests, promoted to ${version}):\n  ${await runningDigests('production')}`);
}
process.exitCode = ok ? 0 : 1;
