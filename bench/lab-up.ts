// `up` of a second lab (its own state directory and ports) with all of it (the real node and
// the HTTPS path: Traefik, Pebble, cert-manager, metrics-server), against the same `up` without
// them (kwok nodes only), alternately; `down` after each. Prints the medians, the ratio, and
// whether the whole `up` stays under 60 s warm (the target of issue 12). Needs the lab installed
// (warm) and root; the shared lab may be up meanwhile (the second lab takes the next real-node
// slot and its public address).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { down, up } from '@todo-deploy/lab';
import { interleaved, median, spread } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_MS = 60_000;
process.env.TODO_DEPLOY_LAB_PORT_BASE = process.env.BENCH_LAB_PORT_BASE ?? '30480';
const dir = await mkdtemp(join(tmpdir(), 'bench-lab-up-'));
const stateDir = join(dir, 'lab');

async function timedUp(realNode: 'on' | 'off'): Promise<number> {
  const started = performance.now();
  try {
    await up({ stateDir, realNode, https: realNode });
    return performance.now() - started;
  } finally {
    await down({ stateDir });
  }
}

try {
  const samples = await interleaved(ROUNDS, { withRealNode: () => timedUp('on'), kwokOnly: () => timedUp('off') });
  // withRealNode: the real node and the HTTPS path
  const subject = median(samples.withRealNode);
  const baseline = median(samples.kwokOnly);
  console.log(`\nup with the real node and the HTTPS path: ${spread(samples.withRealNode)}`);
  console.log(`up with kwok nodes only: ${spread(samples.kwokOnly)}`);
  console.log(
    `ratio ${(subject / baseline).toFixed(2)}; the real node and the HTTPS path add ${((subject - baseline) / 1000).toFixed(1)} s`,
  );
  const pass = Math.max(...samples.withRealNode) < TARGET_MS;
  console.log(
    `up with all of it, slowest of ${ROUNDS}: ${(Math.max(...samples.withRealNode) / 1000).toFixed(1)} s (target under 60 s warm) ${pass ? 'OK' : 'ABOVE TARGET'}`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
