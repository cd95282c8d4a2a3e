import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { parseKeyValueFile } from '@todo-deploy/harness';
import { helm, labEnv } from '@todo-deploy/lab';
import {
  deploy,
  errorOf,
  eventually,
  expectExit,
  fixtureChart,
  history,
  image,
  MAJORS,
  Namespaces,
  running,
  startDeploy,
  type Major,
} from './lab-support.js';

jest.setTimeout(300_000);
const namespaces = new Namespaces();
afterAll(() => namespaces.cleanup());

/** Leaves a release in pending-upgrade the way a cancelled job does: helm killed in the middle of --wait. */
async function strandPendingUpgrade(major: Major, ns: string): Promise<void> {
  const lab = await labEnv();
  const args = [
    'upgrade',
    'tiny',
    fixtureChart,
    '--install',
    '-n',
    ns,
    '--set',
    'neverReady=true',
    '--set-string',
    'global.imageTag=2',
    '--timeout',
    '5m',
  ];
  args.push(major === 3 ? '--wait' : '--wait=watcher');
  const child = spawn(major === 3 ? lab.helm3 : lab.helm4, args, { env: lab.env, stdio: 'ignore' });
  await eventually('pending-upgrade', async () =>
    (await history(major, 'tiny', ns)).at(-1)?.status === 'pending-upgrade' ? true : undefined,
  );
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
}

describe('helm-deploy on the lab: stuck releases and cancelled runs', () => {
  it('recovers a release left in pending-upgrade by a killed helm, then deploys (helm 3 and 4)', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-pending-h${major}`);
        expectExit(await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
        await strandPendingUpgrade(major, ns);
        const refused = await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '3', recover: 'false' });
        expectExit(refused, 1);
        expect(errorOf(refused)).toBe(
          `Release tiny in ${ns}: release is stuck in pending-upgrade at revision 2. recover is false, so nothing was changed; fix it with: helm rollback tiny 1 --namespace ${ns}`,
        );
        expect((await history(major, 'tiny', ns)).at(-1)?.status).toBe('pending-upgrade');

        const run = await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '3' });
        expectExit(run, 0);
        expect(run.stdout).toContain('release is stuck in pending-upgrade at revision 2; recovering before the deploy');
        expect(run.summary).toContain(
          '| **Recovery** | release is stuck in pending-upgrade at revision 2: rolled back to revision 1 (as revision 3) |',
        );
        expect(run.outputs).toMatchObject({ status: 'deployed', revision: '4', 'previous-revision': '3' });
        expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:3');
      }),
    );
  });

  it('recovers a failed first install made by helm itself (helm 3 and 4)', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-failedinstall-h${major}`);
        const wait = major === 3 ? '--wait' : '--wait=watcher';
        const failed = await helm(major, ['install', 'tiny', fixtureChart, '-n', ns, '--set', 'neverReady=true', wait, '--timeout', '3s']);
        expect(failed.exitCode).not.toBe(0);
        expect((await history(major, 'tiny', ns)).map((r) => r.status)).toEqual(['failed']);
        const run = await deploy(major, { release: 'tiny', namespace: ns });
        expectExit(run, 0);
        expect(run.summary).toContain(
          'release has no deployed revision (revision 1 is failed): uninstalled so that a fresh install can run',
        );
        expect((await history(major, 'tiny', ns)).map((r) => [r.revision, r.status])).toEqual([[1, 'deployed']]);
      }),
    );
  });

  it('leaves nothing pending when the job is killed mid-deploy (post step) or cancelled (signal handler)', async () => {
    const cases: Array<[Major, NodeJS.Signals]> = [
      [3, 'SIGKILL'],
      [4, 'SIGTERM'],
    ];
    await Promise.all(
      cases.map(async ([major, signal]) => {
        const ns = await namespaces.make(`hd-cancel-h${major}`);
        expectExit(await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
        const started = await startDeploy(major, { release: 'tiny', namespace: ns, 'image-tag': '2', set: 'neverReady=true' });
        let seen = '';
        started.child.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
        await eventually('the rollout watch', async () => (seen.includes('Watching 1 workload') ? true : undefined));
        started.child.kill(signal);
        const run = await started.result;
        if (signal === 'SIGKILL') {
          expect(run.signal).toBe('SIGKILL');
          expect(run.post?.stdout).toContain('The deploy of tiny did not finish; settling the release');
          expect(run.post?.stdout).toContain('rolled back to revision 1');
          // the kubectl proxy the killed main left behind was stopped by the post step
          const [pid, dir] = [run.state.proxyPid, run.state.proxyFolder];
          expect(Number(pid)).toBeGreaterThan(0);
          expect(existsSync(dir ?? '/')).toBe(false);
          expect(running(Number(pid))).toBe(false);
        } else {
          expect(run.state.proxyPid).toBe('');
          expect(run.exitCode).toBe(1);
          expect(errorOf(run)).toContain('the run was cancelled during the rollout; rolled back, revision 1 is serving');
        }
        const revisions = await history(major, 'tiny', ns);
        expect(revisions.at(-1)).toMatchObject({ status: 'deployed', description: 'Rollback to 1' });
        expect(revisions.some((r) => r.status.startsWith('pending'))).toBe(false);
        expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:1');
        // the lock went with the run: the next deploy does not wait
        const next = await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '3' });
        expectExit(next, 0);
        expect(next.stdout).not.toContain('Another deploy of release');
      }),
    );
  });

  it('stops the kubectl proxy of a main killed before preflight ended (post step)', async () => {
    // a helm mirror that never answers keeps preflight waiting after the proxy has started
    const sockets: Socket[] = [];
    const mirror = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    const port = (mirror.address() as { port: number }).port;
    const ns = await namespaces.make('hd-preflight-kill');
    const work = mkdtempSync(join(tmpdir(), 'hd-preflight-'));
    try {
      const started = await startDeploy(
        4,
        { release: 'tiny', namespace: ns, 'helm-version': '3.22.0', 'helm-mirror': `http://127.0.0.1:${port}` },
        { workDir: work },
      );
      const state = () => parseKeyValueFile(readFileSync(join(work, 'github_state'), 'utf8'));
      const pid = await eventually('the proxy pid in the state', async () => (state().proxyPid ? Number(state().proxyPid) : undefined));
      const folder = state().proxyFolder ?? '';
      expect(running(pid)).toBe(true);
      started.child.kill('SIGKILL');
      const run = await started.result;
      expect(run.signal).toBe('SIGKILL');
      expect(run.post?.exitCode).toBe(0);
      await eventually('the proxy to stop', async () => (running(pid) ? undefined : true), 10_000);
      expect(existsSync(folder)).toBe(false);
    } finally {
      for (const socket of sockets) socket.destroy();
      mirror.close();
    }
  });
});
