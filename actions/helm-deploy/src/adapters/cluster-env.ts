/** How helm and kubectl reach the cluster: the environment (KUBECONFIG) and an optional context. */
export interface ClusterAccess {
  env: NodeJS.ProcessEnv;
  context?: string;
}
