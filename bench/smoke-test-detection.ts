// Detection delay: a server answers 503 until time T, then 200. smoke-test should report
// success no later than T plus the wait it was in when T passed (its current interval).
// The server records when it turned healthy, each request time, and the first 200 served.
import { runAction } from '@todo-deploy/harness';
import { startServer } from '@todo-deploy/testkit';

const cases = [
  { healthyAfterMs: 1500, interval: '500ms', maxInterval: '4s' },
  { healthyAfterMs: 3300, interval: '1s', maxInterval: '4s' },
  { healthyAfterMs: 6100, interval: '1s', maxInterval: '2s' },
];

let failures = 0;
for (const c of cases) {
  let healthyAt = Number.POSITIVE_INFINITY;
  const requests: Array<{ at: number; status: number }> = [];
  const server = await startServer((_req, res) => {
    const at = performance.now();
    const status = at >= healthyAt ? 200 : 503;
    requests.push({ at, status });
    res.writeHead(status);
    res.end();
  });
  const start = performance.now();
  healthyAt = start + c.healthyAfterMs;
  const run = await runAction('smoke-test', {
    inputs: { urls: server.url, interval: c.interval, 'max-interval': c.maxInterval, timeout: '30s' },
  });
  const reportedAt = performance.now();
  await server.close();
  const firstOk = requests.findIndex((r) => r.status === 200);
  const currentInterval = (requests[firstOk]?.at ?? 0) - (requests[firstOk - 1]?.at ?? 0);
  const detectedAt = requests[firstOk]?.at ?? Number.NaN;
  const delay = detectedAt - healthyAt;
  const ok = run.exitCode === 0 && delay <= currentInterval;
  if (!ok) failures += 1;
  console.log(
    `healthy at T=${c.healthyAfterMs} ms (interval ${c.interval}, cap ${c.maxInterval}): success seen ${delay.toFixed(0)} ms after T, ` +
      `current interval ${currentInterval.toFixed(0)} ms, ratio ${(delay / currentInterval).toFixed(2)} (target <= 1) ${ok ? 'OK' : 'LATE'}; ` +
      `action reported ${(reportedAt - healthyAt).toFixed(0)} ms after T (includes process exit)`,
  );
}
process.exitCode = failures > 0 ? 1 : 0;
