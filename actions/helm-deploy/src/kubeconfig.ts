import { parse } from 'yaml';
import { InputError } from '@todo-deploy/inputs';

interface NamedCluster {
  name?: string;
  cluster?: { server?: string };
}
interface NamedContext {
  name?: string;
  context?: { cluster?: string; user?: string; namespace?: string };
}
interface NamedUser {
  name?: string;
  user?: Record<string, unknown>;
}
export interface KubeconfigDoc {
  clusters?: NamedCluster[];
  contexts?: NamedContext[];
  users?: NamedUser[];
  'current-context'?: string;
}

/** Parses kubeconfig content from an input; errors never echo the content. */
export function parseKubeconfig(input: string, text: string): KubeconfigDoc {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    const at = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    throw new InputError(
      input,
      `the kubeconfig is not valid YAML${at ? ` (line ${at.line}, column ${at.col})` : ''}`,
      '${{ secrets.KUBECONFIG }}',
    );
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new InputError(input, 'the kubeconfig is not a YAML mapping', '${{ secrets.KUBECONFIG }}');
  }
  const config = doc as KubeconfigDoc;
  if (
    !Array.isArray(config.clusters) ||
    config.clusters.length === 0 ||
    !config.clusters.every((c) => typeof c?.cluster?.server === 'string')
  ) {
    throw new InputError(input, 'the kubeconfig has no clusters with a server address', '${{ secrets.KUBECONFIG }}');
  }
  if (!Array.isArray(config.contexts) || config.contexts.length === 0) {
    throw new InputError(input, 'the kubeconfig has no contexts', '${{ secrets.KUBECONFIG }}');
  }
  return config;
}

/** The context names a kubeconfig defines. */
export function contextNames(config: KubeconfigDoc): string[] {
  return (config.contexts ?? []).map((c) => c.name ?? '').filter(Boolean);
}

/** The API server address a context (or the current one) points at. */
export function serverOf(config: KubeconfigDoc, context?: string): string | undefined {
  const name = context || config['current-context'];
  const ctx = (config.contexts ?? []).find((c) => c.name === name) ?? (name ? undefined : config.contexts?.[0]);
  const cluster = (config.clusters ?? []).find((c) => c.name === ctx?.context?.cluster);
  return cluster?.cluster?.server;
}

const SECRET_USER_FIELDS = ['token', 'password', 'username', 'client-key-data', 'client-certificate-data'];

/** Every credential a kubeconfig carries (tokens, passwords, keys, exec env values), to be masked. */
export function kubeconfigSecrets(config: KubeconfigDoc): string[] {
  const found: string[] = [];
  for (const entry of config.users ?? []) {
    const user = entry.user ?? {};
    for (const field of SECRET_USER_FIELDS) {
      const value = user[field];
      if (typeof value === 'string' && value.length >= 4) {
        found.push(value);
        if (field.endsWith('-data')) found.push(...decodedLines(value));
      }
    }
    const providerConfig = (user['auth-provider'] as { config?: Record<string, unknown> } | undefined)?.config ?? {};
    for (const value of Object.values(providerConfig)) if (typeof value === 'string' && value.length >= 8) found.push(value);
    const execEnv = (user.exec as { env?: Array<{ value?: unknown }> } | undefined)?.env ?? [];
    for (const item of execEnv) if (typeof item.value === 'string' && item.value.length >= 4) found.push(item.value);
  }
  // credentials in a server address (https://user:pass@host), which errors would otherwise print
  for (const entry of config.clusters ?? []) {
    const server = (entry.cluster as { server?: unknown } | undefined)?.server;
    if (typeof server !== 'string') continue;
    try {
      const url = new URL(server);
      const user = decodeURIComponent(url.username);
      const password = decodeURIComponent(url.password);
      if (password) found.push(password);
      if (user && password) found.push(`${user}:${password}`);
    } catch {
      // not a URL: nothing to take apart
    }
  }
  return found;
}

/** The base64-decoded PEM, line by line (key bodies), so no line of a private key can leak. */
function decodedLines(base64: string): string[] {
  const pem = Buffer.from(base64, 'base64').toString('utf8');
  return pem
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length >= 16 && !line.startsWith('-----'));
}
