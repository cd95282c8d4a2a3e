import { defineOutputs } from '@todo-deploy/runtime';
import { diagnostics } from './diagnostics.js';
import type { DeployOutcome } from './outcome.js';

export const outputs = defineOutputs([
  'revision',
  'previous-revision',
  'status',
  'rolled-back',
  'chart-version',
  'app-version',
  'helm-version',
  'diagnostics',
]);
export type Outputs = Parameters<typeof outputs.set>[0];

export function outputsOf(outcome: DeployOutcome): Outputs {
  return {
    revision: outcome.revision === undefined ? '' : String(outcome.revision),
    'previous-revision': outcome.previousRevision === undefined ? '' : String(outcome.previousRevision),
    status: outcome.status,
    'rolled-back': String(outcome.rolledBack),
    'chart-version': outcome.chartVersion,
    'app-version': outcome.appVersion,
    'helm-version': outcome.helmVersion,
    diagnostics: JSON.stringify(diagnostics(outcome.workloads)),
  };
}
