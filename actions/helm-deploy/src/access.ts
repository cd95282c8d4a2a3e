import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterAccess } from './adapters/cluster-env.js';
import type { DeployInputs } from './inputs.js';
import { saveState, State } from './state.js';

/**
 * How helm and kubectl reach the cluster. A kubeconfig input is written 0600 in a 0700
 * folder under RUNNER_TEMP (the post step removes it); otherwise KUBECONFIG or ~/.kube/config.
 */
export function clusterAccess(inputs: DeployInputs): ClusterAccess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (inputs.kubeconfig) {
    const base = process.env.RUNNER_TEMP || tmpdir();
    mkdirSync(base, { recursive: true });
    const dir = mkdtempSync(join(base, 'helm-deploy-'));
    const path = join(dir, 'kubeconfig');
    saveState(State.KubeconfigPath, path);
    writeFileSync(path, inputs.kubeconfig.text, { mode: 0o600 });
    env.KUBECONFIG = path;
  }
  return { env, ...(inputs.context ? { context: inputs.context } : {}) };
}
