import { randomBytes } from 'node:crypto';
import { log } from '@todo-deploy/runtime';
import { formatDuration } from '@todo-deploy/inputs';
import { Helm, helmError } from './adapters/helm.js';
import type { KubeApi } from './adapters/kube-api.js';
import type { CheckpointWriter } from './checkpoint.js';
import { upgradeArgv } from './helm/argv.js';
import { applyConflicts, conflictMessage } from './helm/conflicts.js';
import { parseReleaseJson } from './helm/release-json.js';
import { secretKeysOf, type DeployInputs } from './inputs.js';
import { ReleaseLock } from './lock.js';
import { holderIdentity } from './lock-plan.js';
import type { DeployOutcome } from './outcome.js';
import { baseOutcome, settledOutcome, withFacts } from './plan/outcome.js';
import { planStart } from './plan/recovery.js';
import { revisionMade } from './plan/settle.js';
import { upgradePlan } from './plan/upgrade.js';
import { ensureNamespace } from './preflight.js';
import { historyForPlanning } from './release-ops.js';
import { watchRollout } from './rollout/watch.js';
import { workloadsInManifest } from './rollout/workloads.js';
import { ReleaseRunner } from './runner.js';

/** How the upgrade and the watch ended: undefined when the rollout is available. */
type Failure = string | undefined;

/**
 * The deploy: under the release's lock, plan the start from the history (plan/recovery.ts),
 * recover if needed, `helm upgrade --install` without --wait, watch the rollout, and on
 * failure or cancellation settle the release (plan/settle.ts, carried out by ReleaseRunner).
 * From the moment helm may change the release until it is settled, the checkpoint says
 * deploying, so the post step can finish the job if this process is killed.
 */
export async function deploy(
  inputs: DeployInputs,
  helm: Helm,
  api: KubeApi,
  started: number,
  signal: AbortSignal,
  checkpoint: CheckpointWriter,
): Promise<DeployOutcome> {
  const deadline = started + inputs.timeoutMs;
  const runner = new ReleaseRunner(helm, inputs.release, inputs.namespace, inputs);
  const holder = holderIdentity(process.env, randomBytes(4).toString('hex'));
  const createNamespace = async (): Promise<boolean> => {
    if (!inputs.createNamespace) return false;
    if (await ensureNamespace(api, inputs.namespace)) log.info(`Created namespace ${inputs.namespace}`);
    return true;
  };
  const lock = new ReleaseLock(api, inputs.release, inputs.namespace, holder, createNamespace);
  checkpoint.locked(holder);
  let outcome: DeployOutcome = baseOutcome(inputs, helm.flavor.version, 'failed');
  outcome.lockWaitMs = (await lock.acquire(deadline, signal)).waitedMs;
  // a cancelled run and a lost lock both stop the upgrade and the watch; the message says which
  const stop = AbortSignal.any([signal, lock.lost]);
  const stopped = (during: string): string =>
    lock.lost.aborted ? `${(lock.lost.reason as Error).message} during ${during}; stopped` : `the run was cancelled during ${during}`;
  try {
    // read only under the lock: a history read before it could predate another run's last write
    const start = planStart(await historyForPlanning(helm, api, inputs.release, inputs.namespace, process.env.HELM_DRIVER), inputs);
    if (start.kind === 'refuse') throw new Error(start.message);
    let previousRevision: number | undefined;
    if (start.kind === 'recover') {
      const recovered = await runner.recover(start.recovery, 'before the deploy');
      outcome.recovery = recovered.text;
      previousRevision = recovered.previousRevision;
    } else previousRevision = start.previousRevision;
    if (previousRevision !== undefined) outcome.previousRevision = previousRevision;
    log.info(
      previousRevision === undefined
        ? `Installing ${inputs.release} in ${inputs.namespace}`
        : `Upgrading ${inputs.release} in ${inputs.namespace} from revision ${previousRevision}`,
    );
    checkpoint.deploying(previousRevision);

    const applied = await upgradeAndWatch(inputs, helm, api, deadline, stop, stopped);
    outcome = { ...(applied.facts ? withFacts(outcome, applied.facts) : outcome), workloads: applied.workloads };
    if (applied.failure === undefined) {
      checkpoint.settled();
      return { ...outcome, status: 'deployed', servingRevision: outcome.revision, durationMs: Date.now() - started };
    }
    outcome.failure = applied.failure;
    // the revision this run made, when helm did not say: the newest, unless it is helm's own rollback
    const made = outcome.revision ?? revisionMade(await runner.history(), previousRevision);
    if (made !== undefined) outcome.revision = made;
    const settled = await runner
      .settle({ ...(previousRevision !== undefined ? { previousRevision } : {}), atomic: inputs.atomic })
      .catch((error: Error) => {
        // the cause comes first: settling can fail for the same reason (a rollback meets the same conflict)
        const conflict = applyConflicts(error.message).length > 0;
        // a conflict leaves nothing pending (the apply was refused): the post step has nothing to retry
        if (conflict) checkpoint.settled();
        const again = conflict ? 'the rollback met the same conflict' : error.message;
        throw new Error(`${applied.failure}; settling the release failed too: ${again}`, { cause: error });
      });
    checkpoint.settled();
    return settledOutcome(outcome, settled, inputs.atomic, Date.now() - started);
  } finally {
    await lock.unlock().catch((error: Error) => log.warning(`Could not release the deploy lock: ${error.message}`));
    checkpoint.locked(undefined);
  }
}

/** `helm upgrade --install` and, when asked, the rollout watch; says what helm applied and why it failed. */
async function upgradeAndWatch(
  inputs: DeployInputs,
  helm: Helm,
  api: KubeApi,
  deadline: number,
  stop: AbortSignal,
  stopped: (during: string) => string,
): Promise<{ failure: Failure; facts?: ReturnType<typeof parseReleaseJson>; workloads: DeployOutcome['workloads'] }> {
  const upgrade = await helm.run(upgradeArgv(upgradePlan(inputs, false), helm.flavor), {
    announce: true,
    secretKeys: secretKeysOf(inputs),
    timeoutMs: Math.max(10_000, deadline - Date.now()) + 60_000,
    signal: stop,
  });
  if (upgrade.stderr.trim()) log.info(upgrade.stderr.trim());
  if (stop.aborted) return { failure: stopped('helm upgrade'), workloads: [] };
  if (upgrade.exitCode !== 0) {
    const conflicts = applyConflicts(upgrade.stderr);
    return { failure: `helm upgrade failed: ${conflicts.length > 0 ? conflictMessage(conflicts) : helmError(upgrade)}`, workloads: [] };
  }
  const facts = parseReleaseJson(upgrade.stdout);
  log.info(`helm applied revision ${facts.revision} of ${inputs.release} (chart ${facts.chartName}-${facts.chartVersion})`);
  if (!(inputs.wait && inputs.verifyRollout)) return { failure: undefined, facts, workloads: [] };
  const refs = workloadsInManifest(facts.manifest, inputs.namespace);
  log.info(
    `Watching ${refs.length} workload${refs.length === 1 ? '' : 's'} until available (deadline in ${formatDuration(Math.max(0, deadline - Date.now()))})`,
  );
  const watch = await watchRollout(api, refs, inputs.namespace, { deadline, graceMs: inputs.unschedulableGraceMs, signal: stop });
  const workloads = watch.snapshot.workloads;
  if (watch.outcome === 'failed') return { failure: watch.message, facts, workloads };
  if (watch.outcome === 'timeout')
    return { failure: `timed out after ${formatDuration(inputs.timeoutMs)}: ${watch.message}`, facts, workloads };
  if (watch.outcome === 'aborted') return { failure: stopped('the rollout'), facts, workloads };
  return { failure: undefined, facts, workloads };
}
