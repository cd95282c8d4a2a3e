import { log } from '@todo-deploy/runtime';
import { Helm, helmError } from './adapters/helm.js';
import { rollbackArgv, uninstallArgv } from './helm/argv.js';
import { isReleaseNotFound, type HistoryEntry } from './helm/release-json.js';
import { previousAfterRecovery, type RecoveryStep } from './plan/recovery.js';
import { planSettle, type Settled, type SettlePlan, type SettleTarget } from './plan/settle.js';
import { readHistory } from './release-ops.js';

/**
 * Carries out the plans of plan/ on one release with helm: the recovery before a deploy and
 * the settling after a failed one (main's and the post step's alike). Every change is a helm
 * command without --wait, so nothing here waits in a state a kill could leave pending.
 */
export class ReleaseRunner {
  constructor(
    private readonly helm: Helm,
    readonly release: string,
    readonly namespace: string,
    private readonly limits: { historyMax: number; timeoutMs: number },
  ) {}

  history(): Promise<HistoryEntry[]> {
    return readHistory(this.helm, this.release, this.namespace);
  }

  /** Runs a recovery; says what it did and which revision serves after it (the one to return to). */
  async recover(
    recovery: RecoveryStep,
    when: 'before the deploy' | 'after the failed deploy',
  ): Promise<{ text: string; previousRevision?: number }> {
    log.warning(`Release ${this.release}: ${recovery.reason}; recovering ${when}`);
    if (recovery.kind === 'rollback') {
      const done = await this.rollback(recovery.to);
      const previousRevision = previousAfterRecovery(recovery, done.revision);
      return {
        text: `${recovery.reason}: rolled back to revision ${recovery.to} (as revision ${done.revision})`,
        ...(previousRevision !== undefined ? { previousRevision } : {}),
      };
    }
    await this.uninstall();
    return { text: `${recovery.reason}: uninstalled so that a fresh install can run` };
  }

  /** Reads the history afresh, plans how to settle (plan/settle.ts) and does it. */
  async settle(target: SettleTarget): Promise<Settled> {
    return this.execute(planSettle(await this.history(), target));
  }

  private async execute(plan: SettlePlan): Promise<Settled> {
    switch (plan.kind) {
      case 'none':
        return { kind: 'none' };
      case 'rolled-back':
        return { kind: 'rollback', to: plan.to, revision: plan.revision };
      case 'rollback':
        log.info(`Undoing revision ${plan.undoing.revision} (${plan.undoing.status}) of ${this.release}`);
        return this.rollback(plan.to);
      case 'uninstall':
        log.info(`Undoing revision ${plan.undoing.revision} (${plan.undoing.status}) of ${this.release}`);
        await this.uninstall();
        return { kind: 'uninstall' };
      case 'repair':
        return { kind: 'repaired', text: (await this.recover(plan.recovery, 'after the failed deploy')).text };
    }
  }

  private async rollback(to: number): Promise<{ kind: 'rollback'; to: number; revision: number }> {
    const { release, namespace } = this;
    const { historyMax, timeoutMs } = this.limits;
    const result = await this.helm.run(rollbackArgv(release, namespace, to, historyMax, timeoutMs), {
      announce: true,
      timeoutMs: timeoutMs + 60_000,
    });
    if (result.exitCode !== 0) throw new Error(`helm rollback ${release} ${to} failed: ${helmError(result)}`);
    const revision = Math.max(...(await this.history()).map((e) => e.revision));
    log.info(`Rolled back ${release} to revision ${to} (now revision ${revision})`);
    return { kind: 'rollback', to, revision };
  }

  private async uninstall(): Promise<void> {
    const { release, namespace } = this;
    const { timeoutMs } = this.limits;
    const result = await this.helm.run(uninstallArgv(release, namespace, timeoutMs), { announce: true, timeoutMs: timeoutMs + 60_000 });
    if (result.exitCode !== 0 && !isReleaseNotFound(result.stderr))
      throw new Error(`helm uninstall ${release} failed: ${helmError(result)}`);
    log.info(`Uninstalled ${release}`);
  }
}
