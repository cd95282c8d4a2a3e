import { afterAll } from '@jest/globals';
import type { ActionRun } from '@todo-deploy/harness';
import { startServer, type TestServer } from '@todo-deploy/testkit';

/** Loopback servers for one test file, all closed after it. */
export function serverPool(): (...args: Parameters<typeof startServer>) => Promise<TestServer> {
  const servers: TestServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  return async (...args) => {
    const s = await startServer(...args);
    servers.push(s);
    return s;
  };
}

/** The results output of a run, parsed. */
export const results = (run: ActionRun) => JSON.parse(run.outputs.results ?? '[]') as Array<Record<string, unknown>>;
