import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { kubectl } from '@todo-deploy/lab';
import { deploy, errorOf, expectExit, history, MAJORS, Namespaces } from './lab-support.js';

jest.setTimeout(300_000);
const namespaces = new Namespaces();
afterAll(() => namespaces.cleanup());

describe('helm-deploy on the lab: concurrency', () => {
  it('runs two deploys of one release one after the other (helm 3 and 4)', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-two-h${major}`);
        const runs = await Promise.all(['1', '2'].map((tag) => deploy(major, { release: 'tiny', namespace: ns, 'image-tag': tag })));
        for (const run of runs) expectExit(run, 0);
        expect(runs.map((r) => r.outputs.revision).sort()).toEqual(['1', '2']);
        expect(runs.some((r) => r.stdout.includes('Another deploy of release tiny is running'))).toBe(true);
        expect((await history(major, 'tiny', ns)).map((r) => r.status)).toEqual(['superseded', 'deployed']);
      }),
    );
  });

  it('runs ten deploys of ten releases in ten namespaces at once', async () => {
    const targets = await Promise.all(Array.from({ length: 10 }, (_, i) => namespaces.make(`hd-ten-${i}`)));
    const runs = await Promise.all(
      targets.map((ns, i) => deploy(MAJORS[i % 2] as 3 | 4, { release: `tiny-${i}`, namespace: ns, timeout: '4m' })),
    );
    runs.forEach((run) => expectExit(run, 0));
    expect(runs.map((r) => r.outputs.status)).toEqual(Array(10).fill('deployed'));
  });

  it('fails saying another deploy is running when the lock stays held past the timeout, changing nothing', async () => {
    const ns = await namespaces.make('hd-locked');
    const now = new Date().toISOString().replace('Z', '000Z');
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'helm-deploy.tiny', namespace: ns },
      spec: {
        holderIdentity: 'octo/todo run 99 attempt 1 job deploy (other)',
        leaseDurationSeconds: 600,
        acquireTime: now,
        renewTime: now,
      },
    };
    expect((await kubectl(['create', '-f', '-'], { input: JSON.stringify(lease) })).exitCode).toBe(0);
    const run = await deploy(3, { release: 'tiny', namespace: ns, timeout: '5s' });
    expectExit(run, 1);
    expect(errorOf(run)).toMatch(
      new RegExp(
        `^Another deploy of release tiny in namespace ${ns} is running \\(octo/todo run 99 attempt 1 job deploy \\(other\\)\\); waited \\ds, the timeout$`,
      ),
    );
    expect(await history(3, 'tiny', ns)).toEqual([]);
  });
});
