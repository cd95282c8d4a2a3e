// The promotion's registry client against a real local HTTP server playing a registry: the
// bearer-token flow, retries on 429 and 5xx, and the manifest copied byte for byte.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Registry, manifestSize, registryOptions, retryableStatus } from '../src/registry.js';

const MANIFEST = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', layers: [] }));
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const TOKEN = 'registry-token-0123456789';
let server: ReturnType<typeof createServer>;
let host = '';
let plan: number[] = [];
const seen: { method: string; path: string; auth: string }[] = [];
const stored: Record<string, Buffer> = {};

function answer(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  seen.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization ?? '' });
  if (req.url?.startsWith('/token')) {
    const ok =
      req.headers.authorization === `Basic ${Buffer.from('octo:pw').toString('base64')}` &&
      req.url.includes('scope=repository%3Aocto%2Fapp%2Fbackend%3Apull%2Cpush');
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    return void res.end(ok ? JSON.stringify({ token: TOKEN }) : '{}');
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    res.writeHead(401, {
      'www-authenticate': `Bearer realm="http://${host}/token",service="stand-in",scope="repository:octo/app/backend:pull"`,
    });
    return void res.end();
  }
  const next = plan.shift();
  if (next && next !== 200) {
    res.writeHead(next);
    return void res.end();
  }
  const tag = /manifests\/(.+)$/.exec(req.url ?? '')?.[1] ?? '';
  if (req.method === 'GET') {
    const found = stored[tag];
    if (!found) {
      res.writeHead(404);
      return void res.end('{"errors":[{"code":"MANIFEST_UNKNOWN"}]}');
    }
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': DIGEST });
    return void res.end(found);
  }
  stored[tag] = body;
  res.writeHead(201, { 'docker-content-digest': `sha256:${createHash('sha256').update(body).digest('hex')}` });
  res.end();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const client = (retries: string[] = []) =>
  new Registry({
    registry: host,
    tlsVerify: false,
    credentials: { username: 'octo', password: 'pw' },
    attempts: 3,
    backoff: { initialDelayMs: 10, maxDelayMs: 20, factor: 2, jitter: 0 },
    onRetry: (what) => retries.push(what),
  });

describe('Registry (promotion’s client) against a local registry stand-in', () => {
  it('gets a token for pull and push, falls back to plain HTTP, and copies the manifest byte for byte', async () => {
    stored['sha-0123abc'] = MANIFEST;
    plan = [];
    const registry = client();
    const manifest = await registry.getManifest('octo/app/backend', 'sha-0123abc');
    expect(manifest).toEqual({ body: MANIFEST, mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: DIGEST });
    expect(await registry.putManifest('octo/app/backend', 'v1.2.3', manifest)).toBe(DIGEST);
    expect(stored['v1.2.3']?.equals(MANIFEST)).toBe(true);
    expect(seen.some((s) => s.path.startsWith('/token') && s.auth.startsWith('Basic '))).toBe(true);
    await registry.close();
  });

  it('retries 429 and 503 with backoff, then succeeds', async () => {
    plan = [429, 503];
    const retries: string[] = [];
    const registry = client(retries);
    expect((await registry.getManifest('octo/app/backend', 'sha-0123abc')).digest).toBe(DIGEST);
    expect(retries).toEqual([
      'GET /v2/octo/app/backend/manifests/sha-0123abc answered 429',
      'GET /v2/octo/app/backend/manifests/sha-0123abc answered 503',
    ]);
    await registry.close();
  });

  it('gives up after its attempts, saying the status', async () => {
    plan = [503, 503, 503];
    const registry = client();
    await expect(
      registry.putManifest('octo/app/backend', 'v9.9.9', {
        body: MANIFEST,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: DIGEST,
      }),
    ).rejects.toThrow('PUT octo/app/backend:v9.9.9 answered 503');
    expect(stored['v9.9.9']).toBeUndefined();
    await registry.close();
  });

  it('says which image does not exist', async () => {
    plan = [];
    const registry = client();
    await expect(registry.getManifest('octo/app/backend', 'sha-fffffff')).rejects.toThrow(
      `${host}/octo/app/backend:sha-fffffff does not exist`,
    );
    await registry.close();
  });

  it.each([
    [429, true],
    [500, true],
    [503, true],
    [404, false],
    [401, false],
    [400, false],
  ])('status %i is retryable: %p', (status, retry) => {
    expect(retryableStatus(status)).toBe(retry);
  });
});

describe('Registry, many calls at once', () => {
  it('reads manifests of several repositories at the same time: one plain-HTTP fallback for all, a bearer token per repository', async () => {
    // a registry whose tokens are scoped to one repository each, as ghcr.io's are
    const tokenOf = (repository: string) => `token-for-${repository}`;
    const tokensIssued: string[] = [];
    const perRepo = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/token') {
        const repository = /^repository:(.+):pull/.exec(url.searchParams.get('scope') ?? '')?.[1] ?? '';
        tokensIssued.push(repository);
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ token: tokenOf(repository) }));
      }
      const repository = /^\/v2\/(.+)\/manifests\//.exec(url.pathname)?.[1] ?? '';
      if (req.headers.authorization !== `Bearer ${tokenOf(repository)}`) {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${perRepoHost}/token",service="stand-in"` });
        return void res.end();
      }
      // slow enough that the calls overlap
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': DIGEST });
        res.end(MANIFEST);
      }, 20);
    });
    await new Promise<void>((r) => perRepo.listen(0, '127.0.0.1', r));
    const perRepoHost = `127.0.0.1:${(perRepo.address() as AddressInfo).port}`;
    const registry = new Registry({ registry: perRepoHost, tlsVerify: false, credentials: { username: 'octo', password: 'pw' } });
    try {
      const repositories = ['octo/app/frontend', 'octo/app/backend', 'octo/app/mcp'];
      const reads = await Promise.all([...repositories, ...repositories].map((r) => registry.getManifest(r, 'sha-0123abc')));
      expect(reads.map((m) => m.digest)).toEqual(Array(6).fill(DIGEST));
      expect(new Set(tokensIssued)).toEqual(new Set(repositories));
    } finally {
      await registry.close();
      await new Promise<void>((r) => perRepo.close(() => r()));
    }
  });
});

describe('manifestSize', () => {
  const layer = (size: unknown) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: 'sha256:00', size });
  it('adds the config and every layer of an image manifest (OCI or Docker v2)', () => {
    const oci = {
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { size: 1200 },
      layers: [layer(5000), layer(300)],
    };
    expect(manifestSize(Buffer.from(JSON.stringify(oci)))).toBe(6500);
    expect(manifestSize(JSON.stringify({ schemaVersion: 2, config: { size: 10 }, layers: [] }))).toBe(10);
  });
  it.each([
    ['an index (no one size)', { schemaVersion: 2, manifests: [{ size: 500 }] }],
    ['a layer without a size', { config: { size: 1 }, layers: [layer(undefined)] }],
    ['a negative size', { config: { size: 1 }, layers: [layer(-5)] }],
    ['a size as text', { config: { size: '1' }, layers: [] }],
  ])('gives nothing for %s', (_what, manifest) => expect(manifestSize(JSON.stringify(manifest))).toBeUndefined());
  it('gives nothing for a body that is not JSON', () => expect(manifestSize('<html>')).toBeUndefined());
});

describe('registryOptions', () => {
  it('takes host, TLS and credentials from the inputs, and the rest as given', () => {
    const credentials = { username: 'octo', password: 'pw' };
    expect(registryOptions({ registry: 'ghcr.io', tlsVerify: true, credentials }, { attempts: 2 })).toEqual({
      registry: 'ghcr.io',
      tlsVerify: true,
      credentials,
      attempts: 2,
    });
    expect(registryOptions({ registry: '127.0.0.1:5000', tlsVerify: false })).toEqual({ registry: '127.0.0.1:5000', tlsVerify: false });
  });
});

describe('Registry blobs (reuse’s config read and upload)', () => {
  const CONFIG = Buffer.from('{"config":{"Labels":{"a":"b"}}}');
  const CONFIG_DIGEST = `sha256:${createHash('sha256').update(CONFIG).digest('hex')}`;
  const blobs = new Map<string, Buffer>();
  const calls: string[] = [];
  let storageAuth: string | undefined = 'none yet';
  let registryHost = '';
  let storageHost = '';
  const storage = createServer((req, res) => {
    // where a registry such as ghcr.io keeps its blobs: a signed address, no registry credentials
    storageAuth = req.headers.authorization;
    res.writeHead(200);
    res.end(req.url === '/tampered' ? Buffer.from('{}') : CONFIG);
  });
  const registry = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${registryHost}`);
      calls.push(`${req.method} ${url.pathname}`);
      const blob = /\/blobs\/(sha256:[0-9a-f]+)$/.exec(url.pathname)?.[1];
      if (req.method === 'GET' && blob) {
        res.writeHead(307, { location: `http://${storageHost}/${blob === CONFIG_DIGEST ? 'signed' : 'tampered'}` });
        return void res.end();
      }
      if (req.method === 'HEAD' && blob) {
        res.writeHead(blobs.has(blob) ? 200 : 404);
        return void res.end();
      }
      if (req.method === 'POST' && url.pathname.endsWith('/blobs/uploads/')) {
        // distribution answers with an absolute address, ghcr.io with a path
        res.writeHead(202, { location: `/v2/octo/app/uploads/u1?state=abc` });
        return void res.end();
      }
      if (req.method === 'PUT' && url.pathname === '/v2/octo/app/uploads/u1') {
        const digest = url.searchParams.get('digest') ?? '';
        const body = Buffer.concat(chunks);
        const ok = url.searchParams.get('state') === 'abc' && digest === `sha256:${createHash('sha256').update(body).digest('hex')}`;
        if (ok) blobs.set(digest, body);
        res.writeHead(ok ? 201 : 400);
        return void res.end(ok ? '' : '{"errors":[{"code":"DIGEST_INVALID"}]}');
      }
      res.writeHead(404);
      res.end();
    });
  });
  beforeAll(async () => {
    for (const s of [storage, registry]) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    storageHost = `127.0.0.1:${(storage.address() as AddressInfo).port}`;
    registryHost = `127.0.0.1:${(registry.address() as AddressInfo).port}`;
  });
  afterAll(() => Promise.all([storage, registry].map((s) => new Promise<void>((r) => s.close(() => r())))));
  const open = () => new Registry({ registry: registryHost, tlsVerify: false, credentials: { username: 'octo', password: 'pw' } });

  it('follows a blob redirect without the registry credentials, and checks the bytes against the digest', async () => {
    const client = open();
    expect((await client.getBlob('octo/app', CONFIG_DIGEST)).equals(CONFIG)).toBe(true);
    expect(storageAuth).toBeUndefined();
    const other = `sha256:${'0'.repeat(64)}`;
    await expect(client.getBlob('octo/app', other)).rejects.toThrow(`octo/app blob ${other} came back with other content`);
    await client.close();
  });

  it('uploads a blob once (POST, then PUT with its digest), and not again when the registry has it', async () => {
    const client = open();
    calls.length = 0;
    expect(await client.putBlob('octo/app', CONFIG)).toBe(CONFIG_DIGEST);
    expect(blobs.get(CONFIG_DIGEST)?.equals(CONFIG)).toBe(true);
    expect(await client.putBlob('octo/app', CONFIG)).toBe(CONFIG_DIGEST);
    expect(calls).toEqual([
      `HEAD /v2/octo/app/blobs/${CONFIG_DIGEST}`,
      'POST /v2/octo/app/blobs/uploads/',
      'PUT /v2/octo/app/uploads/u1',
      `HEAD /v2/octo/app/blobs/${CONFIG_DIGEST}`,
    ]);
    await client.close();
  });
});
