import type { HistoryEntry } from '../helm/release-json.js';

export type Recovery =
  | { kind: 'none'; deployedRevision?: number; lastRevision?: number }
  | { kind: 'rollback'; from: HistoryEntry; to: number; reason: string }
  | { kind: 'uninstall'; from: HistoryEntry; reason: string };

const PENDING = new Set(['pending-install', 'pending-upgrade', 'pending-rollback']);

export const isPending = (status: string): boolean => PENDING.has(status);

/** The newest revision that is (or was last) deployed and healthy. */
export function lastDeployed(history: readonly HistoryEntry[]): HistoryEntry | undefined {
  const sorted = [...history].sort((a, b) => b.revision - a.revision);
  return sorted.find((e) => e.status === 'deployed') ?? sorted.find((e) => e.status === 'superseded');
}

/**
 * What must happen before an upgrade can run, from `helm history`. Pure.
 * - last revision pending-*: roll back to the last deployed revision, or uninstall if none;
 * - every revision failed (a failed first install): uninstall, so that install can run;
 * - otherwise nothing.
 */
export function planRecovery(history: readonly HistoryEntry[]): Recovery {
  if (history.length === 0) return { kind: 'none' };
  const sorted = [...history].sort((a, b) => b.revision - a.revision);
  const last = sorted[0] as HistoryEntry;
  const deployed = lastDeployed(sorted.filter((e) => e.revision !== last.revision));
  if (isPending(last.status)) {
    if (deployed)
      return {
        kind: 'rollback',
        from: last,
        to: deployed.revision,
        reason: `release is stuck in ${last.status} at revision ${last.revision}`,
      };
    return { kind: 'uninstall', from: last, reason: `release is stuck in ${last.status} at revision ${last.revision} and never deployed` };
  }
  if (sorted.every((e) => e.status === 'failed' || e.status === 'uninstalled' || e.status === 'uninstalling')) {
    return { kind: 'uninstall', from: last, reason: `release has no deployed revision (revision ${last.revision} is ${last.status})` };
  }
  const current = last.status === 'deployed' ? last : lastDeployed(sorted);
  return { kind: 'none', ...(current ? { deployedRevision: current.revision } : {}), lastRevision: last.revision };
}

/** The command a person would run to fix what planRecovery found (for recover: false). */
export function fixCommand(recovery: Recovery, release: string, namespace: string): string {
  if (recovery.kind === 'rollback') return `helm rollback ${release} ${recovery.to} --namespace ${namespace}`;
  if (recovery.kind === 'uninstall') return `helm uninstall ${release} --namespace ${namespace}`;
  return '';
}

/** A recovery that changes something (planRecovery found the release stuck or never deployed). */
export type RecoveryStep = Exclude<Recovery, { kind: 'none' }>;

/**
 * How a deploy starts, from the history read under the lock. Pure.
 * - `refuse`: the release needs a recovery and `recover` is false; nothing may change;
 * - `recover`: run the recovery first; the revision it leaves deployed is the one to return to;
 * - `upgrade`: upgrade from `previousRevision` (undefined: a first install).
 */
export type StartPlan =
  { kind: 'refuse'; message: string } | { kind: 'recover'; recovery: RecoveryStep } | { kind: 'upgrade'; previousRevision?: number };

export function planStart(history: readonly HistoryEntry[], target: { release: string; namespace: string; recover: boolean }): StartPlan {
  const recovery = planRecovery(history);
  if (recovery.kind === 'none')
    return { kind: 'upgrade', ...(recovery.deployedRevision !== undefined ? { previousRevision: recovery.deployedRevision } : {}) };
  if (!target.recover)
    return {
      kind: 'refuse',
      message: `Release ${target.release} in ${target.namespace}: ${recovery.reason}. recover is false, so nothing was changed; fix it with: ${fixCommand(recovery, target.release, target.namespace)}`,
    };
  return { kind: 'recover', recovery };
}

/**
 * The revision to return to after a recovery ran: a rollback leaves the revision helm wrote for
 * it deployed (the content of `to`); an uninstall leaves nothing, so the upgrade is an install.
 */
export function previousAfterRecovery(recovery: RecoveryStep, rollbackRevision: number | undefined): number | undefined {
  return recovery.kind === 'rollback' ? rollbackRevision : undefined;
}
