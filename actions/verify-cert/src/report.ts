import { formatDuration } from '@todo-deploy/inputs';
import { markdownTable } from '@todo-deploy/summary';
import type { HostResult } from './check-host.js';

export function summaryMarkdown(results: readonly HostResult[], durationMs: number): string {
  const passed = results.filter((r) => r.ok).length;
  const icon = passed === results.length ? '✅' : '❌';
  const rows = results.map((r) => [
    r.host,
    r.ok ? '✅ valid' : '❌ failed',
    r.issuer ?? '—',
    r['not-after']?.slice(0, 10) ?? '—',
    r['days-remaining'] === null ? '—' : String(r['days-remaining']),
    r['tls-version'] ?? '—',
    r.redirect ?? 'not checked',
    r.error ?? '',
  ]);
  return [
    `### ${icon} Certificates: ${passed} of ${results.length} host${results.length === 1 ? '' : 's'} valid (${formatDuration(durationMs)})`,
    '',
    markdownTable(['Host', 'Verdict', 'Issuer', 'Expires', 'Days left', 'TLS', 'HTTP redirect', 'Reason'], rows),
    '',
  ].join('\n');
}

export function failureMessage(results: readonly HostResult[]): string {
  const failed = results.filter((r) => !r.ok);
  return `${failed.length} of ${results.length} host${results.length === 1 ? '' : 's'} failed: ${failed
    .map((r) => `${r.host}: ${r.error} (after ${r.attempts} attempt${r.attempts === 1 ? '' : 's'})`)
    .join('; ')}`;
}
