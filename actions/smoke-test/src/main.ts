import { fail, log, reasonOf } from '@todo-deploy/runtime';
import { envReader, formatDuration } from '@todo-deploy/inputs';
import { trustedRoots } from '@todo-deploy/net';
import { writeSummary } from '@todo-deploy/summary';
import { readInputs } from './inputs.js';
import { outputs } from './outputs.js';
import { probeUrl } from './probe.js';
import { failureMessage, summaryMarkdown } from './report.js';
import { prepareTargets } from './targets.js';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs(envReader());
    const targets = prepareTargets(inputs);
    if (inputs.insecure) log.warning('insecure is true: TLS certificates are not verified, so a wrong or expired certificate will pass.');
    const started = Date.now();
    const deadline = started + inputs.timeoutMs;
    log.info(
      `Probing ${targets.length} URL${targets.length === 1 ? '' : 's'} with ${inputs.method} until healthy or ${formatDuration(inputs.timeoutMs)} pass`,
    );
    const ca = trustedRoots(inputs.caCerts);
    const results = await Promise.all(targets.map((target) => probeUrl(target, inputs, deadline, ca)));
    const durationMs = Date.now() - started;
    for (const r of results) {
      log.info(
        `${r.ok ? '✓' : '✗'} ${r.url}: ${r.ok ? `status ${r.status}` : r.error} (${r.attempts} attempt${r.attempts === 1 ? '' : 's'}, ${formatDuration(r['duration-ms'])})`,
      );
    }
    const ok = results.every((r) => r.ok);
    outputs.set({ result: ok ? 'success' : 'failure', results: JSON.stringify(results), 'duration-ms': String(durationMs) });
    await writeSummary(summaryMarkdown(results, durationMs));
    if (!ok) fail(failureMessage(results));
  } catch (error) {
    // a bad input or a fault before any result: the outputs still say it failed
    outputs.set({ result: 'failure', results: '[]', 'duration-ms': '0' });
    fail(reasonOf(error));
  }
}
