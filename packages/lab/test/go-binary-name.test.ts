import { describe, expect, it } from '@jest/globals';
import { goBinaryName } from '../src/install/go-tools.js';

describe('goBinaryName', () => {
  it.each([
    ['github.com/nektos/act', 'act'],
    ['github.com/zricethezav/gitleaks/v8', 'gitleaks'],
    ['helm.sh/helm/v3/cmd/helm', 'helm'],
    ['github.com/digitalocean/doctl/cmd/doctl', 'doctl'],
    ['example.com/v2', 'example.com'],
    ['example.com/tool/v1', 'v1'],
  ])('%s builds %s', (pkg, name) => {
    expect(goBinaryName(pkg)).toBe(name);
  });
});
