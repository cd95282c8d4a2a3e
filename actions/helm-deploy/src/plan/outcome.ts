import type { ReleaseFacts } from '../helm/release-json.js';
import type { DeployInputs } from '../inputs.js';
import type { DeployOutcome, DeployStatus } from '../outcome.js';
import type { Settled } from './settle.js';

/** The outcome before anything is known of the release. Pure. */
export function baseOutcome(inputs: DeployInputs, helmVersion: string, status: DeployStatus): DeployOutcome {
  return {
    release: inputs.release,
    namespace: inputs.namespace,
    chart: inputs.chart.shown,
    chartVersion: inputs.chartVersion ?? '',
    appVersion: '',
    ...(inputs.imageTag ? { imageTag: inputs.imageTag } : {}),
    helmVersion,
    status,
    rolledBack: false,
    durationMs: 0,
    workloads: [],
  };
}

/** The revision and chart helm reported for the revision it applied. */
export function withFacts(outcome: DeployOutcome, facts: ReleaseFacts): DeployOutcome {
  return { ...outcome, revision: facts.revision, chartVersion: facts.chartVersion, appVersion: facts.appVersion };
}

/**
 * How a failed run ended once the release was settled. Pure.
 * A rollback serves the previous revision (helm numbered the rollback `rollbackRevision`); an
 * uninstall serves nothing; otherwise the run failed and, without atomic, what this run applied
 * (or the previous revision) still serves.
 */
export function settledOutcome(outcome: DeployOutcome, settled: Settled, atomic: boolean, durationMs: number): DeployOutcome {
  const ended = { ...outcome, durationMs };
  if (settled.kind === 'rollback')
    return { ...ended, status: 'rolled-back', rolledBack: true, servingRevision: settled.to, rollbackRevision: settled.revision };
  if (settled.kind === 'uninstall') {
    const { servingRevision: _serving, ...rest } = ended;
    return { ...rest, status: 'uninstalled', rolledBack: true };
  }
  const serving = atomic ? undefined : (outcome.revision ?? outcome.previousRevision);
  return {
    ...ended,
    ...(settled.kind === 'repaired' ? { recovery: settled.text } : {}),
    status: 'failed',
    ...(serving !== undefined ? { servingRevision: serving } : {}),
  };
}
