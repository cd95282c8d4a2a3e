import * as core from '@actions/core';
import { redact } from '@todo-deploy/secrets';
import { safeLine, safeLines } from './text.js';

// What an action prints. Every message goes through redact (no registered secret form) and
// safeLine (no workflow command, no line break), whatever part of it came from outside.
// Annotations carry one line each: the runner shows %0A as a break, the summary as <br>.

const clean = (text: string): string => safeLine(redact(text));

export const log = {
  info: (text: string): void => core.info(clean(text)),
  /** Shown on a runner with debug logging on; nothing in a local terminal, where ::debug:: is noise. */
  debug: (text: string): void => {
    if (process.env.GITHUB_ACTIONS === 'true') core.debug(clean(text));
  },
  notice: (text: string): void => core.notice(clean(text)),
  warning: (text: string): void => core.warning(clean(text)),
  error: (text: string): void => core.error(clean(text)),
  /** A log group with a safe title. */
  startGroup: (title: string): void => core.startGroup(clean(title)),
  endGroup: (): void => core.endGroup(),
  /** Several lines from outside, each made safe on its own. */
  lines(text: string): void {
    for (const line of safeLines(redact(text))) core.info(line);
  },
};

/** Fails the step with one safe line (exit code 1 when the process ends). */
export function fail(message: string): void {
  core.setFailed(clean(message));
}

/** The one-line reason of a caught value, for `fail` and the outputs. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
