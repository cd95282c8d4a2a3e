import * as core from '@actions/core';
import { redact } from '@todo-deploy/secrets';

export const OUTPUT_NAMES = ['image-tag', 'tags', 'digests', 'images'] as const;
export type Outputs = Record<(typeof OUTPUT_NAMES)[number], string>;

/** Sets every declared output, each passed through redact() so no secret form leaves. */
export function setOutputs(outputs: Outputs): void {
  for (const name of OUTPUT_NAMES) core.setOutput(name, redact(outputs[name]));
}
