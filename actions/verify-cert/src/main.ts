import { fail, log, reasonOf } from '@todo-deploy/runtime';
import { envReader, formatDuration } from '@todo-deploy/inputs';
import { trustedRoots } from '@todo-deploy/net';
import { writeSummary } from '@todo-deploy/summary';
import { checkHost } from './check-host.js';
import { readInputs } from './inputs.js';
import { outputs } from './outputs.js';
import { failureMessage, summaryMarkdown } from './report.js';

export async function run(): Promise<void> {
  try {
    const inputs = readInputs(envReader());
    const started = Date.now();
    const ca = trustedRoots(inputs.caCerts);
    log.info(
      `Checking ${inputs.hosts.length} host${inputs.hosts.length === 1 ? '' : 's'} every ${formatDuration(inputs.intervalMs)} until valid or ${formatDuration(inputs.timeoutMs)} pass`,
    );
    const results = await Promise.all(inputs.hosts.map((host) => checkHost(host, inputs, started + inputs.timeoutMs, ca)));
    for (const r of results) {
      log.info(
        `${r.ok ? '✓' : '✗'} ${r.host}: ${r.ok ? `valid until ${r['not-after']} (${r['days-remaining']} days), issuer ${r.issuer}` : r.error}`,
      );
    }
    for (const r of results) for (const warning of r.warnings) log.warning(`${r.host}: ${warning}`);
    const days = results.map((r) => r['days-remaining']).filter((d): d is number => d !== null);
    const ok = results.every((r) => r.ok);
    outputs.set({
      result: ok ? 'success' : 'failure',
      results: JSON.stringify(results.map(({ attempts: _attempts, warnings: _warnings, ...rest }) => rest)),
      'days-remaining': days.length > 0 ? String(Math.min(...days)) : '',
    });
    await writeSummary(summaryMarkdown(results, Date.now() - started));
    if (!ok) fail(failureMessage(results));
  } catch (error) {
    // a bad input or a fault before any result: the outputs still say it failed
    outputs.set({ result: 'failure', results: '[]', 'days-remaining': '' });
    fail(reasonOf(error));
  }
}
