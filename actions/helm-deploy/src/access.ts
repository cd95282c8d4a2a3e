import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterAccess } from './adapters/cluster-env.js';
import type { DeployInputs } from './inputs.js';

/**
 * How helm and kubectl reach the cluster. A kubeconfig input is written 0600 into the
 * action's private folder (the post step removes it); otherwise KUBECONFIG or ~/.kube/config.
 */
export function clusterAccess(inputs: DeployInputs, folder: string): ClusterAccess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (inputs.kubeconfig) {
    const path = join(folder, 'kubeconfig');
    writeFileSync(path, inputs.kubeconfig.text, { mode: 0o600 });
    env.KUBECONFIG = path;
  }
  return { env, ...(inputs.context ? { context: inputs.context } : {}) };
}
