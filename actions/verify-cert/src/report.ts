import { formatDuration } from '@todo-deploy/inputs';
import { counted, resultSection } from '@todo-deploy/summary';
import type { HostResult } from './check-host.js';

export function summaryMarkdown(results: readonly HostResult[], durationMs: number): string {
  return resultSection({
    title: 'Certificates',
    verdicts: results.map((r) => r.ok),
    noun: 'host',
    passedWord: 'valid',
    detail: `(${formatDuration(durationMs)})`,
    header: ['Host', 'Verdict', 'Issuer', 'Expires', 'Days left', 'TLS', 'HTTP redirect', 'Reason'],
    rows: results.map((r) => [
      r.host,
      r.ok ? '✅ valid' : '❌ failed',
      r.issuer ?? '—',
      r['not-after']?.slice(0, 10) ?? '—',
      r['days-remaining'] === null ? '—' : String(r['days-remaining']),
      r['tls-version'] ?? '—',
      r.redirect ?? 'not checked',
      r.error ?? '',
    ]),
  });
}

export function failureMessage(results: readonly HostResult[]): string {
  const failed = results.filter((r) => !r.ok);
  return `${failed.length} of ${counted(results.length, 'host')} failed: ${failed
    .map((r) => `${r.host}: ${r.error} (after ${counted(r.attempts, 'attempt')})`)
    .join('; ')}`;
}
