import { log } from '@todo-deploy/runtime';
import type { Helm } from '../adapters/helm.js';
import { helmError } from '../adapters/helm.js';
import { getManifestArgv, upgradeArgv } from '../helm/argv.js';
import { parseReleaseJson } from '../helm/release-json.js';
import { secretKeysOf, type DeployInputs } from '../inputs.js';
import type { DeployOutcome } from '../outcome.js';
import { planRecovery } from '../plan/recovery.js';
import { readHistory } from '../release-ops.js';
import type { UpgradePlan } from '../helm/argv.js';
import { manifestDiff } from './manifest-diff.js';

/**
 * A server-side dry run: helm renders and the API server validates, nothing is stored.
 * The rendered manifest is compared with the deployed one; Secret values are hidden.
 */
export async function dryRun(
  inputs: DeployInputs,
  helm: Helm,
  plan: UpgradePlan,
  base: DeployOutcome,
  started: number,
): Promise<DeployOutcome> {
  const history = await readHistory(helm, inputs.release, inputs.namespace);
  const current = planRecovery(history);
  const deployedRevision = current.kind === 'none' ? current.deployedRevision : undefined;
  const outcome: DeployOutcome = {
    ...base,
    status: 'dry-run',
    ...(deployedRevision !== undefined ? { previousRevision: deployedRevision, servingRevision: deployedRevision } : {}),
  };
  if (current.kind !== 'none') outcome.recovery = `a real run would first recover: ${current.reason}`;
  const rendered = await helm.run(upgradeArgv(plan, helm.flavor), {
    announce: true,
    secretKeys: secretKeysOf(inputs),
    timeoutMs: inputs.timeoutMs + 60_000,
  });
  if (rendered.exitCode !== 0)
    return {
      ...outcome,
      status: 'failed',
      failure: `helm upgrade --dry-run failed: ${helmError(rendered)}`,
      durationMs: Date.now() - started,
    };
  const facts = parseReleaseJson(rendered.stdout);
  let deployed = '';
  if (deployedRevision !== undefined) {
    const manifest = await helm.run(getManifestArgv(inputs.release, inputs.namespace, deployedRevision), { timeoutMs: 60_000 });
    if (manifest.exitCode !== 0) throw new Error(`helm get manifest failed: ${helmError(manifest)}`);
    deployed = manifest.stdout;
  }
  const diff = manifestDiff(deployed, facts.manifest, inputs.namespace);
  log.info(
    `Dry run of revision ${facts.revision}: ${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed, ${diff.unchanged} unchanged`,
  );
  for (const key of [...diff.added, ...diff.changed, ...diff.removed]) log.info(`  ${key}`);
  return {
    ...outcome,
    revision: facts.revision,
    chartVersion: facts.chartVersion,
    appVersion: facts.appVersion,
    diff,
    durationMs: Date.now() - started,
  };
}
