import { describe, expect, it } from '@jest/globals';
import type { DeployOutcome } from '../src/outcome.js';
import { outputsOf } from '../src/outputs.js';
import { failureMessage, summaryMarkdown } from '../src/report.js';

const base: DeployOutcome = {
  release: 'todo',
  namespace: 'staging',
  chart: './chart',
  chartVersion: '0.3.0',
  appVersion: '1.4.2',
  imageTag: 'sha-1',
  helmVersion: 'v3.19.0',
  previousRevision: 2,
  revision: 3,
  status: 'deployed',
  rolledBack: false,
  servingRevision: 3,
  durationMs: 12_300,
  workloads: [
    {
      kind: 'Deployment',
      name: 'todo-backend',
      desired: 2,
      ready: 2,
      updated: 2,
      available: 2,
      done: true,
      detail: 'available',
      pods: [],
      problems: [],
      events: [],
    },
  ],
};

describe('report', () => {
  it('summarises a deploy with facts and workloads', () => {
    const md = summaryMarkdown(base);
    expect(md).toContain('### ✅ helm-deploy: todo in staging: revision 3 deployed');
    for (const row of [
      '| **Release** | todo |',
      '| **Chart** | ./chart 0.3.0 |',
      '| **App version** | 1.4.2 |',
      '| **Image tag** | sha-1 |',
      '| **Revision** | 2 → 3 |',
      '| **Serving now** | revision 3 |',
      '| **Duration** | 12.3s |',
    ]) {
      expect(md).toContain(row);
    }
    expect(md).toContain('| todo-backend | Deployment | 2/2 | ✅ available |');
    expect(outputsOf(base)).toEqual({
      revision: '3',
      'previous-revision': '2',
      status: 'deployed',
      'rolled-back': 'false',
      'chart-version': '0.3.0',
      'app-version': '1.4.2',
      'helm-version': 'v3.19.0',
      diagnostics: '[]',
    });
  });

  it('names the reason, the serving revision and the warning events of a rolled-back deploy', () => {
    const failed: DeployOutcome = {
      ...base,
      status: 'rolled-back',
      rolledBack: true,
      servingRevision: 2,
      rollbackRevision: 4,
      failure: 'todo-backend: pod todo-backend-x ImagePullBackOff: Back-off pulling image "lab.invalid/b:1"',
      workloads: [
        {
          kind: 'Deployment',
          name: 'todo-backend',
          desired: 2,
          ready: 1,
          updated: 1,
          available: 1,
          done: false,
          detail: '1 of 2 replicas updated',
          pods: [{ name: 'todo-backend-x', ready: false, phase: 'Pending', reason: 'ImagePullBackOff', message: 'Back-off pulling image' }],
          problems: [{ pod: 'todo-backend-x', reason: 'ImagePullBackOff', message: 'Back-off pulling image', fatal: true }],
          events: [{ object: 'Pod/todo-backend-x', reason: 'Failed', message: 'Error: ImagePullBackOff', count: 2 }],
        },
      ],
    };
    const md = summaryMarkdown(failed);
    expect(md).toContain('### ❌ helm-deploy: todo in staging: deploy failed, rolled back to revision 2');
    expect(md).toContain('**Error:** todo-backend: pod todo-backend-x ImagePullBackOff');
    expect(md).toContain('| **Serving now** | revision 2 (rolled back, recorded as revision 4) |');
    expect(md).toContain('| todo-backend | Deployment | 1/2 | ❌ ImagePullBackOff |');
    expect(md).toContain('| Pod/todo-backend-x | Failed | 2 | Error: ImagePullBackOff |');
    expect(failureMessage(failed)).toBe(
      'todo-backend: pod todo-backend-x ImagePullBackOff: Back-off pulling image "lab.invalid/b:1"; rolled back, revision 2 is serving',
    );
    const outputs = outputsOf(failed);
    expect(outputs['rolled-back']).toBe('true');
    expect(JSON.parse(outputs.diagnostics)).toMatchObject([
      { name: 'todo-backend', pods: [{ reason: 'ImagePullBackOff' }], events: [{ reason: 'Failed' }] },
    ]);
  });

  it('shows the last log lines of a crashed container in the summary and the diagnostics', () => {
    const logs = { container: 'backend', previous: true, lines: ['demo-server backend: crashing at start', '``` not a fence'] };
    const crashed: DeployOutcome = {
      ...base,
      status: 'rolled-back',
      rolledBack: true,
      servingRevision: 2,
      failure: 'todo-backend: pod todo-backend-x CrashLoopBackOff: back-off 10s',
      workloads: [
        {
          ...(base.workloads[0] as DeployOutcome['workloads'][number]),
          ready: 1,
          done: false,
          pods: [{ name: 'todo-backend-x', ready: false, phase: 'Running', reason: 'CrashLoopBackOff', logs }],
        },
      ],
    };
    expect(summaryMarkdown(crashed)).toContain(
      "#### Last log lines\n\nPod todo-backend-x, container backend (the run before the last restart):\n\n```text\ndemo-server backend: crashing at start\n''' not a fence\n```",
    );
    expect(JSON.parse(outputsOf(crashed).diagnostics)).toMatchObject([{ pods: [{ name: 'todo-backend-x', logs }] }]);
    expect(summaryMarkdown({ ...crashed, status: 'deployed' })).not.toContain('Last log lines');
  });

  it('shows a dry run diff', () => {
    const md = summaryMarkdown({
      ...base,
      status: 'dry-run',
      revision: 3,
      diff: {
        added: [],
        removed: [],
        changed: ['ConfigMap staging/cfg'],
        unchanged: 4,
        text: '# ConfigMap staging/cfg (changed)\n- a\n+ b',
      },
    });
    expect(md).toContain('🔍 helm-deploy: todo in staging: dry run (nothing changed)');
    expect(md).toContain('| **Revision** | 2 (would become 3) |');
    expect(md).toContain('0 added, 1 changed, 0 removed, 4 unchanged. Secret values are hidden.');
    expect(md).toContain('```diff\n# ConfigMap staging/cfg (changed)\n- a\n+ b\n```');
  });
});
