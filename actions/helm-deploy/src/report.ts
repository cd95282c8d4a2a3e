import { formatDuration } from '@todo-deploy/inputs';
import { factsTable, markdownTable } from '@todo-deploy/summary';
import type { DeployOutcome } from './outcome.js';
import type { ContainerLog } from './rollout/container-logs.js';

const ICON: Record<DeployOutcome['status'], string> = {
  deployed: '✅',
  'dry-run': '🔍',
  'rolled-back': '❌',
  uninstalled: '❌',
  failed: '❌',
};

function headline(o: DeployOutcome): string {
  const where = `${o.release} in ${o.namespace}`;
  switch (o.status) {
    case 'deployed':
      return `${where}: revision ${o.revision} deployed`;
    case 'dry-run':
      return `${where}: dry run (nothing changed)`;
    case 'rolled-back':
      return `${where}: deploy failed, rolled back to revision ${o.servingRevision}`;
    case 'uninstalled':
      return `${where}: first install failed and was removed`;
    default:
      return `${where}: deploy failed`;
  }
}

function serving(o: DeployOutcome): string {
  if (o.status === 'dry-run') return o.previousRevision === undefined ? 'nothing (not installed)' : `revision ${o.previousRevision}`;
  if (o.servingRevision === undefined) return 'nothing (the release is not installed)';
  return `revision ${o.servingRevision}${o.rolledBack ? ` (rolled back${o.rollbackRevision ? `, recorded as revision ${o.rollbackRevision}` : ''})` : ''}`;
}

/** The job summary: facts, workloads, and on failure the reason and warning events. Pure. */
export function summaryMarkdown(o: DeployOutcome): string {
  const revisions = `${o.previousRevision ?? '—'} → ${o.revision ?? '—'}`;
  const facts: Array<[string, string]> = [
    ['Release', o.release],
    ['Namespace', o.namespace],
    ['Chart', `${o.chart}${o.chartVersion ? ` ${o.chartVersion}` : ''}`],
    ['App version', o.appVersion || '—'],
    ['Image tag', o.imageTag ?? '—'],
    ['Revision', o.status === 'dry-run' ? `${o.previousRevision ?? '—'} (would become ${o.revision ?? '—'})` : revisions],
    ['Serving now', serving(o)],
    ['Helm', o.helmVersion],
    ['Duration', formatDuration(o.durationMs)],
  ];
  if (o.recovery) facts.push(['Recovery', o.recovery]);
  if (o.lockWaitMs !== undefined && o.lockWaitMs >= 1000) facts.push(['Waited for another deploy', formatDuration(o.lockWaitMs)]);
  const parts = [`### ${ICON[o.status]} helm-deploy: ${headline(o)}`, ''];
  if (o.failure) parts.push(`**Error:** ${o.failure.replace(/</g, '&lt;')}`, '');
  parts.push(factsTable(facts), '');
  if (o.workloads.length > 0) {
    const rows = o.workloads.map((w) => [
      w.name,
      w.kind,
      `${w.ready}/${w.desired}`,
      w.done ? '✅ available' : `❌ ${w.failed ?? w.problems[0]?.reason ?? w.detail}`,
    ]);
    parts.push('#### Workloads', '', markdownTable(['Workload', 'Kind', 'Ready', 'Status'], rows), '');
  }
  const events = o.workloads.flatMap((w) => w.events);
  if (o.status !== 'deployed' && events.length > 0) {
    parts.push(
      '#### Warning events',
      '',
      markdownTable(
        ['Object', 'Reason', 'Count', 'Message'],
        events.map((e) => [e.object, e.reason, String(e.count), e.message]),
      ),
      '',
    );
  }
  const logged = o.status === 'deployed' ? [] : o.workloads.flatMap((w) => w.pods.filter((p) => p.logs));
  if (logged.length > 0) {
    parts.push('#### Last log lines', '');
    for (const pod of logged) {
      const log = pod.logs as ContainerLog;
      parts.push(
        `Pod ${pod.name}, container ${log.container}${log.previous ? ' (the run before the last restart)' : ''}:`,
        '',
        '```text',
        ...log.lines.map((line) => line.replace(/```/g, "'''")),
        '```',
        '',
      );
    }
  }
  if (o.diff) {
    const d = o.diff;
    parts.push(
      '#### Changes against the deployed release',
      '',
      `${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed, ${d.unchanged} unchanged. Secret values are hidden.`,
      '',
    );
    if (d.text) {
      const shown = capLines(d.text.replace(/```/g, "'''"), MAX_DIFF_BYTES);
      parts.push('```diff', shown.text, '```', '');
      if (shown.cut > 0)
        parts.push(
          `The diff was cut at ${MAX_DIFF_BYTES / 1024} KiB (a step summary holds at most 1 MiB): ${shown.cut} more line${shown.cut === 1 ? '' : 's'} not shown.`,
          '',
        );
    }
  }
  return parts.join('\n');
}

/** The most of a dry-run diff the summary shows: GitHub takes at most 1 MiB per step summary. */
export const MAX_DIFF_BYTES = 512 * 1024;

/** The whole lines of a text that fit in maxBytes (UTF-8), and how many lines were left out. Pure. */
export function capLines(text: string, maxBytes: number): { text: string; cut: number } {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return { text, cut: 0 };
  const lines = text.split('\n');
  let size = 0;
  let kept = 0;
  for (const line of lines) {
    const next = size + Buffer.byteLength(line, 'utf8') + 1;
    if (next > maxBytes) break;
    size = next;
    kept += 1;
  }
  return { text: lines.slice(0, kept).join('\n'), cut: lines.length - kept };
}

/** The error line: what failed, why, and what serves now. */
export function failureMessage(o: DeployOutcome): string {
  const after =
    o.status === 'rolled-back'
      ? `; rolled back, revision ${o.servingRevision} is serving`
      : o.status === 'uninstalled'
        ? '; the failed first install was uninstalled'
        : '';
  return `${o.failure ?? 'deploy failed'}${after}`;
}
