import { describe, expect, it } from '@jest/globals';
import type { ContainerStatus, Pod } from '../src/rollout/k8s.js';
import { podProblem } from '../src/rollout/pod-problems.js';

// Container statuses as the kubelet (v1.35, containerd) reports them on the lab's real node.
const pod = (status: ContainerStatus, memory?: string): Pod => ({
  kind: 'Pod',
  metadata: { name: 'todo-backend-7c46f4d4d8-j96rp' },
  spec: { containers: [{ name: 'backend', ...(memory ? { resources: { limits: { memory } } } : {}) }] },
  status: { phase: 'Running', containerStatuses: [status] },
});
const backoff = 'back-off 10s restarting failed container=backend pod=todo-backend-7c46f4d4d8-j96rp_staging(bd70bff5)';

describe('podProblem with the kubelet’s own states', () => {
  it('names the exit code and restarts of a crash loop', () => {
    const problem = podProblem(
      pod({
        name: 'backend',
        restartCount: 1,
        state: { waiting: { reason: 'CrashLoopBackOff', message: backoff } },
        lastState: { terminated: { exitCode: 1, reason: 'Error' } },
      }),
      0,
      30_000,
    );
    expect(problem).toEqual({
      pod: 'todo-backend-7c46f4d4d8-j96rp',
      container: 'backend',
      reason: 'CrashLoopBackOff',
      message: `${backoff}; last run: exit code 1 (Error), 1 restart`,
      fatal: true,
    });
  });

  it.each([
    ['the kill itself', { terminated: { exitCode: 137, reason: 'OOMKilled' } }, {}, 0, 'exit code 137 (OOMKilled)'],
    [
      'the crash loop it causes',
      { waiting: { reason: 'CrashLoopBackOff', message: backoff } },
      { terminated: { exitCode: 137, reason: 'OOMKilled' } },
      2,
      'exit code 137 (OOMKilled), 2 restarts, now in CrashLoopBackOff',
    ],
  ])('names OOMKilled and the memory limit for %s', (_what, state, lastState, restartCount, run) => {
    const problem = podProblem(pod({ name: 'backend', restartCount, state, lastState }, '16Mi'), 0, 30_000);
    expect(problem?.reason).toBe('OOMKilled');
    expect(problem?.message).toBe(`container backend was killed for using more memory than its limit (limits.memory 16Mi): ${run}`);
  });

  it('passes on the registry’s message of a missing tag', () => {
    const message =
      'Back-off pulling image "127.0.0.1:31446/o/hackathon-todo/backend:nope": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "127.0.0.1:31446/o/hackathon-todo/backend:nope": failed to resolve reference "127.0.0.1:31446/o/hackathon-todo/backend:nope": 127.0.0.1:31446/o/hackathon-todo/backend:nope: not found';
    const problem = podProblem(pod({ name: 'backend', state: { waiting: { reason: 'ImagePullBackOff', message } } }), 0, 30_000);
    expect(problem).toMatchObject({ reason: 'ImagePullBackOff', message, fatal: true });
  });
});
