// Promotion (build-images promote: true) of five services against one, on the lab registry:
// each service's sha-<short> manifest copied under a new release tag, no build. Both are the
// bundled action run as the runner runs it, side by side, a new release tag each run.
// Target (issue 18): five / one under 2 (the per-service work is two small HTTP calls; the
// action's start dominates).
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repoRoot, runAction } from '@todo-deploy/harness';
import { buildahEnv, labEnv } from '@todo-deploy/lab';
import { ratioLine, sideBySide } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const lab = await labEnv();
const fixtures = join(repoRoot(), 'actions/build-images/test/fixtures');
const repository = `bench-promote/r${randomBytes(4).toString('hex')}`;
const sha = randomBytes(20).toString('hex');
const FIVE = ['frontend', 'backend', 'mcp', 'notification', 'sse-gateway'];
const services = (names: string[]) => names.map((n) => `${n}=${fixtures}/backend`).join('\n');
const context = (ref: string) => ({ GITHUB_REPOSITORY: 'octo/hackathon-todo', GITHUB_REF: ref, GITHUB_SHA: sha });
const common = { registry: lab.registry, 'tls-verify': 'false', repository };

const built = await runAction('build-images', {
  inputs: { ...common, services: services(FIVE) },
  env: buildahEnv(lab),
  context: context('refs/heads/main'),
});
if (built.exitCode !== 0) throw new Error(`the build of the five images failed: ${built.stdout.slice(-400)}`);

let release = 0;
async function promote(names: string[]): Promise<number> {
  release += 1;
  const started = performance.now();
  const run = await runAction('build-images', {
    inputs: { ...common, promote: 'true', services: services(names) },
    context: context(`refs/tags/v0.${release}.0`),
  });
  if (run.exitCode !== 0) throw new Error(`promotion failed: ${run.stdout.slice(-400)}`);
  return performance.now() - started;
}

const wall = await sideBySide(
  ROUNDS,
  () => promote(FIVE),
  () => promote(['backend']),
);
console.log(`build-images promotion, 5 services vs 1, ${ROUNDS} rounds each, medians:`);
console.log(ratioLine('wall-time ratio', wall.subject, wall.baseline, '< 2', wall.subject / wall.baseline < 2));
