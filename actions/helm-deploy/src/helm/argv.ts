import type { KeyValue } from '@todo-deploy/inputs';
import type { HelmFlavor } from './version.js';

/** Everything an upgrade needs, already checked. */
export interface UpgradePlan {
  release: string;
  namespace: string;
  chart: string;
  chartVersion?: string;
  valuesFiles: readonly string[];
  /** Typed: numbers, true, false and null as such, anything else a string. */
  set: readonly KeyValue[];
  /** Strings, passed as they are. */
  setString: readonly KeyValue[];
  /** Strings that are secret: passed like setString, hidden when the command line is shown. */
  setSecret: readonly KeyValue[];
  imageTag?: { key: string; value: string };
  /** helm 4: take over fields another field manager owns (--force-conflicts). */
  forceConflicts?: boolean;
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

// helm parses a --set or --set-string value: a comma starts another key, `{` a list, and a
// list's end lets the rest set other keys ({}image=evil sets image). So no value goes through
// --set: a string goes through --set-literal (helm 3.12+ and 4), which takes the value as it
// is, and a number, boolean or null through --set-json, whose JSON cannot name another key.
const JSON_SCALAR = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/;

/** The helm flag and argument that give `key` exactly `value`, never a second key. Pure. */
export function valueArgs(key: string, value: string, typed: boolean): [string, string] {
  return typed && JSON_SCALAR.test(value) ? ['--set-json', `${key}=${value}`] : ['--set-literal', `${key}=${value}`];
}

/** `helm upgrade --install` for helm 3 or 4. Never --wait unless waitMode is 'helm'. */
export function upgradeArgv(plan: UpgradePlan, flavor: HelmFlavor): string[] {
  const argv = ['upgrade', plan.release, plan.chart, '--install', '--namespace', plan.namespace, '--history-max', String(plan.historyMax)];
  argv.push('--timeout', seconds(plan.timeoutMs), '--output', 'json');
  if (plan.chartVersion !== undefined) argv.push('--version', plan.chartVersion);
  if (plan.createNamespace) argv.push('--create-namespace');
  for (const file of plan.valuesFiles) argv.push('--values', file);
  for (const { key, value } of plan.set) argv.push(...valueArgs(key, value, true));
  for (const { key, value } of [...plan.setString, ...plan.setSecret]) argv.push(...valueArgs(key, value, false));
  if (plan.imageTag) argv.push(...valueArgs(plan.imageTag.key, plan.imageTag.value, false));
  if (plan.forceConflicts && flavor.major === 4) argv.push('--force-conflicts');
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

/** The argv as it may be printed: values shown, but those of `secretKeys` (set-secret) hidden. */
export function displayArgv(argv: readonly string[], secretKeys: ReadonlySet<string> = new Set()): string {
  return argv
    .map((arg, index) => {
      const flag = argv[index - 1];
      const key = arg.slice(0, arg.indexOf('='));
      if ((flag === '--set-literal' || flag === '--set-json') && secretKeys.has(key)) return `${key}=***`;
      return /^[\w./:=@,+-]+$/.test(arg) ? arg : JSON.stringify(arg);
    })
    .join(' ');
}
