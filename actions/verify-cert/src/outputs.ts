import * as core from '@actions/core';

export const OUTPUT_NAMES = ['result', 'results', 'days-remaining'] as const;
export type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>;

export function setOutputs(outputs: Outputs): void {
  for (const name of OUTPUT_NAMES) core.setOutput(name, outputs[name]);
}
