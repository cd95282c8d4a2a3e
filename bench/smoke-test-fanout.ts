// 50 healthy URLs probed by one smoke-test run, against one URL: how much does fan-out cost?
// Both are the bundled action run as the runner runs it (Node 24), measured side by side.
// Prints the ratio of wall times and of the action's own duration-ms; the target is < 1.5 (issue 10).
import { runAction } from '@todo-deploy/harness';
import { reply, startServer, type TestServer } from '@todo-deploy/testkit';
import { ratioLine, sideBySide } from './stats.js';

const URLS = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const servers: TestServer[] = [];
for (let i = 0; i < URLS; i += 1) servers.push(await startServer(reply(200, '{"status":"ok"}')));
const inputs = (count: number) => ({
  urls: servers
    .slice(0, count)
    .map((s) => `${s.url}/api/health`)
    .join('\n'),
  'expect-body': '"ok"',
});

const probe: Record<string, number[]> = { one: [], fifty: [] };
async function timed(count: number, key: string): Promise<number> {
  const started = performance.now();
  const run = await runAction('smoke-test', { inputs: inputs(count) });
  if (run.exitCode !== 0) throw new Error(`smoke-test failed: ${run.stdout}`);
  probe[key]?.push(Number(run.outputs['duration-ms']));
  return performance.now() - started;
}

const wall = await sideBySide(
  ROUNDS,
  () => timed(URLS, 'fifty'),
  () => timed(1, 'one'),
);
const inner = { subject: Math.min(...(probe.fifty ?? [])), baseline: Math.max(1, Math.min(...(probe.one ?? []))) };
console.log(`smoke-test fan-out, ${URLS} URLs vs 1 URL, ${ROUNDS} rounds each, medians:`);
console.log(ratioLine('wall-time ratio', wall.subject, wall.baseline, '< 1.5', wall.subject / wall.baseline < 1.5));
console.log(`probe-time (duration-ms, best of ${ROUNDS}): ${inner.subject} ms vs ${inner.baseline} ms`);
await Promise.all(servers.map((s) => s.close()));
