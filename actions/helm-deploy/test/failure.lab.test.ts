import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { UNPULLABLE_IMAGE_PREFIX } from '@todo-deploy/lab';
import { kubectl } from '@todo-deploy/lab';
import { deploy, errorOf, expectExit, fixtureValues, history, image, MAJORS, Namespaces, type Major } from './lab-support.js';

jest.setTimeout(300_000);
const namespaces = new Namespaces();
afterAll(() => namespaces.cleanup());

/** Installs revision 1 (healthy), then runs a failing upgrade and checks it was undone. */
async function failingUpgrade(major: Major, name: string, bad: Record<string, string>, reason: RegExp) {
  const ns = await namespaces.make(`hd-${name}-h${major}`);
  expectExit(await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
  const run = await deploy(major, { release: 'tiny', namespace: ns, 'image-tag': '2', timeout: '3m', ...bad });
  expectExit(run, 1);
  const error = errorOf(run);
  expect(error).toMatch(reason);
  expect(error).toContain('rolled back, revision 1 is serving');
  expect(run.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back': 'true', revision: '2', 'previous-revision': '1' });
  const diagnostics = JSON.parse(run.outputs.diagnostics ?? '[]') as Array<{ name: string; pods: Array<{ reason?: string }> }>;
  expect(diagnostics[0]?.name).toBe('tiny-web');
  expect(run.summary).toContain('| **Serving now** | revision 1 (rolled back, recorded as revision 3) |');
  const revisions = await history(major, 'tiny', ns);
  expect(revisions.map((r) => [r.revision, r.status])).toEqual([
    [1, 'superseded'],
    [2, 'superseded'],
    [3, 'deployed'],
  ]);
  expect(revisions[2]?.description).toBe('Rollback to 1');
  expect(await image(ns, 'tiny-web')).toBe('registry.lab/tiny/web:1');
  return { run, error, diagnostics };
}

describe('helm-deploy on the lab: failing upgrades', () => {
  it('stops at once on an image that cannot be pulled, names the pod and reason, and rolls back (helm 3 and 4)', async () => {
    const results = await Promise.all(
      MAJORS.map((major) =>
        failingUpgrade(
          major,
          'pull',
          { 'values-files': fixtureValues('unpullable.yaml') },
          /^tiny-web: pod tiny-web-[a-z0-9-]+ (ErrImagePull|ImagePullBackOff): /,
        ),
      ),
    );
    for (const { error, diagnostics } of results) {
      expect(error).not.toContain('timed out');
      expect(error).toContain(`${UNPULLABLE_IMAGE_PREFIX}tiny/web:2`);
      expect(diagnostics[0]?.pods[0]?.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
    }
  });

  it('stops at once on CrashLoopBackOff (helm 3 and 4)', async () => {
    await Promise.all(
      MAJORS.map((major) =>
        failingUpgrade(major, 'crash', { set: 'crashLoop=true' }, /^tiny-web: pod tiny-web-[a-z0-9-]+ CrashLoopBackOff/),
      ),
    );
  });

  it('fails a pod unschedulable past unschedulable-grace, naming the scheduler message (helm 3 and 4)', async () => {
    await Promise.all(
      MAJORS.map((major) =>
        failingUpgrade(
          major,
          'unsched',
          { set: 'nodeOS=plan9', 'unschedulable-grace': '3s' },
          /^tiny-web: pod tiny-web-[a-z0-9-]+ Unschedulable: 0\/\d+ nodes are available: /,
        ),
      ),
    );
  });

  it('rolls back pods that never become ready when the timeout passes, saying what they wait for (helm 3 and 4)', async () => {
    await Promise.all(
      MAJORS.map((major) =>
        failingUpgrade(
          major,
          'unready',
          { set: 'neverReady=true', timeout: '15s' },
          /^timed out after 15\.0s: tiny-web: \d of 1 ready \(.*\); pod tiny-web-[a-z0-9-]+ Running, not Ready/,
        ),
      ),
    );
  });

  it('uninstalls a failed first install, and the next run installs (helm 3 and 4)', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-firstfail-h${major}`);
        const run = await deploy(major, { release: 'tiny', namespace: ns, 'values-files': fixtureValues('unpullable.yaml') });
        expectExit(run, 1);
        expect(run.outputs).toMatchObject({ status: 'uninstalled', 'rolled-back': 'true', revision: '1', 'previous-revision': '' });
        expect(errorOf(run)).toContain('; the failed first install was uninstalled');
        expect(await history(major, 'tiny', ns)).toEqual([]);
        expectExit(await deploy(major, { release: 'tiny', namespace: ns }), 0);
      }),
    );
  });

  it('prints the warning events in a log group and the summary (pods forbidden by a quota, timeout)', async () => {
    const ns = await namespaces.make('hd-quota');
    expectExit(await deploy(3, { release: 'tiny', namespace: ns }), 0);
    const quota = { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'no-pods' }, spec: { hard: { pods: '1' } } };
    expect((await kubectl(['create', '-n', ns, '-f', '-'], { input: JSON.stringify(quota) })).exitCode).toBe(0);
    const run = await deploy(3, { release: 'tiny', namespace: ns, 'image-tag': '2', timeout: '10s' });
    expectExit(run, 1);
    expect(errorOf(run)).toMatch(
      /^timed out after 10\.0s: tiny-web: 1 of 1 ready \(0 of 1 replicas updated\); ReplicaSet\/tiny-web-[a-z0-9]+ FailedCreate: .*exceeded quota: no-pods/,
    );
    expect(run.stdout).toMatch(
      /::group::Warning events \(\d+\)\nReplicaSet\/tiny-web-[a-z0-9]+ FailedCreate \(x\d+\): .*exceeded quota: no-pods/,
    );
    expect(run.summary).toContain('#### Warning events');
    const diagnostics = JSON.parse(run.outputs.diagnostics ?? '[]') as Array<{ events: Array<{ reason: string }> }>;
    expect(diagnostics[0]?.events[0]?.reason).toBe('FailedCreate');
    expect(run.outputs.status).toBe('rolled-back');
  });

  it('with verify-rollout false, lets helm wait and roll back itself (--atomic on helm 3, --rollback-on-failure on helm 4)', async () => {
    await Promise.all(
      MAJORS.map(async (major) => {
        const ns = await namespaces.make(`hd-helmwait-h${major}`);
        const good = await deploy(major, { release: 'tiny', namespace: ns, 'verify-rollout': 'false' });
        expectExit(good, 0);
        expect(good.stdout).toContain(major === 3 ? '--wait --atomic' : '--wait=watcher --rollback-on-failure');
        const bad = await deploy(major, {
          release: 'tiny',
          namespace: ns,
          'verify-rollout': 'false',
          set: 'neverReady=true',
          timeout: '8s',
        });
        expectExit(bad, 1);
        expect(errorOf(bad)).toMatch(/^helm upgrade failed: /);
        expect(bad.outputs).toMatchObject({ status: 'rolled-back', 'rolled-back': 'true', revision: '2', 'previous-revision': '1' });
        const revisions = await history(major, 'tiny', ns);
        expect(revisions.at(-1)).toMatchObject({ status: 'deployed', description: 'Rollback to 1' });
        expect(revisions.some((r) => r.status.startsWith('pending'))).toBe(false);
      }),
    );
  });

  it('with wait false, applies and finishes without watching', async () => {
    const ns = await namespaces.make('hd-nowait');
    const run = await deploy(3, { release: 'tiny', namespace: ns, wait: 'false', set: 'neverReady=true' });
    expectExit(run, 0);
    expect(run.stdout).not.toContain('Watching');
    expect(run.outputs).toMatchObject({ status: 'deployed', revision: '1' });
  });

  it('with atomic false, leaves the failed revision in place but never pending', async () => {
    const ns = await namespaces.make('hd-nonatomic');
    expectExit(await deploy(4, { release: 'tiny', namespace: ns }), 0);
    const run = await deploy(4, {
      release: 'tiny',
      namespace: ns,
      atomic: 'false',
      'values-files': fixtureValues('unpullable.yaml'),
      'image-tag': '2',
    });
    expectExit(run, 1);
    expect(run.outputs).toMatchObject({ status: 'failed', 'rolled-back': 'false', revision: '2' });
    expect((await history(4, 'tiny', ns)).map((r) => r.status)).toEqual(['superseded', 'deployed']);
  });
});

describe('helm-deploy on the lab: server-side apply conflicts (helm 4)', () => {
  it('names the field, its owner and the ways out when kubectl scale owns replicas, and takes it over with force-conflicts', async () => {
    const ns = await namespaces.make('hd-ssa');
    expectExit(await deploy(4, { release: 'tiny', namespace: ns, 'image-tag': '1' }), 0);
    expect((await kubectl(['scale', 'deployment', 'tiny-web', '-n', ns, '--replicas=3'])).exitCode).toBe(0);
    const run = await deploy(4, { release: 'tiny', namespace: ns, 'image-tag': '2' });
    expectExit(run, 1);
    expect(errorOf(run)).toContain(
      `helm upgrade failed: server-side apply conflict: Deployment ${ns}/tiny-web: .spec.replicas is owned by "kubectl" (through its scale subresource). Either let the chart take the field over (force-conflicts: true`,
    );
    const forced = await deploy(4, { release: 'tiny', namespace: ns, 'image-tag': '2', 'force-conflicts': 'true' });
    expectExit(forced, 0);
    const replicas = await kubectl(['get', 'deployment', 'tiny-web', '-n', ns, '-o', 'jsonpath={.spec.replicas}']);
    expect(replicas.stdout).toBe('1');
    const helm3 = await deploy(3, { release: 'other', namespace: ns, 'force-conflicts': 'true' });
    expectExit(helm3, 1);
    expect(errorOf(helm3)).toContain("Input 'force-conflicts': server-side apply conflicts are helm 4's");
  });
});
