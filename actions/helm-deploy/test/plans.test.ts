import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActionState, stateEnvName } from '@todo-deploy/runtime/state';
import { CheckpointWriter, readCheckpoint, type Checkpoint } from '../src/checkpoint.js';
import type { HistoryEntry } from '../src/helm/release-json.js';
import type { DeployOutcome } from '../src/outcome.js';
import { settledOutcome } from '../src/plan/outcome.js';
import { needsCluster, planPost } from '../src/plan/post.js';
import { planStart, previousAfterRecovery, planRecovery, type RecoveryStep } from '../src/plan/recovery.js';
import { planSettle, revisionMade, settledText, type Settled } from '../src/plan/settle.js';
import { postNeedsCluster } from '../src/post-local.js';
import { stateSchema } from '../src/state.js';

// The pure plans of a deploy (plan/): how it starts, how a failed one is settled, what the
// outcome says, and what the post step does from main's checkpoint. The runner that carries
// them out with helm is tested on the lab (recovery, failure, concurrency, real-node).

type Row = [number, string, string?];
const h = (...rows: Row[]): HistoryEntry[] =>
  rows.map(([revision, status, description]) => ({
    revision,
    status,
    chart: 'todo-0.1.0',
    app_version: '1',
    description: description ?? '',
  }));
const target = { release: 'todo', namespace: 'staging', recover: true };

describe('planStart', () => {
  it.each([
    ['a first install', h(), { kind: 'upgrade' }],
    ['an upgrade of the deployed revision', h([1, 'superseded'], [2, 'deployed']), { kind: 'upgrade', previousRevision: 2 }],
    ['an upgrade after a failed one', h([1, 'deployed'], [2, 'failed']), { kind: 'upgrade', previousRevision: 1 }],
    ['a stuck upgrade', h([1, 'deployed'], [2, 'pending-upgrade']), { kind: 'recover', recovery: { kind: 'rollback', to: 1 } }],
    ['a failed first install', h([1, 'failed']), { kind: 'recover', recovery: { kind: 'uninstall' } }],
    ['a stuck first install', h([1, 'pending-install']), { kind: 'recover', recovery: { kind: 'uninstall' } }],
  ])('%s', (_name, history, expected) => {
    const plan = planStart(history, target);
    expect(plan).toMatchObject(expected);
    if (expected.kind === 'upgrade' && !('previousRevision' in expected)) expect(plan).toEqual({ kind: 'upgrade' });
  });

  it('refuses to recover when recover is false, naming the release, why and the command that fixes it', () => {
    expect(planStart(h([1, 'deployed'], [2, 'pending-upgrade']), { ...target, recover: false })).toEqual({
      kind: 'refuse',
      message:
        'Release todo in staging: release is stuck in pending-upgrade at revision 2. recover is false, so nothing was changed; fix it with: helm rollback todo 1 --namespace staging',
    });
    // a release that needs nothing is upgraded whatever recover says
    expect(planStart(h([1, 'deployed']), { ...target, recover: false })).toEqual({ kind: 'upgrade', previousRevision: 1 });
  });

  it('returns to the revision the recovery left deployed', () => {
    const rollback = planRecovery(h([1, 'deployed'], [2, 'pending-upgrade'])) as RecoveryStep;
    const uninstall = planRecovery(h([1, 'failed'])) as RecoveryStep;
    expect(previousAfterRecovery(rollback, 3)).toBe(3);
    expect(previousAfterRecovery(uninstall, undefined)).toBeUndefined();
  });
});

describe('planSettle', () => {
  it.each([
    ['no release', h(), { previousRevision: 1, atomic: true }, { kind: 'none' }],
    [
      "helm's own --atomic already rolled back",
      h([1, 'superseded'], [2, 'failed'], [3, 'deployed', 'Rollback to 1']),
      { previousRevision: 1, atomic: true },
      { kind: 'rolled-back', to: 1, revision: 3 },
    ],
    [
      'atomic: the failed revision of this run is rolled back',
      h([1, 'deployed'], [2, 'failed']),
      { previousRevision: 1, atomic: true },
      { kind: 'rollback', to: 1, undoing: { revision: 2, status: 'failed' } },
    ],
    [
      'atomic: a deployed revision whose rollout failed is rolled back',
      h([1, 'superseded'], [2, 'deployed']),
      { previousRevision: 1, atomic: true },
      { kind: 'rollback', to: 1, undoing: { revision: 2, status: 'deployed' } },
    ],
    [
      'atomic: a killed upgrade left pending is rolled back',
      h([1, 'deployed'], [2, 'pending-upgrade']),
      { previousRevision: 1, atomic: true },
      { kind: 'rollback', to: 1, undoing: { revision: 2, status: 'pending-upgrade' } },
    ],
    [
      'atomic: a failed first install is uninstalled',
      h([1, 'failed']),
      { atomic: true },
      { kind: 'uninstall', undoing: { revision: 1, status: 'failed' } },
    ],
    ['atomic: this run made no revision (helm refused it)', h([1, 'deployed']), { previousRevision: 1, atomic: true }, { kind: 'none' }],
    ['not atomic: a failed revision stays', h([1, 'deployed'], [2, 'failed']), { previousRevision: 1, atomic: false }, { kind: 'none' }],
    [
      'not atomic: a pending revision is repaired (rolled back)',
      h([1, 'deployed'], [2, 'pending-upgrade']),
      { previousRevision: 1, atomic: false },
      { kind: 'repair', recovery: { kind: 'rollback', to: 1 } },
    ],
    [
      'not atomic: a pending first install is repaired (uninstalled)',
      h([1, 'pending-install']),
      { atomic: false },
      { kind: 'repair', recovery: { kind: 'uninstall' } },
    ],
    [
      'a rollback to another revision than the previous one is not taken for helm --atomic',
      h([1, 'superseded'], [2, 'superseded'], [3, 'deployed', 'Rollback to 1']),
      { previousRevision: 2, atomic: true },
      { kind: 'rollback', to: 2, undoing: { revision: 3 } },
    ],
  ])('%s', (_name, history, settleTarget, expected) => {
    expect(planSettle(history, settleTarget)).toMatchObject(expected);
  });
});

describe('revisionMade', () => {
  it.each([
    ['the newest revision above the previous one', h([1, 'superseded'], [2, 'failed']), 1, 2],
    ["not helm's own rollback", h([1, 'superseded'], [2, 'failed'], [3, 'deployed', 'Rollback to 1']), 1, 2],
    ['none when helm made none', h([1, 'deployed']), 1, undefined],
    ['a first install', h([1, 'failed']), undefined, 1],
  ])('%s', (_name, history, previous, expected) => expect(revisionMade(history, previous)).toBe(expected));
});

describe('settledOutcome', () => {
  const failed: DeployOutcome = {
    release: 'todo',
    namespace: 'staging',
    chart: 'todo',
    chartVersion: '0.1.0',
    appVersion: '1',
    helmVersion: 'v4.3.1',
    status: 'failed',
    rolledBack: false,
    durationMs: 0,
    workloads: [],
    previousRevision: 4,
    revision: 5,
    failure: 'rollout failed',
  };
  it.each<[string, Settled, boolean, Partial<DeployOutcome>]>([
    [
      'rolled back',
      { kind: 'rollback', to: 4, revision: 6 },
      true,
      { status: 'rolled-back', rolledBack: true, servingRevision: 4, rollbackRevision: 6 },
    ],
    ['uninstalled', { kind: 'uninstall' }, true, { status: 'uninstalled', rolledBack: true }],
    ['failed, not atomic: what it applied serves', { kind: 'none' }, false, { status: 'failed', rolledBack: false, servingRevision: 5 }],
    [
      'repaired',
      { kind: 'repaired', text: 'stuck: rolled back' },
      false,
      { status: 'failed', recovery: 'stuck: rolled back', servingRevision: 5 },
    ],
  ])('%s', (_name, settled, atomic, expected) => {
    const outcome = settledOutcome(failed, settled, atomic, 1234);
    expect(outcome).toMatchObject({ ...expected, durationMs: 1234, failure: 'rollout failed' });
    if (settled.kind === 'uninstall') expect(outcome.servingRevision).toBeUndefined();
  });

  it('says nothing serves after an atomic failure that settled nothing, and the previous revision without atomic when none was made', () => {
    expect(settledOutcome(failed, { kind: 'none' }, true, 1).servingRevision).toBeUndefined();
    const { revision: _r, ...unmade } = failed;
    expect(settledOutcome(unmade, { kind: 'none' }, false, 1).servingRevision).toBe(4);
  });

  it.each<[Settled, string]>([
    [{ kind: 'rollback', to: 4, revision: 6 }, 'Release todo: rolled back to revision 4'],
    [{ kind: 'uninstall' }, 'Release todo: uninstalled'],
    [{ kind: 'repaired', text: 'x: rolled back to revision 1' }, 'Release todo: x: rolled back to revision 1'],
    [{ kind: 'none' }, 'Release todo: already settled'],
  ])('logs %j as %j', (settled, line) => expect(settledText('todo', settled)).toBe(line));
});

describe('planPost', () => {
  const targetOf = { release: 'todo', namespace: 'staging' };
  it.each<[string, Checkpoint, string[]]>([
    ['main finished: only its folder', { target: targetOf, folder: '/f' }, ['remove-folder']],
    ['nothing at all', {}, []],
    [
      'killed while deploying, holding the lock, with its proxy running',
      {
        target: targetOf,
        deploying: { previousRevision: 3, atomic: true, historyMax: 10 },
        lockHolder: 'run 1',
        proxy: { pid: 42, folder: '/p' },
        folder: '/f',
      },
      ['stop-proxy', 'settle', 'free-lock', 'remove-folder'],
    ],
    ['killed waiting for the lock', { target: targetOf, lockHolder: 'run 1', folder: '/f' }, ['free-lock', 'remove-folder']],
    [
      'deploying without a target (refused state): no cluster step',
      { deploying: { atomic: true, historyMax: 10 }, folder: '/f' },
      ['remove-folder'],
    ],
  ])('%s', (_name, checkpoint, kinds) => {
    const steps = planPost(checkpoint);
    expect(steps.map((s) => s.kind)).toEqual(kinds);
    expect(needsCluster(steps)).toBe(kinds.includes('settle') || kinds.includes('free-lock'));
  });

  it('settles with what main recorded', () => {
    const [settle] = planPost({ target: targetOf, deploying: { previousRevision: 3, atomic: false, historyMax: 5 } });
    expect(settle).toEqual({ kind: 'settle', release: 'todo', namespace: 'staging', previousRevision: 3, atomic: false, historyMax: 5 });
  });
});

describe('checkpoint', () => {
  /** A main step's state that hands its values on as the runner does (STATE_<name>). */
  const writer = () => {
    const env: NodeJS.ProcessEnv = {};
    const state = new ActionState(stateSchema, env, (name, value) => (env[stateEnvName(name)] = value));
    return { checkpoint: new CheckpointWriter(state), post: () => new ActionState(stateSchema, env) };
  };

  it('reads back in the post step what main recorded, step by step', () => {
    const { checkpoint, post } = writer();
    const folder = mkdtempSync(join(tmpdir(), 'helm-deploy-'));
    checkpoint.target('todo', 'staging', { context: 'lab', atomic: false, historyMax: 7 });
    checkpoint.helm('helm', 4);
    checkpoint.proxy({ pid: 42, folder });
    checkpoint.locked('run 1');
    expect(readCheckpoint(post())).toEqual({
      target: { release: 'todo', namespace: 'staging', context: 'lab' },
      helm: { binary: 'helm', major: 4 },
      lockHolder: 'run 1',
      proxy: { pid: 42, folder },
    });
    checkpoint.deploying(3);
    expect(readCheckpoint(post()).deploying).toEqual({ previousRevision: 3, atomic: false, historyMax: 7 });
    expect(postNeedsCluster(post())).toBe(true);
    checkpoint.settled();
    checkpoint.locked(undefined);
    checkpoint.proxy(undefined);
    expect(readCheckpoint(post())).toEqual({
      target: { release: 'todo', namespace: 'staging', context: 'lab' },
      helm: { binary: 'helm', major: 4 },
    });
    expect(postNeedsCluster(post())).toBe(false);
  });

  it('settles the safe way (atomic) when the atomic value is missing or refused', () => {
    const env = {
      [stateEnvName('release')]: 'todo',
      [stateEnvName('namespace')]: 'staging',
      [stateEnvName('phase')]: 'deploying',
      [stateEnvName('atomic')]: 'yes',
    };
    const state = new ActionState(stateSchema, env);
    expect(readCheckpoint(state).deploying).toEqual({ atomic: true, historyMax: 10 });
    expect(state.refused.map((r) => r.name)).toEqual(['atomic']);
  });

  it('refuses a forged helm binary or proxy folder: the post step never runs or stops what main did not write', () => {
    const env = {
      [stateEnvName('helmBinary')]: '/tmp/evil/helm',
      [stateEnvName('helmMajor')]: '4',
      [stateEnvName('proxyPid')]: '1',
      [stateEnvName('proxyFolder')]: '/etc',
    };
    const checkpoint = readCheckpoint(new ActionState(stateSchema, env));
    expect(checkpoint.helm).toBeUndefined();
    expect(checkpoint.proxy).toBeUndefined();
  });
});
