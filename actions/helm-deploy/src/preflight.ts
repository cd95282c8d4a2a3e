import { Kubectl, kubectlError } from './adapters/kubectl.js';

/** Turns a kubectl connection error into a short cause. Pure. */
export function connectionCause(stderr: string): string {
  const text = stderr.replace(/\s+/g, ' ');
  const checks: Array<[RegExp, string]> = [
    [/connection refused|was refused/i, 'connection refused'],
    [/no such host|server misbehaving/i, 'host not found (DNS)'],
    [/i\/o timeout|deadline exceeded|Client\.Timeout|context deadline/i, 'no answer (timeout)'],
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

/** The API server the current (or given) context points at, read through kubectl. */
export async function currentServer(kubectl: Kubectl): Promise<string | undefined> {
  const result = await kubectl.run(['config', 'view', '--minify', '-o', 'json'], { timeoutMs: 10_000 });
  if (result.exitCode !== 0) return undefined;
  const config = JSON.parse(result.stdout) as { clusters?: Array<{ cluster?: { server?: string } }> };
  return config.clusters?.[0]?.cluster?.server;
}

/** Fails with the address and the cause when the API server cannot be reached. */
export async function checkApiServer(
  kubectl: Kubectl,
  server: () => Promise<string | undefined>,
  context: string | undefined,
): Promise<void> {
  const result = await kubectl.run(['get', '--raw', '/version', '--request-timeout', '10s'], { timeoutMs: 20_000 });
  if (result.exitCode === 0) return;
  const address = await server();
  const where = address ? ` at ${address}` : '';
  const ctx = context ? ` (context ${context})` : '';
  throw new Error(`Cannot reach the Kubernetes API server${where}${ctx}: ${connectionCause(result.stderr || kubectlError(result))}`);
}

/** Whether a namespace exists (a missing one is fine when create-namespace is true). */
export async function namespaceExists(kubectl: Kubectl, namespace: string): Promise<boolean> {
  const result = await kubectl.run(['get', 'namespace', namespace, '-o', 'name']);
  if (result.exitCode === 0) return true;
  if (/NotFound|not found/i.test(result.stderr)) return false;
  throw new Error(`Could not read namespace ${namespace}: ${kubectlError(result)}`);
}

/** Creates a namespace; one that already exists is fine. */
export async function ensureNamespace(kubectl: Kubectl, namespace: string): Promise<boolean> {
  if (await namespaceExists(kubectl, namespace)) return false;
  const result = await kubectl.run(['create', 'namespace', namespace]);
  if (result.exitCode !== 0 && !/AlreadyExists|already exists/i.test(result.stderr)) {
    throw new Error(`Could not create namespace ${namespace}: ${kubectlError(result)}`);
  }
  return result.exitCode === 0;
}
