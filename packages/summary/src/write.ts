import * as core from '@actions/core';

/**
 * Appends markdown to the job summary. Without GITHUB_STEP_SUMMARY (a local run) it is
 * printed instead, so nothing is lost.
 */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info(markdown);
    return;
  }
  await core.summary.addRaw(markdown, true).write();
}
