import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestNamespace, deleteNamespace, helm, labEnv } from '../src/index.js';
import { writeDemoChart } from './demo-chart.js';
import { expectOk } from './support.js';

const demoChart = writeDemoChart();

describe.each([3, 4] as const)('helm %i against the lab', (major) => {
  let ns = '';
  beforeAll(async () => {
    ns = await createTestNamespace(`lab-helm${major}`);
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it('is the pinned major version, with a full version string', async () => {
    const lab = await labEnv();
    expect(major === 3 ? lab.helm3 : lab.helm4).toMatch(/^\//);
    const out = expectOk(await helm(major, ['version', '--template', '{{ .Version }}']), 'helm version');
    expect(out.stdout.trim()).toMatch(new RegExp(`^v${major}\\.\\d+\\.\\d+$`));
  });

  it('installs a small chart with --wait (kubeVersion >=1.33 holds)', async () => {
    expectOk(await helm(major, ['install', 'demo', demoChart, '-n', ns, '--wait', '--timeout', '90s']), 'helm install');
    const status = JSON.parse(expectOk(await helm(major, ['status', 'demo', '-n', ns, '-o', 'json']), 'helm status').stdout) as {
      info: { status: string };
      version: number;
    };
    expect(status.info.status).toBe('deployed');
    expect(status.version).toBe(1);
  }, 120_000);
});
