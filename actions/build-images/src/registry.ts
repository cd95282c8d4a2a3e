import { createHash } from 'node:crypto';
import { Agent, request, type Dispatcher } from 'undici';
import { retryUntil, type BackoffPolicy } from '@todo-deploy/retry';
import { maskSecret } from '@todo-deploy/secrets';
import { parseChallenge, tokenUrl } from './registry-auth.js';

/** Every manifest kind a tag can point at: promoting copies whichever it is, byte for byte. */
export const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

export interface Manifest {
  body: Buffer;
  mediaType: string;
  /** The registry's Docker-Content-Digest (the sha256 of body). */
  digest: string;
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT';

export class ManifestNotFound extends Error {}

/**
 * What pulling an image moves: its config and its (compressed) layers, from its manifest.
 * An index (several platforms) has no one size: undefined, as for a body that is not a manifest. Pure.
 */
export function manifestSize(body: Buffer | string): number | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(body.toString());
  } catch {
    return undefined;
  }
  const { config, layers } = (manifest ?? {}) as { config?: { size?: unknown }; layers?: Array<{ size?: unknown }> };
  const sizes = [config?.size, ...(Array.isArray(layers) ? layers.map((l) => l?.size) : [undefined])];
  if (!sizes.every((n): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0)) return undefined;
  return sizes.reduce((a, b) => a + b, 0);
}

export interface RegistryOptions {
  /** host[:port] */
  registry: string;
  tlsVerify: boolean;
  credentials?: { username: string; password: string };
  timeoutMs?: number;
  /** Attempts per call when the registry answers 429 or 5xx (default 4), and the waits between them. */
  attempts?: number;
  backoff?: BackoffPolicy;
  /** Called before each retry, with what failed. */
  onRetry?: (what: string) => void;
}

/** The options of the registry the action's inputs name (host, TLS, credentials), plus any of the rest. Pure. */
export function registryOptions(
  inputs: { registry: string; tlsVerify: boolean; credentials?: { username: string; password: string } | undefined },
  more: Omit<RegistryOptions, 'registry' | 'tlsVerify' | 'credentials'> = {},
): RegistryOptions {
  return {
    registry: inputs.registry,
    tlsVerify: inputs.tlsVerify,
    ...(inputs.credentials ? { credentials: inputs.credentials } : {}),
    ...more,
  };
}

const RETRY_BACKOFF: BackoffPolicy = { initialDelayMs: 1000, maxDelayMs: 8000, factor: 2, jitter: 0.2 };

/** A registry answer worth another try: rate limited (429) or a server error. */
export function retryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * The calls of the OCI distribution API that promotion and reuse need (GET and PUT of a
 * manifest, GET and upload of a blob), with the registry's own authentication (Basic, or Docker's bearer-token flow).
 * tls-verify false: HTTPS without verifying, then plain HTTP when the registry does not speak
 * TLS, as buildah does for an insecure registry.
 */
export class Registry {
  private scheme: 'https' | 'http' = 'https';
  private readonly dispatcher: Dispatcher;
  /** Per repository: a registry's bearer token is scoped to one (Basic is the same for all). */
  private readonly authorizations = new Map<string, string>();

  constructor(private readonly options: RegistryOptions) {
    this.dispatcher = new Agent({
      connect: { rejectUnauthorized: options.tlsVerify, timeout: options.timeoutMs ?? 30_000 },
      headersTimeout: options.timeoutMs ?? 30_000,
      bodyTimeout: options.timeoutMs ?? 30_000,
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  async getManifest(repository: string, reference: string): Promise<Manifest> {
    const response = await this.call(repository, 'GET', `/v2/${repository}/manifests/${reference}`, {
      accept: MANIFEST_TYPES.join(', '),
    });
    const body = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode === 404) throw new ManifestNotFound(`${this.options.registry}/${repository}:${reference} does not exist`);
    if (response.statusCode !== 200) throw new Error(`GET ${repository}:${reference} answered ${response.statusCode}`);
    const mediaType =
      String(response.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    const digest = String(response.headers['docker-content-digest'] ?? '');
    return { body, mediaType, digest };
  }

  /**
   * The digest a tag points at, from a HEAD (Docker Hub counts a GET of a manifest as a pull
   * against its rate limit, a HEAD not).
   */
  async manifestDigest(repository: string, reference: string): Promise<string> {
    const response = await this.call(repository, 'HEAD', `/v2/${repository}/manifests/${reference}`, {
      accept: MANIFEST_TYPES.join(', '),
    });
    await response.body.dump();
    if (response.statusCode === 404) throw new ManifestNotFound(`${this.options.registry}/${repository}:${reference} does not exist`);
    const digest = String(response.headers['docker-content-digest'] ?? '');
    if (response.statusCode !== 200 || !digest)
      throw new Error(`HEAD ${repository}:${reference} answered ${response.statusCode}${digest ? '' : ' without a digest'}`);
    return digest;
  }

  /** Puts the manifest under a tag; resolves with the digest the registry computed. */
  async putManifest(repository: string, tag: string, manifest: Manifest): Promise<string> {
    const response = await this.call(
      repository,
      'PUT',
      `/v2/${repository}/manifests/${tag}`,
      { 'content-type': manifest.mediaType },
      manifest.body,
    );
    const text = await response.body.text();
    if (response.statusCode !== 201 && response.statusCode !== 200)
      throw new Error(`PUT ${repository}:${tag} answered ${response.statusCode}${errorCode(text)}`);
    return String(response.headers['docker-content-digest'] ?? '');
  }

  /**
   * A blob's bytes (an image config), checked against its digest. A registry that keeps blobs
   * elsewhere answers with a redirect: that one is followed without the registry's credentials.
   */
  async getBlob(repository: string, digest: string): Promise<Buffer> {
    let response = await this.call(repository, 'GET', `/v2/${repository}/blobs/${digest}`, {});
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      await response.body.dump();
      response = await request(new URL(location, `${this.scheme}://${this.options.registry}`).toString(), { dispatcher: this.dispatcher });
    }
    const body = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode !== 200) throw new Error(`GET ${repository} blob ${digest} answered ${response.statusCode}`);
    if (sha256(body) !== digest) throw new Error(`${repository} blob ${digest} came back with other content`);
    return body;
  }

  /** Uploads a blob (POST, then one PUT of all of it) unless the repository has it; resolves with its digest. */
  async putBlob(repository: string, body: Buffer): Promise<string> {
    const digest = sha256(body);
    const head = await this.call(repository, 'HEAD', `/v2/${repository}/blobs/${digest}`, {});
    await head.body.dump();
    if (head.statusCode === 200) return digest;
    const started = await this.call(repository, 'POST', `/v2/${repository}/blobs/uploads/`, {});
    await started.body.dump();
    const location = started.headers.location;
    if (started.statusCode !== 202 || typeof location !== 'string')
      throw new Error(`POST ${repository} blob upload answered ${started.statusCode}`);
    const url = new URL(location, `${this.scheme}://${this.options.registry}`);
    if (url.host !== this.options.registry) throw new Error(`${this.options.registry} moved the upload to another host (${url.host})`);
    url.searchParams.set('digest', digest);
    const put = await this.call(repository, 'PUT', `${url.pathname}${url.search}`, { 'content-type': 'application/octet-stream' }, body);
    const text = await put.body.text();
    if (put.statusCode !== 201) throw new Error(`PUT ${repository} blob ${digest} answered ${put.statusCode}${errorCode(text)}`);
    return digest;
  }

  /**
   * Puts one manifest under every tag, in order; resolves with its digest. Each answer must
   * give the same digest (the manifest's own when it has one), or it fails naming the tag.
   */
  async putManifestTags(
    repository: string,
    tags: readonly string[],
    manifest: Manifest,
    onTagged: (tag: string, digest: string) => void = () => {},
  ): Promise<string> {
    let expected = manifest.digest;
    for (const tag of tags) {
      const digest = await this.putManifest(repository, tag, manifest);
      if (expected && digest && digest !== expected)
        throw new Error(`${this.options.registry}/${repository}:${tag} got digest ${digest}, not ${expected}`);
      expected ||= digest;
      onTagged(tag, expected);
    }
    return expected;
  }

  /** One call with retries on 429 and 5xx (the body is a Buffer, so it can be sent again). */
  private async call(
    repository: string,
    method: Method,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<Dispatcher.ResponseData> {
    const attempts = this.options.attempts ?? 4;
    const result = await retryUntil<Dispatcher.ResponseData | undefined>(
      async ({ attempt }) => {
        const response = await this.authorized(repository, method, path, headers, body);
        if (!retryableStatus(response.statusCode) || attempt >= attempts) return { done: true, value: response };
        await response.body.dump();
        this.options.onRetry?.(`${method} ${path} answered ${response.statusCode}`);
        return { done: false, value: undefined, retryable: true };
      },
      { deadline: Date.now() + 120_000, policy: this.options.backoff ?? RETRY_BACKOFF },
    );
    if (!result.value) throw new Error(`${method} ${path}: the registry kept answering 429/5xx until the deadline`);
    return result.value;
  }

  private async authorized(
    repository: string,
    method: Method,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<Dispatcher.ResponseData> {
    let response = await this.send(repository, method, path, headers, body);
    if (response.statusCode !== 401) return response;
    await response.body.dump();
    this.authorizations.set(repository, await this.authorize(repository, response.headers['www-authenticate']));
    response = await this.send(repository, method, path, headers, body);
    if (response.statusCode === 401) {
      await response.body.dump();
      throw new Error(`${this.options.registry} refused the credentials for ${repository} (401 after authenticating)`);
    }
    return response;
  }

  private async send(
    repository: string,
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
  ): Promise<Dispatcher.ResponseData> {
    const authorization = this.authorizations.get(repository);
    const all = { ...headers, ...(authorization ? { authorization } : {}) };
    // the scheme this call used: calls at the same time may all have tried https before one learnt otherwise
    const scheme = this.scheme;
    try {
      return await request(`${scheme}://${this.options.registry}${path}`, { method, headers: all, body, dispatcher: this.dispatcher });
    } catch (error) {
      // an insecure registry may speak plain HTTP: buildah falls back the same way
      if (this.options.tlsVerify || scheme === 'http' || !speaksNoTls(error)) throw error;
      this.scheme = 'http';
      return request(`http://${this.options.registry}${path}`, { method, headers: all, body, dispatcher: this.dispatcher });
    }
  }

  private async authorize(repository: string, header: string | string[] | undefined): Promise<string> {
    const challenge = parseChallenge(Array.isArray(header) ? header[0] : header);
    const creds = this.options.credentials;
    const basic = creds ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` : undefined;
    if (challenge?.scheme === 'basic') {
      if (!basic) throw new Error(`${this.options.registry} wants credentials: give username and password`);
      return basic;
    }
    if (challenge?.scheme !== 'bearer')
      throw new Error(`${this.options.registry} answered 401 without a challenge this action understands`);
    const response = await request(tokenUrl(challenge, repository), {
      headers: basic ? { authorization: basic } : {},
      dispatcher: this.dispatcher,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`the token service of ${this.options.registry} answered ${response.statusCode}`);
    const parsed = JSON.parse(text) as { token?: string; access_token?: string };
    const token = parsed.token ?? parsed.access_token;
    if (!token) throw new Error(`the token service of ${this.options.registry} gave no token`);
    maskSecret(token);
    return `Bearer ${token}`;
  }
}

const sha256 = (body: Buffer): string => `sha256:${createHash('sha256').update(body).digest('hex')}`;

function speaksNoTls(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string; message?: string }; message?: string };
  const text = `${e.code ?? ''} ${e.cause?.code ?? ''} ${e.message ?? ''} ${e.cause?.message ?? ''}`;
  return /EPROTO|wrong version number|ECONNRESET|packet length too long|SocketError/i.test(text);
}

/** The first error code of a registry error body, such as `: MANIFEST_INVALID`. */
function errorCode(text: string): string {
  try {
    const code = (JSON.parse(text) as { errors?: { code?: string }[] }).errors?.[0]?.code;
    return code && /^[A-Z_]{1,40}$/.test(code) ? `: ${code}` : '';
  } catch {
    return '';
  }
}
