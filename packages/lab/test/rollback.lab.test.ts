import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestNamespace, deleteNamespace, helm, NEVER_READY_LABEL, UNPULLABLE_IMAGE_PREFIX } from '../src/index.js';
import { writeDemoChart } from './demo-chart.js';
import { expectOk } from './support.js';

const demoChart = writeDemoChart();

interface HistoryEntry {
  revision: number;
  status: string;
  description: string;
}

const cases = [
  {
    major: 3 as const,
    flag: '--atomic',
    failure: 'pods that never become Ready',
    breakIt: ['--set-json', `podLabels={"${NEVER_READY_LABEL}":"true"}`],
  },
  {
    major: 4 as const,
    flag: '--rollback-on-failure',
    failure: 'an image that cannot be pulled',
    breakIt: ['--set', `image=${UNPULLABLE_IMAGE_PREFIX}todo/backend:0.0.0`],
  },
];

describe.each(cases)('helm $major upgrade --install $flag', ({ major, flag, failure, breakIt }) => {
  let ns = '';
  beforeAll(async () => {
    ns = await createTestNamespace(`lab-rollback${major}`);
  });
  afterAll(async () => {
    if (ns) await deleteNamespace(ns);
  });

  it(`rolls back when the upgrade brings ${failure}`, async () => {
    expectOk(await helm(major, ['upgrade', '--install', 'demo', demoChart, '-n', ns, '--wait', '--timeout', '90s']), 'first install');

    const failed = await helm(major, ['upgrade', '--install', 'demo', demoChart, '-n', ns, flag, '--wait', '--timeout', '15s', ...breakIt]);
    expect(failed.exitCode).not.toBe(0);
    expect(failed.stderr).toMatch(/roll(ed)? ?back|rollback/i);

    const history = JSON.parse(
      expectOk(await helm(major, ['history', 'demo', '-n', ns, '-o', 'json']), 'helm history').stdout,
    ) as HistoryEntry[];
    expect(history.map((h) => h.status)).toEqual(['superseded', 'failed', 'deployed']);
    expect(history.at(-1)?.description).toMatch(/Rollback to 1/);

    const status = JSON.parse(expectOk(await helm(major, ['status', 'demo', '-n', ns, '-o', 'json']), 'helm status').stdout) as {
      info: { status: string };
      version: number;
    };
    expect(status.info.status).toBe('deployed');
    expect(status.version).toBe(3);
  }, 150_000);
});
