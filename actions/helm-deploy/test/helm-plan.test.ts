import { describe, expect, it } from '@jest/globals';
import { displayArgv, rollbackArgv, uninstallArgv, upgradeArgv, valueArgs, type UpgradePlan } from '../src/helm/argv.js';
import { isReleaseNotFound, parseHistory, parseReleaseJson } from '../src/helm/release-json.js';
import { cachedHelm4, HELM3_SECURITY_END, helmSupportNotice, parseHelmVersion } from '../src/helm/version.js';
import { applyConflicts, conflictMessage } from '../src/helm/conflicts.js';

const helm3 = parseHelmVersion('v3.19.0');
const helm4 = parseHelmVersion('v4.0.1+g1234abc');
const plan: UpgradePlan = {
  release: 'todo',
  namespace: 'staging',
  chart: '/w/chart',
  valuesFiles: ['/w/a.yaml', '/w/b.yaml'],
  set: [
    { key: 'env.LIST', value: 'a,b=c' },
    { key: 'replicas', value: '2' },
  ],
  setString: [{ key: 'global.owner', value: '{}image=evil' }],
  setSecret: [{ key: 'db.password', value: 'p@ss,w\\rd' }],
  imageTag: { key: 'global.imageTag', value: 'sha-1' },
  createNamespace: true,
  historyMax: 10,
  timeoutMs: 300_000,
  waitMode: 'none',
  helmAtomic: true,
  dryRun: false,
};

describe('helm 4 where both are present', () => {
  it.each([
    ['PATH helm 3, the cache has 4.x: the newest 4.x', helm3, ['3.22.0', '4.0.1', '4.3.1', '4.10.0'], '4.10.0'],
    ['no helm on PATH: the newest cached 4.x', undefined, ['4.3.1'], '4.3.1'],
    ['PATH helm 4: PATH', helm4, ['4.3.1'], undefined],
    ['only helm 3 cached: PATH', helm3, ['3.22.0', '3.19.0'], undefined],
    ['a pre-release is never picked on its own', helm3, ['4.4.0-rc.1'], undefined],
    ['an empty cache', helm3, [], undefined],
  ])('%s', (_name, flavor, cached, expected) => expect(cachedHelm4(flavor, cached)).toBe(expected));
});

describe('helm version', () => {
  it.each([
    ['v3.19.0', { version: 'v3.19.0', major: 3 }],
    ['v3.22.0+gabc123', { version: 'v3.22.0', major: 3 }],
    ['v4.0.1', { version: 'v4.0.1', major: 4 }],
    ['  v4.3.1-rc.1\n', { version: 'v4.3.1', major: 4 }],
  ])('reads %j', (text, flavor) => expect(parseHelmVersion(text)).toEqual(flavor));

  it.each([
    ['v2.17.0', 'helm v2.17.0 is not supported: use helm 3 or helm 4'],
    ['garbage', "Could not read the helm version from 'garbage'"],
  ])('rejects %j', (text, message) => expect(() => parseHelmVersion(text)).toThrow(message));

  it('tells a helm 3 user that its security fixes end with February 2027, and says nothing to helm 4', () => {
    const lastDay = new Date('2027-02-28T23:59:59Z');
    expect(helmSupportNotice(helm3, new Date('2026-12-03T10:00:00Z'))).toBe(
      'Deploying with helm v3.19.0: helm 3 gets security fixes only until February 2027; helm 4 is the one to move to (helm-version: a 4.x, such as 4.3.1)',
    );
    expect(helmSupportNotice(helm3, lastDay)).toMatch(/gets security fixes only until February 2027/);
    expect(helmSupportNotice(helm3, HELM3_SECURITY_END)).toBe(
      'Deploying with helm v3.19.0: helm 3 has had no security fixes since February 2027; helm 4 is the one to move to (helm-version: a 4.x, such as 4.3.1)',
    );
    expect(helmSupportNotice(helm4, new Date('2026-12-03T10:00:00Z'))).toBeUndefined();
    expect(helmSupportNotice(helm4, new Date('2030-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('helm argv', () => {
  it('upgrades without --wait or --atomic when the action watches the rollout (helm 3 and 4 alike)', () => {
    const expected = [
      'upgrade',
      'todo',
      '/w/chart',
      '--install',
      '--namespace',
      'staging',
      '--history-max',
      '10',
      '--timeout',
      '300s',
      '--output',
      'json',
      '--create-namespace',
      '--values',
      '/w/a.yaml',
      '--values',
      '/w/b.yaml',
      '--set-literal',
      'env.LIST=a,b=c',
      '--set-json',
      'replicas=2',
      '--set-literal',
      'global.owner={}image=evil',
      '--set-literal',
      'db.password=p@ss,w\\rd',
      '--set-literal',
      'global.imageTag=sha-1',
    ];
    expect(upgradeArgv(plan, helm3)).toEqual(expected);
    expect(upgradeArgv(plan, helm4)).toEqual(expected);
  });

  it('translates helm-managed wait and rollback for helm 3 and helm 4', () => {
    const waiting = { ...plan, waitMode: 'helm' as const };
    expect(upgradeArgv(waiting, helm3).slice(-2)).toEqual(['--wait', '--atomic']);
    expect(upgradeArgv(waiting, helm4).slice(-2)).toEqual(['--wait=watcher', '--rollback-on-failure']);
    expect(upgradeArgv({ ...waiting, helmAtomic: false }, helm4).at(-1)).toBe('--wait=watcher');
  });

  it('dry-runs on the server, never waiting', () => {
    for (const flavor of [helm3, helm4]) {
      const argv = upgradeArgv({ ...plan, dryRun: true, waitMode: 'helm' }, flavor);
      expect(argv.at(-1)).toBe('--dry-run=server');
      expect(argv).not.toContain('--wait');
      expect(argv).not.toContain('--atomic');
    }
  });

  it('passes chart-version and leaves out --create-namespace when asked', () => {
    const argv = upgradeArgv({ ...plan, chartVersion: '1.2.3', createNamespace: false }, helm3);
    expect(argv).toContain('--version');
    expect(argv[argv.indexOf('--version') + 1]).toBe('1.2.3');
    expect(argv).not.toContain('--create-namespace');
  });

  it('rolls back and uninstalls without waiting', () => {
    expect(rollbackArgv('todo', 'staging', 3, 10, 60_000)).toEqual([
      'rollback',
      'todo',
      '3',
      '--namespace',
      'staging',
      '--history-max',
      '10',
      '--timeout',
      '60s',
    ]);
    expect(uninstallArgv('todo', 'staging', 1500)).toEqual(['uninstall', 'todo', '--namespace', 'staging', '--timeout', '2s']);
  });

  it('shows argv with the values readable, but those of set-secret keys hidden', () => {
    const shown = displayArgv(upgradeArgv(plan, helm3), new Set(['db.password']));
    expect(shown).toContain('--set-literal env.LIST=a,b=c --set-json replicas=2 --set-literal "global.owner={}image=evil"');
    expect(shown).toContain('--set-literal db.password=*** --set-literal global.imageTag=sha-1');
    expect(shown).not.toContain('p@ss');
  });

  it.each([
    ['2', true, ['--set-json', 'k=2']],
    ['-1.5e3', true, ['--set-json', 'k=-1.5e3']],
    ['true', true, ['--set-json', 'k=true']],
    ['null', true, ['--set-json', 'k=null']],
    ['007', true, ['--set-literal', 'k=007']],
    ['{}image=evil', true, ['--set-literal', 'k={}image=evil']],
    ['[1,2]', true, ['--set-literal', 'k=[1,2]']],
    ['{"a":1}', true, ['--set-literal', 'k={"a":1}']],
    ['2', false, ['--set-literal', 'k=2']],
  ])('passes %j (typed %s) so that it sets one key only', (value, typed, args) => {
    expect(valueArgs('k', value, typed)).toEqual(args);
  });
});

describe('helm JSON', () => {
  it('reads history', () => {
    const text = JSON.stringify([
      {
        revision: 1,
        updated: '2026-01-01T00:00:00Z',
        status: 'superseded',
        chart: 'todo-0.1.0',
        app_version: '1.0',
        description: 'Install complete',
      },
      { revision: 2, status: 'deployed', chart: 'todo-0.1.0', app_version: '1.0', description: 'Upgrade complete' },
    ]);
    expect(parseHistory(text).map((e) => [e.revision, e.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    expect(parseHistory('')).toEqual([]);
  });

  it('reads a release without keeping its values', () => {
    const text = `WARNING: something\n${JSON.stringify({
      name: 'todo',
      namespace: 'staging',
      version: 4,
      info: { status: 'deployed', description: 'Upgrade complete' },
      chart: { metadata: { name: 'todo', version: '0.3.0', appVersion: '1.4.2' } },
      config: { password: 'secret' },
      manifest: 'kind: Deployment',
    })}`;
    const facts = parseReleaseJson(text);
    expect(facts).toEqual({
      name: 'todo',
      namespace: 'staging',
      revision: 4,
      status: 'deployed',
      chartName: 'todo',
      chartVersion: '0.3.0',
      appVersion: '1.4.2',
      manifest: 'kind: Deployment',
      description: 'Upgrade complete',
    });
    expect(JSON.stringify(facts)).not.toContain('secret');
  });

  it('knows a missing release', () => {
    expect(isReleaseNotFound('Error: release: not found')).toBe(true);
    expect(isReleaseNotFound('Error: Kubernetes cluster unreachable')).toBe(false);
    expect(isReleaseNotFound('Error: uninstall: Release not loaded: tiny: release: not found\n')).toBe(true);
    expect(isReleaseNotFound('Error: failed to delete release: tiny: configmaps "tiny-config" not found')).toBe(false);
    expect(isReleaseNotFound('Error: uninstall: context "prod" not found')).toBe(false);
  });
});

describe('server-side apply conflicts (helm 4)', () => {
  it('reads the object, the owner and the field from helm, and says the ways out in one line', () => {
    const stderr = [
      'level=WARN msg="upgrade failed" name=tiny error="conflict occurred while applying object ns1/tiny-web apps/v1, Kind=Deployment: Apply failed with 1 conflict: conflict with \\"kubectl\\" with subresource \\"scale\\" using apps/v1: .spec.replicas"',
      'Error: UPGRADE FAILED: conflict occurred while applying object ns1/tiny-web apps/v1, Kind=Deployment: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    ].join('\n');
    const conflicts = applyConflicts(stderr);
    expect(conflicts).toEqual([
      { object: 'Deployment ns1/tiny-web', manager: 'kubectl', subresource: 'scale', fields: ['.spec.replicas'] },
    ]);
    const message = conflictMessage(conflicts);
    expect(message).toMatch(
      /^server-side apply conflict: Deployment ns1\/tiny-web: \.spec\.replicas is owned by "kubectl" \(through its scale subresource\)\. /,
    );
    expect(message).toContain('force-conflicts: true');
    expect(message).not.toContain('\n');
  });

  it('reads several fields of one manager, and finds none in other errors', () => {
    const stderr =
      'Error: UPGRADE FAILED: conflict occurred while applying object prod/api apps/v1, Kind=Deployment: Apply failed with 2 conflicts: conflicts with "hpa-controller" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="api"].resources';
    expect(applyConflicts(stderr)).toEqual([
      {
        object: 'Deployment prod/api',
        manager: 'hpa-controller',
        fields: ['.spec.replicas', '.spec.template.spec.containers[name="api"].resources'],
      },
    ]);
    expect(applyConflicts('Error: UPGRADE FAILED: timed out waiting for the condition')).toEqual([]);
  });
});
