import { randomBytes } from 'node:crypto';
import { log } from '@todo-deploy/runtime';
import { formatDuration } from '@todo-deploy/inputs';
import { Helm, helmError } from './adapters/helm.js';
import type { KubeApi } from './adapters/kube-api.js';
import { upgradeArgv, type UpgradePlan } from './helm/argv.js';
import { parseReleaseJson, type ReleaseFacts } from './helm/release-json.js';
import { secretKeysOf, type DeployInputs } from './inputs.js';
import { ReleaseLock } from './lock.js';
import { holderIdentity } from './lock-plan.js';
import type { DeployOutcome } from './outcome.js';
import { ensureNamespace } from './preflight.js';
import { fixCommand, planRecovery } from './recovery.js';
import { applyRecovery, historyForPlanning, readHistory } from './release-ops.js';
import { watchRollout } from './rollout/watch.js';
import { workloadsInManifest } from './rollout/workloads.js';
import { settle } from './settle.js';
import type { DeployState } from './state.js';
import { applyConflicts, conflictMessage } from './helm/conflicts.js';

export function upgradePlan(inputs: DeployInputs, dryRun: boolean): UpgradePlan {
  return {
    release: inputs.release,
    namespace: inputs.namespace,
    chart: inputs.chart.value,
    ...(inputs.chartVersion ? { chartVersion: inputs.chartVersion } : {}),
    valuesFiles: inputs.valuesFiles,
    set: inputs.set,
    setString: inputs.setString,
    setSecret: inputs.setSecret,
    forceConflicts: inputs.forceConflicts,
    ...(inputs.imageTag ? { imageTag: { key: inputs.imageTagKey, value: inputs.imageTag } } : {}),
    createNamespace: inputs.createNamespace,
    historyMax: inputs.historyMax,
    timeoutMs: inputs.timeoutMs,
    waitMode: inputs.wait && !inputs.verifyRollout ? 'helm' : 'none',
    helmAtomic: inputs.atomic,
    dryRun,
  };
}

function baseOutcome(inputs: DeployInputs, helm: Helm, started: number): DeployOutcome {
  return {
    release: inputs.release,
    namespace: inputs.namespace,
    chart: inputs.chart.shown,
    chartVersion: inputs.chartVersion ?? '',
    appVersion: '',
    ...(inputs.imageTag ? { imageTag: inputs.imageTag } : {}),
    helmVersion: helm.flavor.version,
    status: 'failed',
    rolledBack: false,
    durationMs: Date.now() - started,
    workloads: [],
  };
}

function withFacts(outcome: DeployOutcome, facts: ReleaseFacts): DeployOutcome {
  return { ...outcome, revision: facts.revision, chartVersion: facts.chartVersion, appVersion: facts.appVersion, chart: outcome.chart };
}

/**
 * The deploy: lock, recover a stuck release, `helm upgrade --install` without --wait, watch
 * the rollout, and on failure or cancellation settle the release (rollback or uninstall).
 * From the moment helm may change the release until it is settled, the state says
 * 'deploying', so the post step can finish the job if this process is killed.
 */
export async function deploy(
  inputs: DeployInputs,
  helm: Helm,
  api: KubeApi,
  started: number,
  signal: AbortSignal,
  state: DeployState,
): Promise<DeployOutcome> {
  const deadline = started + inputs.timeoutMs;
  let outcome = baseOutcome(inputs, helm, started);
  const holder = holderIdentity(process.env, randomBytes(4).toString('hex'));
  const createNamespace = async (): Promise<boolean> => {
    if (!inputs.createNamespace) return false;
    if (await ensureNamespace(api, inputs.namespace)) log.info(`Created namespace ${inputs.namespace}`);
    return true;
  };
  const lock = new ReleaseLock(api, inputs.release, inputs.namespace, holder, createNamespace);
  state.set('lockHolder', holder);
  const { waitedMs } = await lock.acquire(deadline, signal);
  outcome.lockWaitMs = waitedMs;
  // a cancelled run and a lost lock both stop the upgrade and the watch; the message says which
  const stop = AbortSignal.any([signal, lock.lost]);
  const stopped = (during: string): string =>
    lock.lost.aborted ? `${(lock.lost.reason as Error).message} during ${during}; stopped` : `the run was cancelled during ${during}`;
  try {
    // read only under the lock: a history read before it could predate another run's last write
    let history = await historyForPlanning(helm, api, inputs.release, inputs.namespace, process.env.HELM_DRIVER);
    const recovery = planRecovery(history);
    if (recovery.kind !== 'none') {
      if (!inputs.recover) {
        throw new Error(
          `Release ${inputs.release} in ${inputs.namespace}: ${recovery.reason}. recover is false, so nothing was changed; fix it with: ${fixCommand(recovery, inputs.release, inputs.namespace)}`,
        );
      }
      outcome.recovery = await applyRecovery(helm, recovery, inputs.release, inputs.namespace, inputs.historyMax, inputs.timeoutMs);
      history = await readHistory(helm, inputs.release, inputs.namespace);
    }
    const current = planRecovery(history);
    const previousRevision = current.kind === 'none' ? current.deployedRevision : undefined;
    if (previousRevision !== undefined) outcome.previousRevision = previousRevision;
    log.info(
      previousRevision === undefined
        ? `Installing ${inputs.release} in ${inputs.namespace}`
        : `Upgrading ${inputs.release} in ${inputs.namespace} from revision ${previousRevision}`,
    );
    state.set('previousRevision', previousRevision);
    state.set('phase', 'deploying');

    const plan = upgradePlan(inputs, false);
    const upgrade = await helm.run(upgradeArgv(plan, helm.flavor), {
      announce: true,
      secretKeys: secretKeysOf(inputs),
      timeoutMs: Math.max(10_000, deadline - Date.now()) + 60_000,
      signal: stop,
    });
    if (upgrade.stderr.trim()) log.info(upgrade.stderr.trim());
    let failure: string | undefined;
    if (stop.aborted) failure = stopped('helm upgrade');
    else if (upgrade.exitCode !== 0) {
      const conflicts = applyConflicts(upgrade.stderr);
      failure = `helm upgrade failed: ${conflicts.length > 0 ? conflictMessage(conflicts) : helmError(upgrade)}`;
    } else {
      const facts = parseReleaseJson(upgrade.stdout);
      outcome = withFacts(outcome, facts);
      log.info(`helm applied revision ${facts.revision} of ${inputs.release} (chart ${facts.chartName}-${facts.chartVersion})`);
      if (inputs.wait && inputs.verifyRollout) {
        const refs = workloadsInManifest(facts.manifest, inputs.namespace);
        log.info(
          `Watching ${refs.length} workload${refs.length === 1 ? '' : 's'} until available (deadline in ${formatDuration(Math.max(0, deadline - Date.now()))})`,
        );
        const watch = await watchRollout(api, refs, inputs.namespace, { deadline, graceMs: inputs.unschedulableGraceMs, signal: stop });
        outcome.workloads = watch.snapshot.workloads;
        if (watch.outcome === 'failed') failure = watch.message;
        else if (watch.outcome === 'timeout') failure = `timed out after ${formatDuration(inputs.timeoutMs)}: ${watch.message}`;
        else if (watch.outcome === 'aborted') failure = stopped('the rollout');
      }
    }
    if (failure === undefined) {
      state.set('phase', undefined);
      return { ...outcome, status: 'deployed', servingRevision: outcome.revision, durationMs: Date.now() - started };
    }
    outcome.failure = failure;
    if (outcome.revision === undefined) {
      // the revision this run made: the newest one, unless helm's own rollback came after it
      const after = await readHistory(helm, inputs.release, inputs.namespace);
      const made = after.filter((e) => e.revision > (previousRevision ?? 0) && !/^Rollback to /.test(e.description));
      if (made.length > 0) outcome.revision = Math.max(...made.map((e) => e.revision));
    }
    const settled = await settle(helm, {
      release: inputs.release,
      namespace: inputs.namespace,
      ...(previousRevision !== undefined ? { previousRevision } : {}),
      atomic: inputs.atomic,
      historyMax: inputs.historyMax,
      timeoutMs: inputs.timeoutMs,
    }).catch((error: Error) => {
      // the cause comes first: settling can fail for the same reason (a rollback meets the same conflict)
      const conflict = applyConflicts(error.message).length > 0;
      // a conflict leaves nothing pending (the apply was refused): the post step has nothing to retry
      if (conflict) state.set('phase', undefined);
      const again = conflict ? 'the rollback met the same conflict' : error.message;
      throw new Error(`${failure}; settling the release failed too: ${again}`, { cause: error });
    });
    state.set('phase', undefined);
    const ended = { ...outcome, durationMs: Date.now() - started };
    if (settled.kind === 'rollback')
      return { ...ended, status: 'rolled-back', rolledBack: true, servingRevision: settled.to, rollbackRevision: settled.revision };
    if (settled.kind === 'uninstall') return { ...ended, status: 'uninstalled', rolledBack: true };
    if (settled.kind === 'repaired') ended.recovery = settled.text;
    return {
      ...ended,
      status: 'failed',
      ...(inputs.atomic ? {} : { servingRevision: outcome.revision ?? previousRevision }),
    } as DeployOutcome;
  } finally {
    await lock.unlock().catch((error: Error) => log.warning(`Could not release the deploy lock: ${error.message}`));
    state.set('lockHolder', undefined);
  }
}
