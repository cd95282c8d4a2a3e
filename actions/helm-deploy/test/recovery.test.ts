import { describe, expect, it } from '@jest/globals';
import type { HistoryEntry } from '../src/helm/release-json.js';
import { fixCommand, planRecovery } from '../src/plan/recovery.js';

const h = (...entries: Array<[number, string]>): HistoryEntry[] =>
  entries.map(([revision, status]) => ({ revision, status, chart: 'todo-0.1.0', app_version: '1', description: '' }));

describe('planRecovery', () => {
  it.each([
    ['no release', h(), { kind: 'none' }],
    ['deployed', h([1, 'superseded'], [2, 'deployed']), { kind: 'none', deployedRevision: 2, lastRevision: 2 }],
    ['failed upgrade over a deployed revision', h([1, 'deployed'], [2, 'failed']), { kind: 'none', deployedRevision: 1, lastRevision: 2 }],
    ['pending-upgrade', h([1, 'superseded'], [2, 'deployed'], [3, 'pending-upgrade']), { kind: 'rollback', to: 2 }],
    ['pending-rollback', h([1, 'deployed'], [2, 'pending-rollback']), { kind: 'rollback', to: 1 }],
    ['pending-install', h([1, 'pending-install']), { kind: 'uninstall' }],
    ['pending-upgrade that never deployed', h([1, 'failed'], [2, 'pending-upgrade']), { kind: 'uninstall' }],
    ['failed first install', h([1, 'failed']), { kind: 'uninstall' }],
    ['only failed revisions', h([1, 'failed'], [2, 'failed']), { kind: 'uninstall' }],
  ])('%s', (_name, history, expected) => {
    expect(planRecovery(history)).toMatchObject(expected);
  });

  it('says why and which command fixes it', () => {
    const stuck = planRecovery(h([1, 'deployed'], [2, 'pending-upgrade']));
    expect(stuck.kind === 'rollback' && stuck.reason).toBe('release is stuck in pending-upgrade at revision 2');
    expect(fixCommand(stuck, 'todo', 'staging')).toBe('helm rollback todo 1 --namespace staging');
    const failed = planRecovery(h([1, 'failed']));
    expect(failed.kind === 'uninstall' && failed.reason).toBe('release has no deployed revision (revision 1 is failed)');
    expect(fixCommand(failed, 'todo', 'staging')).toBe('helm uninstall todo --namespace staging');
  });
});
