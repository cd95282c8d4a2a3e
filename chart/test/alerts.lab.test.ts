// The chart's alert rules, tested for what they claim with promtool (Prometheus 3.16, built by
// the lab): the PrometheusRule that values-production.yaml renders (helm 3 and helm 4) passes
// `promtool check rules`, and `promtool test rules` with chart/test/alerts/production.test.yaml,
// whose series make HighErrorRate, CriticalErrorRate and PodCrashLooping fire and stay silent
// as the seed describes. Broken copies of the rules must fail the same tests.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import { CHART_DIR, byName, labHelms, labTool, render, runTool, type Helm } from './support/chart.js';

const TESTS = path.join(CHART_DIR, 'test', 'alerts', 'production.test.yaml');

interface RuleGroup {
  name: string;
  rules: Array<{ alert: string; expr: string; for: string }>;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'chart-alerts-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const promtool = (...args: string[]) => runTool([labTool('LAB_PROMTOOL'), ...args], { timeoutMs: 60_000 });

/** Writes the groups as a Prometheus rule file, with the tests beside it; returns the test file's path. */
async function workspace(name: string, groups: RuleGroup[]): Promise<{ rules: string; tests: string }> {
  const here = await mkdtemp(path.join(dir, `${name}-`));
  const rules = path.join(here, 'rules.yaml');
  await writeFile(rules, stringify({ groups }));
  const tests = path.join(here, 'production.test.yaml');
  await copyFile(TESTS, tests);
  return { rules, tests };
}

/** A copy of the groups with one alert's expression changed. */
function withExpr(groups: RuleGroup[], alert: string, change: (expr: string) => string): RuleGroup[] {
  const copy = structuredClone(groups);
  const rule = copy.flatMap((g) => g.rules).find((r) => r.alert === alert);
  if (!rule) throw new Error(`no alert ${alert} in the rendered rules`);
  const changed = change(rule.expr);
  if (changed === rule.expr) throw new Error(`the change to ${alert} changed nothing`);
  rule.expr = changed;
  return copy;
}

describe.each(labHelms().map((helm) => [helm.label, helm] as const))('alert rules rendered with %s', (_label, helm: Helm) => {
  let groups: RuleGroup[] = [];
  beforeAll(async () => {
    const objects = await render(helm, { namespace: 'production', valuesFiles: ['values-production.yaml'], kubeVersion: '1.33.0' });
    groups = (byName(objects, 'PrometheusRule', 'todo-alerts').spec as { groups: RuleGroup[] }).groups;
  });

  it('pass promtool check rules: three alerts', async () => {
    const { rules } = await workspace('check', groups);
    const result = await promtool('check', 'rules', rules);
    expect({ exit: result.exitCode, out: result.stdout.trim() }).toEqual({
      exit: 0,
      out: `Checking ${rules}\n  SUCCESS: 3 rules found`,
    });
  });

  it('pass promtool test rules: each alert fires when the seed says, for the release only, and stays silent otherwise', async () => {
    const { tests } = await workspace('test', groups);
    const result = await promtool('test', 'rules', tests);
    expect({ exit: result.exitCode, out: result.stdout + result.stderr }).toEqual({
      exit: 0,
      out: expect.stringContaining('SUCCESS') as unknown,
    });
  });

  it.each([
    ['HighErrorRate', 'a threshold of 50% instead of 5%', (e: string) => e.replace(/> 0\.05$/m, '> 0.5'), /HighErrorRate/],
    [
      'CriticalErrorRate',
      'no namespace scoping (staging would page production)',
      (e: string) => e.replaceAll('namespace="production", ', ''),
      /CriticalErrorRate/,
    ],
    ['HighErrorRate', 'every status counted as an error', (e: string) => e.replace(', status=~"5.*"', ''), /HighErrorRate/],
    ['PodCrashLooping', 'any pod of the namespace', (e: string) => e.replace(/, pod=~"[^"]*"/, ''), /PodCrashLooping/],
  ] as const)('fail promtool test rules when %s has %s', async (alert, _what, change, named) => {
    const { tests } = await workspace('broken', withExpr(groups, alert, change));
    const result = await promtool('test', 'rules', tests);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(named);
  });

  it('fail promtool check rules on an expression Prometheus cannot parse', async () => {
    const { rules } = await workspace(
      'syntax',
      withExpr(groups, 'PodCrashLooping', (e) => e.replace('[5m]', '[5m')),
    );
    const result = await promtool('check', 'rules', rules);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(/parse error|unexpected/i);
  });
});
