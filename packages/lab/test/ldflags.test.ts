import { describe, expect, it } from '@jest/globals';
import { kubernetesLdflags, majorMinor, toolLdflags } from '../src/install/ldflags.js';

describe('majorMinor', () => {
  it.each([
    ['v1.35.4', '1', '35'],
    ['1.33.13', '1', '33'],
  ])('%s', (version, major, minor) => {
    expect(majorMinor(version)).toEqual({ major, minor });
  });

  it('rejects a non-version', () => {
    expect(() => majorMinor('latest')).toThrow('not a semantic version: latest');
  });
});

describe('kubernetesLdflags', () => {
  const flags = kubernetesLdflags({ version: 'v1.35.4', commit: 'abc', time: '2026-04-15T18:01:22Z' });

  it.each(['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version'])('sets the version variables of %s', (pkg) => {
    expect(flags).toContain(`-X ${pkg}.gitVersion=v1.35.4`);
    expect(flags).toContain(`-X ${pkg}.gitMajor=1`);
    expect(flags).toContain(`-X ${pkg}.gitMinor=35`);
    expect(flags).toContain(`-X ${pkg}.gitTreeState=clean`);
    expect(flags).toContain(`-X ${pkg}.gitCommit=abc`);
    expect(flags).toContain(`-X ${pkg}.buildDate=2026-04-15T18:01:22Z`);
  });

  it('strips symbols', () => {
    expect(flags.startsWith('-s -w ')).toBe(true);
  });
});

describe('toolLdflags', () => {
  it('expands {version} and {commit}', () => {
    expect(
      toolLdflags(
        { 'helm.sh/helm/v3/internal/version.version': '{version}', 'x.commit': '{commit}' },
        { version: 'v3.22.0', commit: 'f00' },
      ),
    ).toBe('-s -w -X helm.sh/helm/v3/internal/version.version=v3.22.0 -X x.commit=f00');
  });
});
