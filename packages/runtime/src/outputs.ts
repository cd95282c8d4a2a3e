import * as core from '@actions/core';
import { redact } from '@todo-deploy/secrets';

/**
 * An action's outputs, typed by the names its action.yml declares. Values are written
 * through GITHUB_OUTPUT (never as commands) and redacted, so no secret form leaves.
 */
export function defineOutputs<const N extends string>(names: readonly N[]) {
  return {
    names,
    /** Sets every output. */
    set(values: Record<N, string>): void {
      for (const name of names) core.setOutput(name, redact(values[name]));
    },
    /** Sets some outputs (the result of a run that failed before it had the others). */
    setSome(values: Partial<Record<N, string>>): void {
      for (const name of names) if (values[name] !== undefined) core.setOutput(name, redact(values[name] as string));
    },
  };
}
