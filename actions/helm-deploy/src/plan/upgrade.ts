import type { UpgradePlan } from '../helm/argv.js';
import type { DeployInputs } from '../inputs.js';

/** The `helm upgrade --install` of these inputs (helm's own wait only when the rollout watch is off). Pure. */
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
