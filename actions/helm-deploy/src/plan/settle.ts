import type { HistoryEntry } from '../helm/release-json.js';
import { isPending, planRecovery, type RecoveryStep } from './recovery.js';

export interface SettleTarget {
  /** The revision deployed before this run, if any. */
  previousRevision?: number;
  /** Undo whatever revision this run made (rollback to previousRevision, or uninstall). */
  atomic: boolean;
}

/**
 * What leaves a release settled after a failed, timed-out, cancelled or killed deploy. Pure:
 * from the history read at that moment, so main and the post step plan alike.
 * - `rolled-back`: helm's own --atomic already rolled back to previousRevision;
 * - `rollback` / `uninstall`: atomic, and the newest revision is this run's: undo it;
 * - `repair`: not atomic, but the newest revision is pending: recover it like a stuck release;
 * - `none`: nothing to do (no release, or the newest revision is settled and atomic is off).
 */
export type SettlePlan =
  | { kind: 'none' }
  | { kind: 'rolled-back'; to: number; revision: number }
  | { kind: 'rollback'; undoing: HistoryEntry; to: number }
  | { kind: 'uninstall'; undoing: HistoryEntry }
  | { kind: 'repair'; recovery: RecoveryStep };

const newest = (history: readonly HistoryEntry[]): HistoryEntry | undefined => [...history].sort((a, b) => b.revision - a.revision)[0];

export function planSettle(history: readonly HistoryEntry[], target: SettleTarget): SettlePlan {
  const last = newest(history);
  if (!last) return { kind: 'none' };
  const previous = target.previousRevision;
  if (previous !== undefined && last.status === 'deployed' && last.description === `Rollback to ${previous}`)
    return { kind: 'rolled-back', to: previous, revision: last.revision };
  if (target.atomic && last.revision > (previous ?? 0))
    return previous !== undefined ? { kind: 'rollback', undoing: last, to: previous } : { kind: 'uninstall', undoing: last };
  if (isPending(last.status)) {
    const recovery = planRecovery(history);
    // planRecovery always recovers a pending newest revision; 'none' cannot come back here
    return recovery.kind === 'none' ? { kind: 'none' } : { kind: 'repair', recovery };
  }
  return { kind: 'none' };
}

/**
 * The revision this run made, when helm's output did not say (it failed or was stopped): the
 * newest one above previousRevision that is not helm's own rollback. Pure.
 */
export function revisionMade(history: readonly HistoryEntry[], previousRevision: number | undefined): number | undefined {
  const made = history.filter((e) => e.revision > (previousRevision ?? 0) && !/^Rollback to /.test(e.description));
  return made.length > 0 ? Math.max(...made.map((e) => e.revision)) : undefined;
}

/** What settling did, for the outcome and the post step's log. */
export type Settled =
  { kind: 'none' } | { kind: 'rollback'; to: number; revision: number } | { kind: 'uninstall' } | { kind: 'repaired'; text: string };

/** One line for the log of what settling did. */
export function settledText(release: string, settled: Settled): string {
  if (settled.kind === 'rollback') return `Release ${release}: rolled back to revision ${settled.to}`;
  if (settled.kind === 'uninstall') return `Release ${release}: uninstalled`;
  if (settled.kind === 'repaired') return `Release ${release}: ${settled.text}`;
  return `Release ${release}: already settled`;
}
