import * as core from '@actions/core';
import { log } from '@todo-deploy/runtime';
import { redact } from '@todo-deploy/secrets';

/**
 * Appends markdown to the job summary, redacted. Without GITHUB_STEP_SUMMARY (a local run)
 * it is printed instead, line by line through the guarded path, so nothing is lost.
 */
export async function writeSummary(markdown: string): Promise<void> {
  const text = redact(markdown);
  if (!process.env.GITHUB_STEP_SUMMARY) {
    log.lines(text);
    return;
  }
  await core.summary.addRaw(text, true).write();
}
