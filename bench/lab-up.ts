// `up` of a second lab (its own state directory and ports) with the real node, against the
// same `up` without it (kwok nodes only), alternately; `down` after each. Prints the medians,
// the ratio, and whether `up` with the real node stays under 40 s warm (the target). Needs the
// lab installed (warm) and root; the shared lab may be up meanwhile (the second lab takes the
// next real-node slot).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { down, up } from '@todo-deploy/lab';
import { interleaved, median, spread } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_MS = 40_000;
process.env.TODO_DEPLOY_LAB_PORT_BASE = process.env.BENCH_LAB_PORT_BASE ?? '30480';
const dir = await mkdtemp(join(tmpdir(), 'bench-lab-up-'));
const stateDir = join(dir, 'lab');

async function timedUp(realNode: 'on' | 'off'): Promise<number> {
  const started = performance.now();
  try {
    await up({ stateDir, realNode });
    return performance.now() - started;
  } finally {
    await down({ stateDir });
  }
}

try {
  const samples = await interleaved(ROUNDS, { withRealNode: () => timedUp('on'), kwokOnly: () => timedUp('off') });
  const subject = median(samples.withRealNode);
  const baseline = median(samples.kwokOnly);
  console.log(`\nup with the real node: ${spread(samples.withRealNode)}`);
  console.log(`up with kwok nodes only: ${spread(samples.kwokOnly)}`);
  console.log(`ratio ${(subject / baseline).toFixed(2)}; the real node adds ${((subject - baseline) / 1000).toFixed(1)} s`);
  const pass = Math.max(...samples.withRealNode) < TARGET_MS;
  console.log(
    `up with the real node, slowest of ${ROUNDS}: ${(Math.max(...samples.withRealNode) / 1000).toFixed(1)} s (target under 40 s warm) ${pass ? 'OK' : 'ABOVE TARGET'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
