// The seed's SC-005 with production's own HPA behaviour: the Todo chart with
// values-production.yaml on the lab's real node (CPU requests cut to fit, see
// chart/test/support/hpa-load.ts), metrics from metrics-server, CPU load on the backend's pods.
// Prints the time from the start of the load until the HPA has more than its minimum of ready
// backend pods (target: 2 minutes; the ratio is against it), and with BENCH_HPA_DOWN=1 the time
// from the end of the load until it is back at its minimum (production waits 300 s, then
// removes 1 pod per 120 s). BENCH_ROUNDS rounds (default 1), a fresh namespace each.
import { createTestNamespace, deleteNamespace, requireHttps } from '@todo-deploy/lab';
import { backendHpa, installProductionForHpa, startBackendLoad, waitForHpa } from '../chart/test/support/hpa-load.js';
import { median, spread } from './stats.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const DOWN = process.env.BENCH_HPA_DOWN === '1';
const TARGET_MS = 120_000;

await requireHttps();
const outs: number[] = [];
const downs: number[] = [];
let failed = false;
for (let round = 1; round <= ROUNDS; round++) {
  const namespace = await createTestNamespace('bench-hpa');
  const release = await installProductionForHpa(namespace);
  try {
    await waitForHpa(namespace, 'the HPA to read CPU', (s) => s.cpu !== undefined, 120_000);
    const load = await startBackendLoad(namespace);
    let out: number | undefined;
    try {
      out = await waitForHpa(namespace, 'scale-out under load', (s) => s.ready > release.minReplicas, 300_000);
    } catch (error) {
      console.log(`round ${round}: ${(error as Error).message}`);
      failed = true;
    } finally {
      const tally = await load.stop();
      const status = await backendHpa(namespace);
      console.log(
        `round ${round}: scale-out ${out === undefined ? 'not seen' : `${(out / 1000).toFixed(1)} s`}; at the end of the load the HPA wants ${status.desired} (${status.ready} ready, CPU ${status.cpu ?? '?'}% of request); ${tally.requests} requests, ${tally.failed} failed`,
      );
    }
    if (out !== undefined) outs.push(out);
    if (DOWN && out !== undefined) {
      const back = await waitForHpa(namespace, 'back to the minimum', (s) => s.current === release.minReplicas, 900_000);
      downs.push(back);
      console.log(`round ${round}: back to ${release.minReplicas} replicas ${(back / 1000).toFixed(1)} s after the load stopped`);
    }
  } finally {
    await deleteNamespace(namespace);
  }
}
if (outs.length) {
  console.log(`\ntime to scale out: ${spread(outs)}; median / 2 min target: ${(median(outs) / TARGET_MS).toFixed(2)}`);
  if (downs.length) console.log(`time back to the minimum after the load: ${spread(downs)}`);
}
const pass = !failed && outs.length === ROUNDS && Math.max(...outs) < TARGET_MS;
console.log(pass ? 'scale-out within 2 minutes: OK' : 'scale-out within 2 minutes: NOT MET');
process.exitCode = pass ? 0 : 1;
