// The pipeline's own clock: the example app's main.yml run by act against the lab, from the
// push event to staging verified (images built and pushed, helm-deploy done, verify-cert and
// smoke-test passed over HTTPS), with what it is made of (each job, the deploy job's steps);
// the ratio is against the seed's goal of 10 minutes on GitHub. Then the rollback drill: a
// push whose backend crashes at start, from the push event to the failed run with the previous
// revision serving again (helm-deploy's fast failure and rollback), checked by asking staging.
// BENCH_ROUNDS rounds (default 1), fresh staging each.
import { join } from 'node:path';
import { helm, kubectl, requireHttps, requireRealNode } from '@todo-deploy/lab';
import {
  appRepository,
  commitChange,
  ensureAppSecrets,
  labEnv,
  pushToMain,
  tempDir,
  todoDeploySnapshot,
  type PipelineRun,
} from '../scripts/pipeline.js';
import { median, spread } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const GOAL_MS = 10 * 60_000;
const DOMAIN = 'bench.lab';
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function breakdown(run: PipelineRun): string {
  const parts = Object.values(run.jobs)
    .filter((j) => j.span)
    .map((j) => {
      const ms = (j.span?.to ?? 0) - (j.span?.from ?? 0);
      return `${j.name} ${ms < 1000 ? 'under 1 s' : s(ms)}`; // act logs whole seconds
    });
  const deploy = run.jobs['staging/deploy/deploy'];
  const steps = Object.entries(deploy?.stepSpans ?? {})
    .filter(([name]) => ['Deploy', 'Verify the certificate', 'Smoke test'].includes(name))
    .map(([name, span]) => `${name} ${s(span.to - span.from)}`);
  return `${parts.join(', ')}${steps.length ? `; in the deploy job: ${steps.join(', ')}` : ''}`;
}

const lab = await labEnv();
await requireHttps();
await requireRealNode();
const totals: number[] = [];
const drills: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  await kubectl(['delete', 'namespace', 'staging', '--ignore-not-found', '--wait=true', '--timeout=180s']);
  await ensureAppSecrets('staging');
  const base = tempDir('bench-pipeline-');
  const snapshot = await todoDeploySnapshot(join(base, 'todo-deploy'));
  const repo = join(base, 'hackathon-todo');
  const sha = await appRepository(repo);
  const push = await pushToMain(lab, repo, sha, { snapshot, domain: DOMAIN });
  if (push.exitCode !== 0) throw new Error(`round ${round}: the push run failed (exit ${push.exitCode})`);
  totals.push(push.durationMs);
  console.log(`round ${round}: push -> staging verified ${s(push.durationMs)} (${breakdown(push)})`);

  const bad = await commitChange(repo, 'a change whose backend crashes at start');
  const drill = await pushToMain(lab, repo, bad, {
    snapshot,
    domain: DOMAIN,
    vars: { SET_STRING: 'services.backend.env.DEMO_CRASH_AT_START=true' },
  });
  const log = (drill.jobs['staging/deploy/deploy']?.log ?? []).join('\n');
  const rolledBack = /rolled back|Rolled back/.test(log);
  if (drill.exitCode === 0 || !rolledBack) throw new Error(`round ${round}: the drill did not fail and roll back (exit ${drill.exitCode})`);
  // the previous revision serves: the good tag in the release, the backend Deployment available
  const values = await helm(3, ['get', 'values', 'todo', '-n', 'staging', '-o', 'json']);
  const tag = (JSON.parse(values.stdout) as { global: { imageTag: string } }).global.imageTag;
  const available = await kubectl(['rollout', 'status', 'deployment/todo-backend', '-n', 'staging', '--timeout=60s']);
  if (tag !== `sha-${sha.slice(0, 7)}` || available.exitCode !== 0)
    throw new Error(`round ${round}: after the drill the release has ${tag} (available: ${available.exitCode === 0})`);
  const reason = /::error::([^\n]*)|Error: ([^\n]*)/.exec(log);
  drills.push(drill.durationMs);
  console.log(
    `round ${round}: rollback drill ${s(drill.durationMs)} from the push to the previous revision serving (${breakdown(drill)}); said: ${(reason?.[1] ?? reason?.[2] ?? '').slice(0, 160)}`,
  );
}
console.log(`\npush -> staging verified: ${spread(totals)}; median / 10 min goal: ${(median(totals) / GOAL_MS).toFixed(2)}`);
console.log(
  `rollback drill (bad push -> failed, previous revision serving): ${spread(drills)}; median / push -> verified: ${(median(drills) / median(totals)).toFixed(2)}`,
);
