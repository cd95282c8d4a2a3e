import { formatDuration } from '@todo-deploy/inputs';
import { counted, resultSection } from '@todo-deploy/summary';
import type { UrlResult } from './probe.js';

export function summaryMarkdown(results: readonly UrlResult[], durationMs: number): string {
  return resultSection({
    title: 'Smoke test',
    verdicts: results.map((r) => r.ok),
    noun: 'URL',
    passedWord: 'healthy',
    detail: `in ${formatDuration(durationMs)}`,
    header: ['URL', 'Verdict', 'Status', 'Attempts', 'Time', 'Reason'],
    rows: results.map((r) => [
      r.url,
      r.ok ? '✅ healthy' : '❌ failed',
      r.status === null ? '—' : String(r.status),
      String(r.attempts),
      formatDuration(r['duration-ms']),
      r.error ?? '',
    ]),
  });
}

/** One line naming each failing URL and its cause. */
export function failureMessage(results: readonly UrlResult[]): string {
  const failed = results.filter((r) => !r.ok);
  const detail = failed.map((r) => `${r.url}: ${r.error}`).join('; ');
  return `${failed.length} of ${counted(results.length, 'URL')} unhealthy: ${detail}`;
}
