import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { kubectl } from '@todo-deploy/lab';
import { deploy, errorOf, eventually, expectExit, history, MAJORS, Namespaces, startDeploy } from './lab-support.js';

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

  it('stops and settles when another writer takes its Lease mid-rollout, and says so', async () => {
    const ns = await namespaces.make('hd-lost-lock');
    expectExit(await deploy(4, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
    const started = await startDeploy(4, { release: 'tiny', namespace: ns, 'image-tag': '2', set: 'neverReady=true', timeout: '2m' });
    let seen = '';
    started.child.stdout?.on('data', (chunk: Buffer) => (seen += chunk.toString()));
    await eventually('the rollout watch', async () => (seen.includes('Watching 1 workload') ? true : undefined));
    const patch = JSON.stringify({ spec: { holderIdentity: 'octo/todo run 7 attempt 1 job deploy (intruder)' } });
    expect((await kubectl(['patch', 'lease', 'helm-deploy.tiny', '-n', ns, '--type=merge', '-p', patch])).exitCode).toBe(0);
    const run = await started.result;
    expectExit(run, 1);
    expect(errorOf(run)).toContain(
      'the deploy lock of tiny was lost (the Lease was changed or deleted by someone else) during the rollout; stopped; rolled back, revision 1 is serving',
    );
    expect(run.stdout).toContain('Lost the deploy lock of tiny');
    const revisions = await history(4, 'tiny', ns);
    expect(revisions.at(-1)).toMatchObject({ status: 'deployed', description: 'Rollback to 1' });
    // the intruder's Lease is left alone: this run only deletes a Lease it still holds
    const holder = await kubectl(['get', 'lease', 'helm-deploy.tiny', '-n', ns, '-o', 'jsonpath={.spec.holderIdentity}']);
    expect(holder.stdout).toBe('octo/todo run 7 attempt 1 job deploy (intruder)');
  });
});
