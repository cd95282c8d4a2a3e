import type { KeyValue } from '@todo-deploy/inputs';
import type { HelmFlavor } from './version.js';

/** Everything an upgrade needs, already checked. */
export interface UpgradePlan {
  release: string;
  namespace: string;
  chart: string;
  chartVersion?: string;
  valuesFiles: readonly string[];
  set: readonly KeyValue[];
  setString: readonly KeyValue[];
  imageTag?: { key: string; value: string };
  createNamespace: boolean;
  historyMax: number;
  timeoutMs: number;
  /**
   * How the upgrade itself waits: 'none' (the action watches the rollout itself, so a
   * killed helm never sits in --wait), 'helm' (helm's own wait, when verify-rollout is off).
   */
  waitMode: 'none' | 'helm';
  /** Only with waitMode 'helm': helm rolls back by itself (--atomic / --rollback-on-failure). */
  helmAtomic: boolean;
  dryRun: boolean;
}

export const seconds = (ms: number): string => `${Math.max(1, Math.ceil(ms / 1000))}s`;

/** --set takes commas as separators and parses types; escape so a value arrives as given. */
export function escapeSetValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}

/** `helm upgrade --install` for helm 3 or 4. Never --wait unless waitMode is 'helm'. */
export function upgradeArgv(plan: UpgradePlan, flavor: HelmFlavor): string[] {
  const argv = ['upgrade', plan.release, plan.chart, '--install', '--namespace', plan.namespace, '--history-max', String(plan.historyMax)];
  argv.push('--timeout', seconds(plan.timeoutMs), '--output', 'json');
  if (plan.chartVersion !== undefined) argv.push('--version', plan.chartVersion);
  if (plan.createNamespace) argv.push('--create-namespace');
  for (const file of plan.valuesFiles) argv.push('--values', file);
  for (const { key, value } of plan.set) argv.push('--set', `${key}=${escapeSetValue(value)}`);
  for (const { key, value } of plan.setString) argv.push('--set-string', `${key}=${escapeSetValue(value)}`);
  if (plan.imageTag) argv.push('--set-string', `${plan.imageTag.key}=${escapeSetValue(plan.imageTag.value)}`);
  if (plan.dryRun) {
    argv.push('--dry-run=server');
  } else if (plan.waitMode === 'helm') {
    argv.push(flavor.major === 4 ? '--wait=watcher' : '--wait');
    if (plan.helmAtomic) argv.push(flavor.major === 4 ? '--rollback-on-failure' : '--atomic');
  }
  return argv;
}

/** Rolls back without waiting: the action watches the result itself. */
export function rollbackArgv(release: string, namespace: string, revision: number, historyMax: number, timeoutMs: number): string[] {
  return [
    'rollback',
    release,
    String(revision),
    '--namespace',
    namespace,
    '--history-max',
    String(historyMax),
    '--timeout',
    seconds(timeoutMs),
  ];
}

export function uninstallArgv(release: string, namespace: string, timeoutMs: number): string[] {
  return ['uninstall', release, '--namespace', namespace, '--timeout', seconds(timeoutMs)];
}

export function historyArgv(release: string, namespace: string): string[] {
  return ['history', release, '--namespace', namespace, '--max', '256', '--output', 'json'];
}

export function statusArgv(release: string, namespace: string): string[] {
  return ['status', release, '--namespace', namespace, '--output', 'json'];
}

export function getManifestArgv(release: string, namespace: string, revision?: number): string[] {
  return ['get', 'manifest', release, '--namespace', namespace, ...(revision === undefined ? [] : ['--revision', String(revision)])];
}

/** The argv as it may be printed: --set values hidden, since they can hold secrets. */
export function displayArgv(argv: readonly string[]): string {
  return argv
    .map((arg, index) => {
      const flag = argv[index - 1];
      if ((flag === '--set' || flag === '--set-string') && arg.includes('=')) return `${arg.slice(0, arg.indexOf('='))}=***`;
      return /^[\w./:=@,+-]+$/.test(arg) ? arg : JSON.stringify(arg);
    })
    .join(' ');
}
