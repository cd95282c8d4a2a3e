import { describe, expect, it } from '@jest/globals';
import { parseGoMod, wrapperFor, wrapperGoMod } from '../src/install/gomod.js';

const KUBERNETES_GO_MOD = `// generated
module k8s.io/kubernetes

go 1.25.0

godebug default=go1.25

require (
	bitbucket.org/bertimus9/systemstat v0.5.0
	k8s.io/api v0.0.0
)

replace (
	k8s.io/api => ./staging/src/k8s.io/api
	k8s.io/client-go => ./staging/src/k8s.io/client-go // comment
	github.com/example/fork => github.com/other/fork v1.2.3
)
`;

describe('parseGoMod', () => {
  it('reads go, godebug and the local replaces, not the module replaces', () => {
    expect(parseGoMod(KUBERNETES_GO_MOD)).toEqual({
      go: '1.25.0',
      godebug: ['default=go1.25'],
      localReplaces: ['k8s.io/api', 'k8s.io/client-go'],
    });
  });

  it('reads single-line replace directives (etcd style) including ../ targets', () => {
    const text =
      'module go.etcd.io/etcd/server/v3\n\ngo 1.26.0\n\nreplace go.etcd.io/etcd/api/v3 => ../api\nreplace go.etcd.io/etcd => ./FORBIDDEN_DEPENDENCY\n';
    expect(parseGoMod(text).localReplaces).toEqual(['go.etcd.io/etcd/api/v3', 'go.etcd.io/etcd']);
  });
});

describe('wrapperGoMod', () => {
  it('requires the upstream module and replaces each local module with its release, sorted', () => {
    const text = wrapperGoMod({
      module: 'todo-deploy.lab/x',
      go: '1.25.0',
      godebug: ['default=go1.25'],
      require: { path: 'k8s.io/kubernetes', version: 'v1.35.4' },
      replace: [
        { path: 'k8s.io/client-go', version: 'v0.35.4' },
        { path: 'k8s.io/api', version: 'v0.35.4' },
      ],
    });
    expect(text).toBe(
      [
        'module todo-deploy.lab/x',
        '',
        'go 1.25.0',
        '',
        'godebug default=go1.25',
        '',
        'require k8s.io/kubernetes v1.35.4',
        '',
        'replace (',
        '\tk8s.io/api => k8s.io/api v0.35.4',
        '\tk8s.io/client-go => k8s.io/client-go v0.35.4',
        ')',
        '',
      ].join('\n'),
    );
  });
});

describe('wrapperFor', () => {
  it('turns the kubernetes go.mod into a buildable wrapper', () => {
    const text = wrapperFor({ path: 'k8s.io/kubernetes', version: 'v1.35.4', goMod: KUBERNETES_GO_MOD }, 'v0.35.4');
    expect(text).toContain('module todo-deploy.lab/k8s.io-kubernetes\n');
    expect(text).toContain('require k8s.io/kubernetes v1.35.4\n');
    expect(text).toContain('\tk8s.io/api => k8s.io/api v0.35.4\n');
    expect(text).toContain('\tk8s.io/client-go => k8s.io/client-go v0.35.4\n');
    expect(text).not.toContain('github.com/example/fork');
    expect(text).not.toContain('./staging');
  });

  it('skips replaces that are not real modules', () => {
    const goMod =
      'module go.etcd.io/etcd/server/v3\n\ngo 1.26.0\n\nreplace (\n\tgo.etcd.io/etcd/api/v3 => ../api\n)\nreplace go.etcd.io/etcd => ./FORBIDDEN_DEPENDENCY\n';
    const text = wrapperFor({ path: 'go.etcd.io/etcd/server/v3', version: 'v3.6.16', goMod }, 'v3.6.16', ['go.etcd.io/etcd']);
    expect(text).toContain('\tgo.etcd.io/etcd/api/v3 => go.etcd.io/etcd/api/v3 v3.6.16\n');
    expect(text).not.toContain('FORBIDDEN');
    expect(text).not.toMatch(/go\.etcd\.io\/etcd => /);
  });
});
