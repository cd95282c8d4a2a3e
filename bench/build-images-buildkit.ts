// build-images with BuildKit (the lab's buildkitd, docker buildx bake through the remote
// driver) on the lab registry, two ratios of issue 18:
// 1. five services in one BuildKit session / the slowest of the five built alone: the seed's
//    shape (the frontend from its own folder; backend, mcp, notification and sse-gateway from
//    one backend folder, a Dockerfile each, sharing their dependency stage), each dependency
//    stage a few seconds of CPU (busybox's shell, as `npm ci` would) and 8 MiB. Goal 1.3 or less.
// 2. a rebuild after a one-line change in one service, with the registry cache warm and
//    BuildKit's own cache pruned (an empty runner) / a cold build of all five with cache: false.
//    Goal 0.3 or less.
// BuildKit's own cache is pruned (buildctl prune --all) before every measured run, so each
// starts as a fresh runner's would. BENCH_ROUNDS (default 3), BENCH_SPIN (default 1,500,000).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '@todo-deploy/harness';
import { labEnv, labTools, startBuildkit, versions } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';
import { median, ratioLine, spread } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SPIN = Number(process.env.BENCH_SPIN ?? 1_500_000);
const BACKENDS = ['backend', 'mcp', 'notification', 'sse-gateway'];
const lab = await labEnv();
const busybox = labTools().busybox;
const work = mkdtempSync(join(tmpdir(), 'bench-bi-bk-'));
const bk = await startBuildkit(lab);

function dockerfile(name: string, source: string): string {
  const deps = `busybox mkdir -p /opt && busybox dd if=/dev/urandom of=/opt/deps bs=1M count=8 2>/dev/null && i=0 && while [ $i -lt ${SPIN} ]; do i=$((i+1)); done`;
  return [
    'FROM scratch AS deps',
    'COPY busybox /bin/busybox',
    'COPY deps.txt /deps.txt',
    `RUN ${JSON.stringify(['/bin/busybox', 'sh', '-c', deps])}`,
    'FROM deps',
    `COPY ${source} /srv/app.txt`,
    `RUN ${JSON.stringify(['/bin/busybox', 'sh', '-c', `echo ${name} > /srv/name`])}`,
    '',
  ].join('\n');
}

/** The five services' lines for build-images, in contexts of this round. */
function makeServices(round: string): { lines: Record<string, string>; root: string } {
  const root = join(work, round);
  const lines: Record<string, string> = {};
  for (const folder of ['frontend', 'backend']) {
    mkdirSync(join(root, folder), { recursive: true });
    copyFileSync(busybox, join(root, folder, 'busybox'));
    writeFileSync(join(root, folder, 'deps.txt'), `${folder} ${round}\n`);
  }
  writeFileSync(join(root, 'frontend', 'app.txt'), 'frontend source\n');
  writeFileSync(join(root, 'frontend', 'Dockerfile'), dockerfile('frontend', 'app.txt'));
  lines.frontend = `frontend=${join(root, 'frontend')}`;
  for (const name of BACKENDS) {
    writeFileSync(join(root, 'backend', `${name}.txt`), `${name} source\nline two\n`);
    writeFileSync(join(root, 'backend', `${name}.Dockerfile`), dockerfile(name, `${name}.txt`));
    lines[name] = `${name}=${join(root, 'backend')}:${join(root, 'backend', `${name}.Dockerfile`)}`;
  }
  return { lines, root };
}

async function prune(): Promise<void> {
  const result = await runProcess([labTools().buildctl, '--addr', bk.endpoint, 'prune', '--all']);
  if (result.exitCode !== 0) throw new Error(`buildctl prune failed: ${result.stderr}`);
}

async function build(services: string[], repository: string, cache: boolean): Promise<number> {
  await prune();
  const started = performance.now();
  const run = await runAction('build-images', {
    inputs: {
      registry: lab.registry,
      'tls-verify': 'false',
      repository,
      builder: 'buildkit',
      cache: String(cache),
      sbom: 'false',
      services: services.join('\n'),
    },
    env: bk.env,
    context: { GITHUB_REPOSITORY: 'octo/hackathon-todo', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: randomBytes(20).toString('hex') },
  });
  const ms = performance.now() - started;
  if (run.exitCode !== 0) throw new Error(`build-images failed: ${run.annotations.map((a) => a.message).join(' | ')}`);
  return ms;
}

const together: number[] = [];
const slowest: number[] = [];
const cold: number[] = [];
const rebuild: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const id = randomBytes(4).toString('hex');
    const { lines, root } = makeServices(id);
    const all = Object.values(lines);
    const one = await build(all, `bench-bk/r${id}-all`, false);
    const alone: Record<string, number> = {};
    for (const [name, line] of Object.entries(lines)) alone[name] = await build([line], `bench-bk/r${id}-${name}`, false);
    const worst = Math.max(...Object.values(alone));
    together.push(one);
    slowest.push(worst);
    cold.push(one);
    // the cache: written by a cold build, then a one-line change in one service and a rebuild on an empty BuildKit
    await build(all, `bench-bk/r${id}-cached`, true);
    writeFileSync(join(root, 'backend', 'mcp.txt'), 'mcp source\nline two, changed\n');
    const again = await build(all, `bench-bk/r${id}-cached`, true);
    rebuild.push(again);
    console.log(
      `round ${round + 1}: five in one session ${one.toFixed(0)} ms; alone ${Object.entries(alone)
        .map(([n, ms]) => `${n} ${ms.toFixed(0)}`)
        .join(', ')} ms; rebuild from the registry cache ${again.toFixed(0)} ms`,
    );
  }
} finally {
  await bk.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(
  `build-images with BuildKit (buildkitd ${versions().goTools.find((t) => t.name === 'buildkitd')?.version ?? '?'}, bake, remote driver), five services, ${ROUNDS} rounds:`,
);
console.log(`  five in one session          ${spread(together)}`);
console.log(`  the slowest built alone      ${spread(slowest)}`);
console.log(`  rebuild after one line       ${spread(rebuild)}`);
const session = median(together) / median(slowest);
console.log(ratioLine('five in one session / slowest alone', median(together), median(slowest), '<= 1.3', session <= 1.3));
const cache = median(rebuild) / median(cold);
console.log(ratioLine('rebuild (registry cache) / cold (cache: false)', median(rebuild), median(cold), '<= 0.3', cache <= 0.3));
process.exitCode = session <= 1.3 && cache <= 0.3 ? 0 : 1;
