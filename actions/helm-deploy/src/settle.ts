import { log } from '@todo-deploy/runtime';
import type { Helm } from './adapters/helm.js';
import { planRecovery, isPending } from './recovery.js';
import { applyRecovery, readHistory, undo, type Undo } from './release-ops.js';

export interface SettleOptions {
  release: string;
  namespace: string;
  /** The revision deployed before this run, if any. */
  previousRevision?: number;
  atomic: boolean;
  historyMax: number;
  timeoutMs: number;
}

/**
 * After a failed, timed-out or cancelled deploy: leave the release in a settled state.
 * With atomic, any revision this run made is undone (rollback to the previous revision, or
 * uninstall when there was none). Without atomic, only a pending revision is repaired.
 * Used by main and by the post step, so it reads the history afresh each time.
 */
export async function settle(helm: Helm, options: SettleOptions): Promise<Undo | { kind: 'none' } | { kind: 'repaired'; text: string }> {
  const history = await readHistory(helm, options.release, options.namespace);
  const last = [...history].sort((a, b) => b.revision - a.revision)[0];
  if (!last) return { kind: 'none' };
  if (
    options.previousRevision !== undefined &&
    last.status === 'deployed' &&
    last.description === `Rollback to ${options.previousRevision}`
  ) {
    return { kind: 'rollback', to: options.previousRevision, revision: last.revision };
  }
  if (options.atomic && last.revision > (options.previousRevision ?? 0)) {
    log.info(`Undoing revision ${last.revision} (${last.status}) of ${options.release}`);
    return undo(helm, options.release, options.namespace, options.previousRevision, options.historyMax, options.timeoutMs);
  }
  if (isPending(last.status)) {
    const text = await applyRecovery(
      helm,
      planRecovery(history),
      options.release,
      options.namespace,
      options.historyMax,
      options.timeoutMs,
    );
    return { kind: 'repaired', text };
  }
  return { kind: 'none' };
}
