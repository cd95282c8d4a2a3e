import { maskUrlCredentials } from '@todo-deploy/secrets';
import { KubeApi, statusMessage } from './adapters/kube-api.js';
import type { ClusterAccess } from './adapters/cluster-env.js';
import type { Kubectl } from './adapters/kubectl.js';

/** Turns a kubectl or proxy connection error into a short cause. Pure. */
export function connectionCause(stderr: string): string {
  const text = stderr.replace(/\s+/g, ' ');
  const checks: Array<[RegExp, string]> = [
    [/connection refused|was refused/i, 'connection refused'],
    [/no such host|server misbehaving/i, 'host not found (DNS)'],
    [/i\/o timeout|deadline exceeded|Client\.Timeout|context deadline|\(timeout\)/i, 'no answer (timeout)'],
    [/network is unreachable|no route to host/i, 'network unreachable'],
    [/x509: certificate has expired|certificate has expired/i, 'the server certificate has expired'],
    [/x509: certificate signed by unknown authority|unknown authority/i, 'the server certificate is not trusted by the kubeconfig'],
    [/x509|tls:/i, 'TLS handshake failed'],
    [/Unauthorized|401/i, 'the credentials were refused (401 Unauthorized)'],
    [/context was not found|does not exist|no context/i, 'the kube context does not exist'],
    [/no configuration has been provided|invalid configuration/i, 'no usable kubeconfig (set the kubeconfig input or KUBECONFIG)'],
  ];
  return (
    checks.find(([pattern]) => pattern.test(text))?.[1] ??
    text
      .replace(/^.*error:\s*/i, '')
      .trim()
      .slice(0, 200)
  );
}

/** A server address as it may be printed: credentials in it (https://user:pass@host) masked and replaced by ***. */
export function shownServer(address: string): string {
  if (!address.includes('@')) return address;
  try {
    return maskUrlCredentials(new URL(address));
  } catch {
    return /@/.test(address) ? '(an address that does not parse)' : address;
  }
}

/** The API server the current (or given) context points at, read through kubectl. */
export async function currentServer(kubectl: Kubectl): Promise<string | undefined> {
  const result = await kubectl.run(['config', 'view', '--minify', '-o', 'json'], { timeoutMs: 10_000 });
  if (result.exitCode !== 0) return undefined;
  const config = JSON.parse(result.stdout) as { clusters?: Array<{ cluster?: { server?: string } }> };
  return config.clusters?.[0]?.cluster?.server;
}

/**
 * Connects to the API server (kubectl proxy) and checks that it answers; otherwise fails with
 * the address and the cause, leaving no proxy behind.
 */
export async function connectApi(
  access: ClusterAccess,
  server: () => Promise<string | undefined>,
  context: string | undefined,
  onSpawn?: (pid: number, socketDir: string) => void,
): Promise<KubeApi> {
  const unreachable = async (cause: string): Promise<Error> => {
    const address = await server();
    const where = address ? ` at ${shownServer(address)}` : '';
    const ctx = context ? ` (context ${context})` : '';
    return new Error(`Cannot reach the Kubernetes API server${where}${ctx}: ${cause}`);
  };
  let api: KubeApi;
  try {
    api = await KubeApi.start(access, 'kubectl', onSpawn);
  } catch (error) {
    const message = (error as Error).message;
    if (/not on PATH/.test(message)) throw error;
    throw await unreachable(connectionCause(message));
  }
  let cause: string;
  try {
    const response = await api.request('GET', '/version', undefined, { timeoutMs: 10_000 });
    if (response.status === 200) return api;
    cause = connectionCause(statusMessage(response).message);
  } catch (error) {
    cause = connectionCause((error as Error).message);
  }
  await api.close();
  throw await unreachable(cause);
}

/** Whether a namespace exists (a missing one is fine when create-namespace is true). */
export async function namespaceExists(api: KubeApi, namespace: string): Promise<boolean> {
  const response = await api.request('GET', `/api/v1/namespaces/${encodeURIComponent(namespace)}`);
  if (response.status === 200) return true;
  if (response.status === 404) return false;
  throw new Error(`Could not read namespace ${namespace}: ${statusMessage(response).message}`);
}

/** Creates a namespace; one that already exists is fine. Returns whether this call created it. */
export async function ensureNamespace(api: KubeApi, namespace: string): Promise<boolean> {
  if (await namespaceExists(api, namespace)) return false;
  const response = await api.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
  if (response.status === 201) return true;
  if (response.status === 409) return false;
  throw new Error(`Could not create namespace ${namespace}: ${statusMessage(response).message}`);
}
