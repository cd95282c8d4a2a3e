import { afterEach, describe, expect, it } from '@jest/globals';
import { maskSecret, resetMaskedSecrets } from '@todo-deploy/secrets';
import {
  attachLogs,
  hideUrlCredentials,
  isLogUnavailableNotice,
  logLines,
  logPath,
  logTargets,
  MAX_LOG_LINE,
  withLastLogLine,
} from '../src/rollout/container-logs.js';
import type { ContainerStatus, KubeObject } from '../src/rollout/k8s.js';
import type { RolloutSnapshot, WorkloadReport } from '../src/rollout/verdict.js';

afterEach(() => resetMaskedSecrets());

const pod = (name: string, statuses: ContainerStatus[]): KubeObject => ({
  kind: 'Pod',
  metadata: { name },
  status: { containerStatuses: statuses },
});
const crashed: ContainerStatus = {
  name: 'backend',
  restartCount: 2,
  state: { waiting: { reason: 'CrashLoopBackOff' } },
  lastState: { terminated: { exitCode: 1, reason: 'Error' } },
};
const pulling: ContainerStatus = { name: 'backend', state: { waiting: { reason: 'ImagePullBackOff' } } };
const probing: ContainerStatus = { name: 'backend', started: false, state: { running: {} } };

function workload(name: string, pods: WorkloadReport['pods'], problems: WorkloadReport['problems'] = []): WorkloadReport {
  return { kind: 'Deployment', name, desired: 1, ready: 0, updated: 1, available: 0, done: false, detail: 'x', pods, problems, events: [] };
}
const failed = (podName: string, reason: string): WorkloadReport =>
  workload(
    'todo-backend',
    [{ name: podName, ready: false, phase: 'Running', reason }],
    [{ pod: podName, container: 'backend', reason, message: 'm', fatal: true }],
  );

describe('logTargets', () => {
  it('reads the run before the restart of a crash-looping container, the current run of a running one', () => {
    const objects = [pod('crash', [crashed]), pod('probe', [probing])];
    const snapshot: RolloutSnapshot = {
      done: false,
      failure: 'x',
      workloads: [failed('crash', 'CrashLoopBackOff'), failed('probe', 'Unhealthy')],
    };
    expect(logTargets(snapshot, objects)).toEqual([
      { pod: 'crash', container: 'backend', previous: true },
      { pod: 'probe', container: 'backend', previous: false },
    ]);
  });

  it('falls back to the run before when the current one has just restarted', () => {
    const restarted: ContainerStatus = { ...probing, restartCount: 1, lastState: { terminated: { exitCode: 0, reason: 'Completed' } } };
    const snapshot: RolloutSnapshot = { done: false, failure: 'x', workloads: [failed('probe', 'Unhealthy')] };
    expect(logTargets(snapshot, [pod('probe', [restarted])])).toEqual([
      { pod: 'probe', container: 'backend', previous: false, orPrevious: true },
    ]);
  });

  it('reads nothing of a container that never ran', () => {
    const snapshot: RolloutSnapshot = { done: false, failure: 'x', workloads: [failed('pull', 'ImagePullBackOff')] };
    expect(logTargets(snapshot, [pod('pull', [pulling])])).toEqual([]);
  });

  it('on a timeout, reads the first pod not ready of each unfinished workload, at most three', () => {
    const names = ['a', 'b', 'c', 'd'];
    const snapshot: RolloutSnapshot = {
      done: false,
      workloads: names.map((n) =>
        workload(n, [
          { name: `${n}-1`, ready: false, phase: 'Running' },
          { name: `${n}-2`, ready: false, phase: 'Running' },
        ]),
      ),
    };
    const objects = names.flatMap((n) => [pod(`${n}-1`, [probing]), pod(`${n}-2`, [probing])]);
    expect(logTargets(snapshot, objects).map((t) => t.pod)).toEqual(['a-1', 'b-1', 'c-1']);
  });
});

describe('logPath', () => {
  it('asks for the tail, capped in bytes, of the previous run when it crashed', () => {
    expect(logPath('staging', { pod: 'todo-backend-x', container: 'backend', previous: true })).toBe(
      '/api/v1/namespaces/staging/pods/todo-backend-x/log?container=backend&tailLines=20&limitBytes=16384&previous=true',
    );
    expect(logPath('staging', { pod: 'p', container: 'c', previous: false })).not.toContain('previous');
  });
});

describe('isLogUnavailableNotice', () => {
  it("tells the kubelet's notice that it has no log from a container's own lines", () => {
    expect(isLogUnavailableNotice('unable to retrieve container logs for containerd://83affb06d1c2e4f5')).toBe(true);
    expect(isLogUnavailableNotice('unable to retrieve container logs for docker://0123abcd\n')).toBe(true);
    // a container that prints the same words among its own lines is its log
    expect(isLogUnavailableNotice('starting\nunable to retrieve container logs for containerd://x')).toBe(false);
    expect(isLogUnavailableNotice('demo-server backend: DEMO_ALLOCATE_MB=160: allocating 160 MiB')).toBe(false);
    expect(isLogUnavailableNotice('')).toBe(false);
  });
});

describe('logLines', () => {
  it('keeps the last lines, without trailing blank lines', () => {
    const text = `${Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n')}\n\n`;
    const lines = logLines(text);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('line 11');
    expect(lines.at(-1)).toBe('line 30');
  });

  it('makes each line inert: no workflow command, no control character, no line break', () => {
    expect(logLines('::set-output name=status::deployed\r\nok ##[error]x\u001b[31mred\u2028::stop-commands::t')).toEqual([
      ': :set-output name=status::deployed',
      'ok # #[error]x^[[31mred',
      ': :stop-commands::t',
    ]);
  });

  it('hides registered secrets and URL credentials, and cuts long lines', () => {
    maskSecret('s3cr3t-token-value', () => undefined);
    const [first, second, third] = logLines(
      [
        'using token s3cr3t-token-value',
        'DATABASE_URL=postgresql://todo:pa55word@db.internal:5432/todo',
        'x'.repeat(MAX_LOG_LINE + 10),
      ].join('\n'),
    );
    expect(first).toBe('using token ***');
    expect(second).toBe('DATABASE_URL=postgresql://***@db.internal:5432/todo');
    expect(third).toBe(`${'x'.repeat(MAX_LOG_LINE)}… (10 more characters)`);
  });
});

describe('hideUrlCredentials', () => {
  it.each([
    ['redis://:hunter2@cache:6379', 'redis://***@cache:6379'],
    ['https://ghp_abc@github.com/o/r', 'https://***@github.com/o/r'],
    ['see https://example.com/a@b and mailto:x@y', 'see https://example.com/a@b and mailto:x@y'],
  ])('%s -> %s', (line, shown) => {
    expect(hideUrlCredentials(line)).toBe(shown);
  });
});

describe('attachLogs and withLastLogLine', () => {
  it('puts the logs on their pods and adds the last printed line to the failure', () => {
    const snapshot: RolloutSnapshot = { done: false, failure: 'f', workloads: [failed('crash', 'CrashLoopBackOff')] };
    const logs = new Map([
      ['crash', { container: 'backend', previous: true, lines: ['starting', 'demo-server backend: crashing at start', ''] }],
    ]);
    const seen = attachLogs(snapshot, logs);
    expect(seen.workloads[0]?.pods[0]?.logs?.lines).toHaveLength(3);
    expect(withLastLogLine('todo-backend: pod crash CrashLoopBackOff: m', seen)).toBe(
      'todo-backend: pod crash CrashLoopBackOff: m; last log line before the restart: demo-server backend: crashing at start',
    );
    expect(withLastLogLine('unchanged', snapshot)).toBe('unchanged');
  });
});
