import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { statusMessage } from '../src/adapters/kube-api.js';
import { historyFromLabels, storageResource, storageSelector } from '../src/helm/storage-labels.js';
import { postNeedsCluster, stopLeftProxy } from '../src/post-local.js';
import { selectorQuery, sharedSelectorQuery } from '../src/rollout/read-objects.js';
import { pollDelayMs } from '../src/rollout/watch.js';
import { ActionState, stateEnvName } from '@todo-deploy/runtime/state';
import { stateSchema } from '../src/state.js';

/** The state as the runner hands it to the post step: STATE_<name> variables. */
const stateOf = (values: Partial<Record<keyof typeof stateSchema, string>>) =>
  new ActionState(stateSchema, Object.fromEntries(Object.entries(values).map(([k, v]) => [stateEnvName(k), v])));

describe('statusMessage', () => {
  it('reads the reason and message of a Kubernetes Status', () => {
    const text = JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'NotFound', message: 'leases "x" not found', code: 404 });
    expect(statusMessage({ status: 404, text })).toEqual({ reason: 'NotFound', message: 'leases "x" not found' });
  });
  it("takes the proxy's own error line when the body is not a Status", () => {
    expect(statusMessage({ status: 500, text: 'dial tcp 127.0.0.1:1: connect: connection refused\n' })).toEqual({
      reason: '',
      message: 'dial tcp 127.0.0.1:1: connect: connection refused',
    });
    expect(statusMessage({ status: 502, text: '' }).message).toBe('HTTP 502');
  });
});

describe('helm storage labels', () => {
  it.each([
    [undefined, 'secrets'],
    ['', 'secrets'],
    ['secret', 'secrets'],
    ['Secrets', 'secrets'],
    ['configmap', 'configmaps'],
    ['configmaps', 'configmaps'],
    ['memory', undefined],
    ['sql', undefined],
  ])('HELM_DRIVER %p keeps releases in %p', (driver, resource) => {
    expect(storageResource(driver)).toBe(resource);
  });

  it('selects the release by owner and name', () => {
    expect(storageSelector('todo')).toBe('owner=helm,name=todo');
  });

  it('reads revisions and states, sorted, from the labels', () => {
    const item = (version: string, status: string) => ({ metadata: { labels: { owner: 'helm', name: 'todo', version, status } } });
    expect(historyFromLabels([item('10', 'deployed'), item('9', 'superseded')])).toEqual([
      { revision: 9, status: 'superseded', chart: '', app_version: '', description: '' },
      { revision: 10, status: 'deployed', chart: '', app_version: '', description: '' },
    ]);
    expect(historyFromLabels([])).toEqual([]);
  });

  it('gives up (so that helm history is asked) when a label is missing or odd', () => {
    expect(historyFromLabels([{ metadata: { labels: { version: '1' } } }])).toBeUndefined();
    expect(historyFromLabels([{ metadata: { labels: { version: 'v1', status: 'deployed' } } }])).toBeUndefined();
    expect(historyFromLabels([{ metadata: {} }])).toBeUndefined();
  });
});

describe('rollout reads', () => {
  it("lists pods by the workload's own selector, never the whole namespace", () => {
    expect(selectorQuery({ matchLabels: { 'app.kubernetes.io/name': 'todo', 'app.kubernetes.io/component': 'backend' } })).toBe(
      'app.kubernetes.io/component=backend,app.kubernetes.io/name=todo',
    );
    expect(
      selectorQuery({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['a', 'b'] },
          { key: 'canary', operator: 'NotIn', values: ['true'] },
          { key: 'track', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('!legacy,app=web,canary notin (true),tier in (a,b),track');
    // an empty selector would select every pod of the namespace: not listed at all
    expect(selectorQuery({})).toBeUndefined();
    expect(selectorQuery(undefined)).toBeUndefined();
  });

  it("serves a release's workloads with one list of the label pairs their selectors share, when they share any", () => {
    const web = (component: string) => ({
      matchLabels: { 'app.kubernetes.io/instance': 'todo', 'app.kubernetes.io/name': 'todo', 'app.kubernetes.io/component': component },
    });
    expect(sharedSelectorQuery([web('frontend'), web('backend'), web('mcp')])).toBe(
      'app.kubernetes.io/instance=todo,app.kubernetes.io/name=todo',
    );
    // the same key with another value is not shared; expressions never are
    expect(sharedSelectorQuery([{ matchLabels: { app: 'a', tier: 'x' } }, { matchLabels: { app: 'b', tier: 'x' } }])).toBe('tier=x');
    expect(sharedSelectorQuery([{ matchLabels: { app: 'a' } }, { matchLabels: { app: 'b' } }])).toBeUndefined();
    expect(
      sharedSelectorQuery([{ matchLabels: { app: 'a' } }, { matchExpressions: [{ key: 'app', operator: 'In', values: ['a'] }] }]),
    ).toBeUndefined();
    expect(sharedSelectorQuery([{ matchLabels: { app: 'a' } }, undefined])).toBeUndefined();
    expect(sharedSelectorQuery([])).toBeUndefined();
  });

  it('looks closely in the first second, then less often, then every second', () => {
    const delays = Array.from({ length: 30 }, (_, n) => pollDelayMs(n));
    expect(delays.slice(0, 10).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(delays.every((d, n) => n === 0 || d >= (delays[n - 1] as number))).toBe(true);
    expect(delays.at(-1)).toBe(1000);
  });
});

describe('post step', () => {
  it('needs the cluster only when main left a release to settle or a lock to free', () => {
    const base = { release: 'todo', namespace: 'staging' } as const;
    expect(postNeedsCluster(stateOf({ ...base }))).toBe(false);
    expect(postNeedsCluster(stateOf({ ...base, phase: 'deploying' }))).toBe(true);
    expect(postNeedsCluster(stateOf({ ...base, lockHolder: 'run 1' }))).toBe(true);
    expect(postNeedsCluster(stateOf({ phase: 'deploying' }))).toBe(false);
  });

  it("stops a proxy left running only when that pid's command line names the socket folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helm-deploy-'));
    const idle = (...args: string[]) => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)', ...args]);
    const other = idle();
    const proxy = idle(dir);
    const ended = (child: typeof proxy) => new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_c, s) => resolve(s)));
    const proxyEnded = ended(proxy);
    stopLeftProxy({ pid: other.pid as number, folder: dir });
    expect(existsSync(dir)).toBe(false);
    expect(other.exitCode === null && other.signalCode === null).toBe(true);
    stopLeftProxy({ pid: proxy.pid as number, folder: dir });
    expect(await proxyEnded).toBe('SIGTERM');
    other.kill();
    await ended(other);
  });
});
