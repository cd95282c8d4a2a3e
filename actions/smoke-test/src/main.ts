import * as core from '@actions/core';
import { envReader, formatDuration } from '@todo-deploy/inputs';
import { trustedRoots } from '@todo-deploy/net';
import { redact } from '@todo-deploy/secrets';
import { writeSummary } from '@todo-deploy/summary';
import { readInputs } from './inputs.js';
import { setOutputs } from './outputs.js';
import { probeUrl } from './probe.js';
import { failureMessage, summaryMarkdown } from './report.js';
import { prepareTargets } from './targets.js';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs(envReader());
    const targets = prepareTargets(inputs);
    if (inputs.insecure) core.warning('insecure is true: TLS certificates are not verified, so a wrong or expired certificate will pass.');
    const started = Date.now();
    const deadline = started + inputs.timeoutMs;
    core.info(
      `Probing ${targets.length} URL${targets.length === 1 ? '' : 's'} with ${inputs.method} until healthy or ${formatDuration(inputs.timeoutMs)} pass`,
    );
    const ca = trustedRoots(inputs.caCerts);
    const results = await Promise.all(targets.map((target) => probeUrl(target, inputs, deadline, ca)));
    const durationMs = Date.now() - started;
    for (const r of results) {
      core.info(
        `${r.ok ? '✓' : '✗'} ${r.url}: ${r.ok ? `status ${r.status}` : r.error} (${r.attempts} attempts, ${formatDuration(r['duration-ms'])})`,
      );
    }
    const ok = results.every((r) => r.ok);
    setOutputs({ result: ok ? 'success' : 'failure', results: JSON.stringify(results), 'duration-ms': String(durationMs) });
    await writeSummary(redact(summaryMarkdown(results, durationMs)));
    if (!ok) core.setFailed(redact(failureMessage(results)));
  } catch (error) {
    core.setFailed(redact((error as Error).message));
  }
}
