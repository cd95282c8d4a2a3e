// The buildah layer cache (build-images cache: true) on the lab registry: a rebuild of five
// services after a one-line change in one of them, with the cache in the registry warm and the
// runner's storage empty (every GitHub-hosted job), against a cold build of the same five with
// cache: false (empty storage: what every push costs without the cache). Printed beside: the
// cold build with cache: true, which also writes the cache. All are the bundled action run as
// the runner runs it. Each service stands for a real one: a dependency step (busybox's shell
// spins a few seconds of CPU and writes 8 MiB of its own, as `npm ci` or `pip install` would),
// then its source (one file). Each round makes new contexts and repositories, builds without
// cache, builds cold with it, changes one line of the backend's source and rebuilds; so the
// rebuild always follows the cold build it reads from. In the rebuild the four unchanged services
// are reused (their images tagged again under the new labels, buildah not started: reuse.ts) and
// the changed one is built with its unchanged layers from the registry cache.
// Target (issue 18): rebuild / cold 0.3 or less, on each builder (BuildKit: build-images-buildkit.ts).
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '@todo-deploy/harness';
import { buildahEnv, labEnv, labTools } from '@todo-deploy/lab';
import { median, ratioLine, spread } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SPIN = Number(process.env.BENCH_SPIN ?? 1_500_000);
const FIVE = ['frontend', 'backend', 'mcp', 'notification', 'sse-gateway'];
const lab = await labEnv();
const busybox = labTools().busybox;
const work = mkdtempSync(join(tmpdir(), 'bench-bi-cache-'));

/** A service's context: its own random dependency layer, then its source. */
function makeContexts(round: string): string {
  const root = join(work, round);
  for (const name of FIVE) {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    copyFileSync(busybox, join(dir, 'busybox'));
    const deps = `busybox mkdir -p /opt && busybox dd if=/dev/urandom of=/opt/deps bs=1M count=8 2>/dev/null && i=0 && while [ $i -lt ${SPIN} ]; do i=$((i+1)); done && echo ${name} > /opt/deps.for`;
    writeFileSync(
      join(dir, 'Dockerfile'),
      [
        'FROM scratch',
        'COPY busybox /bin/busybox',
        `RUN ${JSON.stringify(['/bin/busybox', 'sh', '-c', deps])}`,
        'COPY app.txt /srv/app.txt',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'app.txt'), `${name} source\nline two\n`);
  }
  return root;
}

/** A runner with empty storage of its own, as every GitHub-hosted job has. */
function freshStorage(): Record<string, string> {
  return buildahEnv(lab, mkdtempSync(join(work, 'storage-')));
}

async function build(contexts: string, repository: string, cache = true): Promise<{ ms: number; registryHits: number; reused: number }> {
  const env = freshStorage();
  const started = performance.now();
  const run = await runAction('build-images', {
    inputs: {
      registry: lab.registry,
      'tls-verify': 'false',
      repository,
      cache: String(cache),
      builder: 'buildah',
      services: FIVE.map((n) => `${n}=${join(contexts, n)}`).join('\n'),
    },
    env,
    context: { GITHUB_REPOSITORY: 'octo/hackathon-todo', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: randomBytes(20).toString('hex') },
  });
  const ms = performance.now() - started;
  if (run.exitCode !== 0) throw new Error(`build-images failed: ${run.stdout.slice(-600)}`);
  const registryHits = [...run.summary.matchAll(/\(cache: (\d+) layers? from the registry/g)].reduce((n, m) => n + Number(m[1]), 0);
  const reused = (run.summary.match(/not rebuilt/g) ?? []).length;
  return { ms, registryHits, reused };
}

const cold: number[] = [];
const warm: number[] = [];
const uncached: number[] = [];
try {
  for (let round = 0; round < ROUNDS; round += 1) {
    const id = randomBytes(4).toString('hex');
    const contexts = makeContexts(id);
    const repository = `bench-cache/r${id}`;
    // what writing the cache costs: the same cold build with cache: false, in a repository of its own
    const plain = await build(contexts, `${repository}-nocache`, false);
    const first = await build(contexts, repository);
    writeFileSync(join(contexts, 'backend', 'app.txt'), 'backend source\nline two, changed\n');
    const second = await build(contexts, repository);
    // what the rebuild is meant to be: four images reused, the changed one built
    if (second.reused !== FIVE.length - 1) throw new Error(`the rebuild reused ${second.reused} images, not ${FIVE.length - 1}`);
    uncached.push(plain.ms);
    cold.push(first.ms);
    warm.push(second.ms);
    console.log(
      `round ${round + 1}: cold without cache ${plain.ms.toFixed(0)} ms, cold ${first.ms.toFixed(0)} ms (${first.registryHits} layers from the registry), rebuild ${second.ms.toFixed(0)} ms (${second.reused} images reused, ${second.registryHits} layers from the registry)`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`build-images cache (buildah, layers in the registry), five services, ${ROUNDS} rounds:`);
console.log(`  cold build of five    ${spread(cold)}`);
console.log(`  rebuild after 1 line  ${spread(warm)}`);
console.log(`  cold, cache: false    ${spread(uncached)} (writing the cache costs ${(median(cold) / median(uncached)).toFixed(2)}x)`);
// judged against the cold build without a cache (what every push costs without the feature);
// the ratio to the cold build that also writes the cache is printed beside
const ratio = median(warm) / median(uncached);
console.log(ratioLine('rebuild / cold (cache: false) ratio', median(warm), median(uncached), '<= 0.3', ratio <= 0.3));
console.log(`rebuild / cold (cache: true, writing it) ratio: ${(median(warm) / median(cold)).toFixed(2)}`);
