import { formatDuration } from '@todo-deploy/inputs';
import { markdownTable } from '@todo-deploy/summary';
import type { UrlResult } from './probe.js';

export function summaryMarkdown(results: readonly UrlResult[], durationMs: number): string {
  const healthy = results.filter((r) => r.ok).length;
  const icon = healthy === results.length ? '✅' : '❌';
  const rows = results.map((r) => [
    r.url,
    r.ok ? '✅ healthy' : '❌ failed',
    r.status === null ? '—' : String(r.status),
    String(r.attempts),
    formatDuration(r['duration-ms']),
    r.error ?? '',
  ]);
  return [
    `### ${icon} Smoke test: ${healthy} of ${results.length} URL${results.length === 1 ? '' : 's'} healthy in ${formatDuration(durationMs)}`,
    '',
    markdownTable(['URL', 'Verdict', 'Status', 'Attempts', 'Time', 'Reason'], rows),
    '',
  ].join('\n');
}

/** One line naming each failing URL and its cause. */
export function failureMessage(results: readonly UrlResult[]): string {
  const failed = results.filter((r) => !r.ok);
  const detail = failed.map((r) => `${r.url}: ${r.error}`).join('; ');
  return `${failed.length} of ${results.length} URL${results.length === 1 ? '' : 's'} unhealthy: ${detail}`;
}
