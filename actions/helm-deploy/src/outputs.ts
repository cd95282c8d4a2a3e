import * as core from '@actions/core';
import { redact } from '@todo-deploy/secrets';
import { diagnostics } from './diagnostics.js';
import type { DeployOutcome } from './outcome.js';

export const OUTPUT_NAMES = [
  'revision',
  'previous-revision',
  'status',
  'rolled-back',
  'chart-version',
  'app-version',
  'helm-version',
  'diagnostics',
] as const;
export type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>;

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

/** Sets every declared output, each passed through redact() so no secret form leaves. */
export function setOutputs(outputs: Outputs): void {
  for (const name of OUTPUT_NAMES) core.setOutput(name, redact(outputs[name]));
}
