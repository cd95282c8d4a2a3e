import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { down, up } from '../src/index.js';
import { labHealth } from '../src/up/health.js';
import { isAlive } from '../src/up/processes.js';
import { readState } from '../src/up/state.js';

// A second, private lab on other ports and another state directory, so the shared one is never touched.
const BASE = 30440;

describe('up and down of a second lab', () => {
  let dir = '';
  const savedBase = process.env.TODO_DEPLOY_LAB_PORT_BASE;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-lifecycle-'));
    process.env.TODO_DEPLOY_LAB_PORT_BASE = String(BASE);
  });
  afterAll(async () => {
    await down({ stateDir: join(dir, 'lab') }).catch(() => undefined);
    if (savedBase === undefined) delete process.env.TODO_DEPLOY_LAB_PORT_BASE;
    else process.env.TODO_DEPLOY_LAB_PORT_BASE = savedBase;
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a port in use, naming it and its process, and starts nothing', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(BASE + 2, '127.0.0.1', resolve));
    try {
      const error = await up({ stateDir: join(dir, 'lab'), realNode: 'off' }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`127.0.0.1:${BASE + 2} (apiserver) is in use by pid ${process.pid}`);
      expect(existsSync(join(dir, 'lab', 'state.json'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 60_000);

  it('starts, is a no-op the second time, recovers after a crash, and down stops exactly its pids', async () => {
    const stateDir = join(dir, 'lab');
    const first = await up({ stateDir, realNode: 'off' });
    expect(first.started).toBe(true);
    expect(first.state.server).toBe(`https://127.0.0.1:${BASE + 2}`);
    expect(first.state.processes.map((p) => p.name)).toEqual([
      'etcd',
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'kwok',
      'docker-registry',
    ]);

    const second = await up({ stateDir, realNode: 'off' });
    expect(second.started).toBe(false);
    expect(second.state.processes.map((p) => p.pid)).toEqual(first.state.processes.map((p) => p.pid));

    // a crash: kwok dies (we stop our own recorded pid)
    const kwok = first.state.processes.find((p) => p.name === 'kwok')!;
    process.kill(kwok.pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const state = (await readState(stateDir))!;
    const health = await labHealth(state);
    expect(health.healthy).toBe(false);
    expect(health.problems).toContain(`kwok (pid ${kwok.pid}) is not running`);

    const third = await up({ stateDir, realNode: 'off' });
    expect(third.started).toBe(true);
    for (const p of first.state.processes) expect(isAlive(p)).toBe(false);

    await down({ stateDir });
    for (const p of third.state.processes) expect(isAlive(p)).toBe(false);
    expect(existsSync(stateDir)).toBe(false);
  }, 180_000);
});
