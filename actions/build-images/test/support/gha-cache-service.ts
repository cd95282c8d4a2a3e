// A test stand-in for GitHub's Actions cache service (cache service v2: the twirp CacheService of
// the Actions results service, and the Azure Blob Storage URLs it signs), the one BuildKit's
// `type=gha` cache backend talks to. It is not GitHub's code: it was written from the published
// sources of the clients and of the runner, and implements only what BuildKit's client uses:
//  - actions/toolkit packages/cache: src/generated/results/api/v1/cache.ts (the CacheService
//    protos: CreateCacheEntry, FinalizeCacheEntryUpload, GetCacheEntryDownloadURL),
//    src/internal/shared/cacheTwirpClient.ts (POST /twirp/<service>/<method>, JSON, bearer token,
//    errors as {code, msg}), src/internal/config.ts (ACTIONS_CACHE_SERVICE_V2, ACTIONS_RESULTS_URL);
//  - actions/runner src/Runner.Worker/Handlers/NodeScriptActionHandler.cs (what a JS action gets:
//    ACTIONS_RUNTIME_TOKEN, ACTIONS_CACHE_URL, ACTIONS_RESULTS_URL, ACTIONS_CACHE_SERVICE_V2=True);
//  - docker/buildx v0.38.2 build/opt.go (addGithubToken: the env it turns into token, url, url_v2);
//  - moby/buildkit v0.34.2 cache/remotecache/gha/gha.go (attributes, keys, scopes from the token);
//  - github.com/tonistiigi/go-actions-cache (v0.0.0-20260930145529-afe8013b5ac4, BuildKit's client):
//    cache.go (the JWT it parses unverified: `ac`, `exp`, `nbf`; the fixed version hash; prefix
//    lookups of `key#n` for the index), cache_v2.go (the twirp calls, snake_case JSON);
//  - Azure/azure-sdk-for-go sdk/storage/azblob v1.5.0 (blockblob UploadStream: one Put Blob under
//    1 MiB, else Put Block ?comp=block&blockid= and Put Block List ?comp=blocklist; DownloadStream:
//    GET with x-ms-range).
// Blobs are kept in memory. GitHub's own service (scopes from the job, retention, quotas, rate
// limits, real SAS signatures) is not reproduced; see the checks listed on startGhaCacheService.
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The twirp service path of the Actions cache service v2. */
export const CACHE_SERVICE = 'github.actions.results.api.v1.CacheService';

/** A cache scope of the runtime token's `ac` claim: Permission 1 read, 2 write, 3 both. */
export interface GhaCacheScope {
  scope: string;
  permission: number;
}

export interface GhaCacheServiceOptions {
  /** The scopes of the token it hands out; default one read-write scope, refs/heads/main. */
  scopes?: GhaCacheScope[];
  /** How long its tokens live; default 6 hours (what the go-actions-cache notes give GitHub's). */
  tokenTtlSeconds?: number;
  /** How long the signed blob URLs it hands out live; default one hour. */
  urlTtlSeconds?: number;
}

/** A finalized cache entry. */
export interface GhaCacheEntry {
  key: string;
  version: string;
  scope: string;
  size: number;
}

/** One request the stand-in answered. */
export interface GhaCacheRequest {
  method: string;
  /** The path, without the query (which holds a blob URL's signature). */
  path: string;
  /** The twirp method, `put-blob`, `put-block`, `put-block-list`, `get-blob`, `v1` or `unknown`. */
  call: string;
  status: number;
  /** The cache key the call was about, when there is one. */
  key?: string;
  /** A blob read's range (x-ms-range or Range). */
  range?: string;
  /** The twirp error code, the Azure error code, or the `message` of a response with ok: false. */
  error?: string;
}

export interface GhaCacheService {
  /** The service's base address with a trailing slash, like ACTIONS_RESULTS_URL (BuildKit's url_v2). */
  url: string;
  /** A runtime token (JWT) for the configured scopes. */
  token: string;
  /** What the runner gives a JavaScript action for the cache (buildx reads these). */
  env: Record<string, string>;
  /** The finalized entries, oldest first. */
  entries(): GhaCacheEntry[];
  /** Every request, in order. */
  requests: GhaCacheRequest[];
  /** Another token signed by this service: other scopes, or one expired / not yet valid. */
  mintToken(scopes: GhaCacheScope[], times?: { expiresInSeconds?: number; notBeforeInSeconds?: number }): string;
  close(): Promise<void>;
}

interface Stored {
  id: number;
  key: string;
  version: string;
  scope: string;
  blobId: string;
  finalized: boolean;
  /** Order of finalization: the newest prefix match wins. */
  seq: number;
}

interface StoredBlob {
  entry: Stored;
  data?: Buffer;
  blocks: Map<string, Buffer>;
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class V1Error extends Error {}

class AzureError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_JSON = 1 << 20;
const MAX_BLOB_REQUEST = 256 << 20;
const MAX_KEY = 512;
const AZURE_VERSION = '2024-11-04';

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A string field of a twirp JSON request, by its proto name or its lowerCamelCase JSON name. */
function field(body: Record<string, unknown>, proto: string, json: string): unknown {
  return body[proto] ?? body[json];
}

function stringField(body: Record<string, unknown>, proto: string, json = proto): string {
  const value = field(body, proto, json);
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new TwirpError(400, 'malformed', `${proto} is not a string`);
  return value;
}

function checkKey(key: string, what: string): void {
  if (!key) throw new TwirpError(400, 'invalid_argument', `${what} is required`);
  if (key.length > MAX_KEY) throw new TwirpError(400, 'invalid_argument', `${what} is longer than ${MAX_KEY} characters`);
  if (key.includes(',')) throw new TwirpError(400, 'invalid_argument', `${what} cannot contain commas`);
}

/**
 * Starts the stand-in on 127.0.0.1 at a random port. What it checks:
 *  - twirp (POST /twirp/github.actions.results.api.v1.CacheService/<method>): POST and
 *    Content-Type application/json only (404 bad_route otherwise, as twirp does); a bearer token it
 *    signed itself (HS256), inside its `nbf`..`exp` window (401 unauthenticated otherwise); a JSON
 *    object body (400 malformed); key and version present, keys at most 512 characters without
 *    commas, at most 10 keys in a lookup (400 invalid_argument);
 *  - CreateCacheEntry: a writable scope in the token (403 permission_denied); no entry, finalized or
 *    reserved, with the same key, version and scope (409 already_exists, GitHub's message);
 *  - FinalizeCacheEntryUpload: a reservation of that key and version, an uploaded blob whose size is
 *    size_bytes (else ok: false with a message);
 *  - GetCacheEntryDownloadURL: finalized entries of the same version in the token's readable scopes,
 *    scope by scope: the exact key, then the newest entry whose key starts with the key or a restore
 *    key, in their order (ok: false when none);
 *  - the signed blob URLs: the signature and expiry (403 AuthenticationFailed), write permission for
 *    PUT and read for GET (403 AuthorizationPermissionMismatch), x-ms-blob-type: BlockBlob on Put Blob,
 *    a blockid on Put Block, staged blocks named by Put Block List (400 InvalidBlockList), no write
 *    after the entry is finalized (409), a range that starts inside the blob (416 InvalidRange);
 *  - the cache service v1 paths (/_apis/artifactcache/…): 501, with a message naming
 *    ACTIONS_CACHE_SERVICE_V2, since BuildKit falls back to v1 when buildx passes no url_v2.
 */
export async function startGhaCacheService(options: GhaCacheServiceOptions = {}): Promise<GhaCacheService> {
  const secret = randomBytes(32);
  const scopes = options.scopes ?? [{ scope: 'refs/heads/main', permission: 3 }];
  const tokenTtl = options.tokenTtlSeconds ?? 6 * 3600;
  const urlTtl = options.urlTtlSeconds ?? 3600;
  const stored: Stored[] = [];
  const blobs = new Map<string, StoredBlob>();
  const requests: GhaCacheRequest[] = [];
  let nextId = 1;
  let nextSeq = 1;
  let base = '';

  const sign = (data: string): string => b64url(createHmac('sha256', secret).update(data).digest());
  const sameSignature = (a: string, b: string): boolean => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };

  const mintToken: GhaCacheService['mintToken'] = (tokenScopes, times = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const claims = b64url(
      JSON.stringify({
        // go-actions-cache reads `ac` as a JSON string of [{Scope, Permission}]
        ac: JSON.stringify(tokenScopes.map((s) => ({ Scope: s.scope, Permission: s.permission }))),
        iss: 'gha-cache-service stand-in',
        iat: now,
        nbf: now + (times.notBeforeInSeconds ?? 0) - 1,
        exp: now + (times.expiresInSeconds ?? tokenTtl),
      }),
    );
    return `${header}.${claims}.${sign(`${header}.${claims}`)}`;
  };

  /** The token's scopes, after checking its signature and lifetime. */
  const authorize = (req: IncomingMessage): GhaCacheScope[] => {
    const auth = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(auth);
    if (!match?.[1]) throw new TwirpError(401, 'unauthenticated', 'no bearer token');
    const parts = match[1].split('.');
    if (parts.length !== 3 || !sameSignature(sign(`${parts[0]}.${parts[1]}`), parts[2] ?? ''))
      throw new TwirpError(401, 'unauthenticated', 'the token is not one this service signed');
    const claims = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as { ac: string; exp: number; nbf: number };
    const now = Date.now() / 1000;
    if (now >= claims.exp) throw new TwirpError(401, 'unauthenticated', 'the token has expired');
    if (now < claims.nbf) throw new TwirpError(401, 'unauthenticated', 'the token is not valid yet');
    return (JSON.parse(claims.ac) as { Scope: string; Permission: number }[]).map((s) => ({ scope: s.Scope, permission: s.Permission }));
  };

  const blobUrl = (blobId: string, permission: 'r' | 'cw'): string => {
    const se = new Date(Date.now() + urlTtl * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sig = sign(`${blobId}\n${permission}\n${se}`);
    return `${base}blob/${blobId}?sv=${AZURE_VERSION}&sr=b&sp=${permission}&se=${encodeURIComponent(se)}&sig=${sig}`;
  };

  const writableScope = (tokenScopes: GhaCacheScope[]): string => {
    // BuildKit names its index after the last writable scope; entries go there too
    const writable = tokenScopes.filter((s) => (s.permission & 2) !== 0);
    const last = writable[writable.length - 1];
    if (!last) throw new TwirpError(403, 'permission_denied', 'the token has no writable cache scope');
    return last.scope;
  };

  const rpc: Record<string, (body: Record<string, unknown>, tokenScopes: GhaCacheScope[], log: GhaCacheRequest) => object> = {
    CreateCacheEntry(body, tokenScopes, log) {
      const key = stringField(body, 'key');
      const version = stringField(body, 'version');
      log.key = key;
      checkKey(key, 'key');
      if (!version) throw new TwirpError(400, 'invalid_argument', 'version is required');
      const scope = writableScope(tokenScopes);
      if (stored.some((e) => e.key === key && e.version === version && e.scope === scope))
        throw new TwirpError(409, 'already_exists', 'cache entry with the same key, version, and scope already exists');
      const entry: Stored = { id: nextId++, key, version, scope, blobId: randomUUID(), finalized: false, seq: 0 };
      stored.push(entry);
      blobs.set(entry.blobId, { entry, blocks: new Map() });
      return { ok: true, signed_upload_url: blobUrl(entry.blobId, 'cw'), message: '' };
    },
    FinalizeCacheEntryUpload(body, tokenScopes, log) {
      const key = stringField(body, 'key');
      const version = stringField(body, 'version');
      log.key = key;
      checkKey(key, 'key');
      if (!version) throw new TwirpError(400, 'invalid_argument', 'version is required');
      const rawSize = field(body, 'size_bytes', 'sizeBytes');
      const size = typeof rawSize === 'string' ? Number(rawSize) : rawSize;
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
        throw new TwirpError(400, 'malformed', 'size_bytes is not an int64');
      const scope = writableScope(tokenScopes);
      const entry = stored.find((e) => e.key === key && e.version === version && e.scope === scope && !e.finalized);
      const fail = (message: string) => {
        log.error = message;
        return { ok: false, entry_id: '0', message };
      };
      if (!entry) return fail(`no reservation for key ${key} and this version in scope ${scope}`);
      const data = blobs.get(entry.blobId)?.data;
      if (!data) return fail(`nothing was uploaded for key ${key}`);
      if (data.length !== size) return fail(`size_bytes ${size} is not the uploaded size ${data.length}`);
      entry.finalized = true;
      entry.seq = nextSeq++;
      return { ok: true, entry_id: String(entry.id), message: '' };
    },
    GetCacheEntryDownloadURL(body, tokenScopes, log) {
      const key = stringField(body, 'key');
      const version = stringField(body, 'version');
      const restore = field(body, 'restore_keys', 'restoreKeys') ?? [];
      log.key = key;
      checkKey(key, 'key');
      if (!version) throw new TwirpError(400, 'invalid_argument', 'version is required');
      if (!Array.isArray(restore) || !restore.every((k): k is string => typeof k === 'string'))
        throw new TwirpError(400, 'malformed', 'restore_keys is not a list of strings');
      for (const k of restore) checkKey(k, 'a restore key');
      if (restore.length + 1 > 10) throw new TwirpError(400, 'invalid_argument', 'keys are limited to 10');
      const newest = (list: Stored[]): Stored | undefined =>
        list.reduce<Stored | undefined>((a, b) => (!a || b.seq > a.seq ? b : a), undefined);
      for (const { scope, permission } of tokenScopes) {
        if ((permission & 1) === 0) continue;
        const visible = stored.filter((e) => e.finalized && e.scope === scope && e.version === version);
        const found =
          newest(visible.filter((e) => e.key === key)) ??
          [key, ...restore].map((prefix) => newest(visible.filter((e) => e.key.startsWith(prefix)))).find((e) => e !== undefined);
        if (found) return { ok: true, signed_download_url: blobUrl(found.blobId, 'r'), matched_key: found.key };
      }
      log.error = 'not found';
      return { ok: false, signed_download_url: '', matched_key: '' };
    },
  };

  const sendJson = (res: ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const azureHeaders = (): Record<string, string> => ({
    'x-ms-request-id': randomUUID(),
    'x-ms-version': AZURE_VERSION,
    date: new Date().toUTCString(),
  });

  const sendAzureError = (res: ServerResponse, error: AzureError): void => {
    res.writeHead(error.status, { ...azureHeaders(), 'content-type': 'application/xml', 'x-ms-error-code': error.code });
    const message = error.message.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`);
    res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${error.code}</Code><Message>${message}</Message></Error>`);
  };

  const handleTwirp = async (req: IncomingMessage, res: ServerResponse, method: string, log: GhaCacheRequest): Promise<void> => {
    log.call = method;
    const handler = Object.hasOwn(rpc, method) ? rpc[method] : undefined;
    if (req.method !== 'POST' || !handler) throw new TwirpError(404, 'bad_route', `no ${req.method} route for ${req.url ?? ''}`);
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (contentType !== 'application/json')
      throw new TwirpError(404, 'bad_route', `unexpected Content-Type ${contentType ?? ''}: this stand-in speaks twirp JSON only`);
    const tokenScopes = authorize(req);
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, MAX_JSON)).toString('utf8'));
    } catch {
      throw new TwirpError(400, 'malformed', 'the body is not JSON');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw new TwirpError(400, 'malformed', 'the body is not a JSON object');
    const answer = handler(body as Record<string, unknown>, tokenScopes, log);
    log.status = 200;
    sendJson(res, 200, answer);
  };

  const handleBlob = async (req: IncomingMessage, res: ServerResponse, url: URL, log: GhaCacheRequest): Promise<void> => {
    const blobId = url.pathname.slice('/blob/'.length);
    const sp = url.searchParams.get('sp') ?? '';
    const se = url.searchParams.get('se') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    if (!sameSignature(sign(`${blobId}\n${sp}\n${se}`), sig))
      throw new AzureError(403, 'AuthenticationFailed', 'Server failed to authenticate the request: the signature does not match.');
    if (!(Date.parse(se) > Date.now())) throw new AzureError(403, 'AuthenticationFailed', `Signed expiry time [${se}] has passed.`);
    const blob = blobs.get(blobId);
    if (!blob) throw new AzureError(404, 'BlobNotFound', 'The specified blob does not exist.');
    log.key = blob.entry.key;
    const comp = url.searchParams.get('comp');
    if (req.method === 'PUT') {
      log.call = comp === 'block' ? 'put-block' : comp === 'blocklist' ? 'put-block-list' : 'put-blob';
      if (!sp.includes('w'))
        throw new AzureError(
          403,
          'AuthorizationPermissionMismatch',
          'This request is not authorized to perform this operation using this permission.',
        );
      if (blob.entry.finalized) throw new AzureError(409, 'BlobImmutable', 'The cache entry of this blob is finalized.');
      const body = await readBody(req, MAX_BLOB_REQUEST);
      const written = { etag: `"0x${randomBytes(8).toString('hex').toUpperCase()}"`, 'last-modified': new Date().toUTCString() };
      let headers: Record<string, string> = azureHeaders();
      if (comp === 'block') {
        const blockId = url.searchParams.get('blockid');
        if (!blockId || Buffer.from(blockId, 'base64').length > 64)
          throw new AzureError(
            400,
            'InvalidQueryParameterValue',
            'Value for one of the query parameters specified in the request URI is invalid: blockid.',
          );
        blob.blocks.set(blockId, body);
      } else if (comp === 'blocklist') {
        const ids = [...body.toString('utf8').matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2] ?? '');
        const parts = ids.map((id) => blob.blocks.get(id));
        if (ids.length === 0 || parts.some((p) => p === undefined))
          throw new AzureError(400, 'InvalidBlockList', 'The specified block list is invalid.');
        blob.data = Buffer.concat(parts as Buffer[]);
        blob.blocks.clear();
        headers = { ...headers, ...written };
      } else if (comp === null) {
        if (req.headers['x-ms-blob-type'] !== 'BlockBlob')
          throw new AzureError(
            400,
            'MissingRequiredHeader',
            'An HTTP header that is mandatory for this request is not specified: x-ms-blob-type.',
          );
        blob.data = body;
        headers = { ...headers, ...written };
      } else throw new AzureError(400, 'InvalidQueryParameterValue', `comp=${comp} is not implemented by this stand-in.`);
      log.status = 201;
      res.writeHead(201, { ...headers, 'content-length': '0', 'x-ms-request-server-encrypted': 'true' });
      res.end();
      return;
    }
    if (req.method === 'GET' && comp === null) {
      log.call = 'get-blob';
      if (!sp.includes('r'))
        throw new AzureError(
          403,
          'AuthorizationPermissionMismatch',
          'This request is not authorized to perform this operation using this permission.',
        );
      const data = blob.entry.finalized ? blob.data : undefined;
      if (!data) throw new AzureError(404, 'BlobNotFound', 'The specified blob does not exist.');
      const rangeHeader = req.headers['x-ms-range'] ?? req.headers.range;
      const range = typeof rangeHeader === 'string' ? rangeHeader : undefined;
      const headers = {
        ...azureHeaders(),
        'content-type': 'application/octet-stream',
        'accept-ranges': 'bytes',
        'x-ms-blob-type': 'BlockBlob',
        'last-modified': new Date().toUTCString(),
      };
      if (range) {
        log.range = range;
        const m = /^bytes=(\d+)-(\d*)$/.exec(range);
        if (!m) throw new AzureError(400, 'InvalidRange', `The range ${range} is not one this stand-in reads.`);
        const start = Number(m[1]);
        const end = m[2] ? Math.min(Number(m[2]), data.length - 1) : data.length - 1;
        if (start >= data.length || end < start)
          throw new AzureError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
        log.status = 206;
        res.writeHead(206, {
          ...headers,
          'content-length': String(end - start + 1),
          'content-range': `bytes ${start}-${end}/${data.length}`,
        });
        res.end(data.subarray(start, end + 1));
        return;
      }
      log.status = 200;
      res.writeHead(200, { ...headers, 'content-length': String(data.length) });
      res.end(data);
      return;
    }
    throw new AzureError(405, 'UnsupportedHttpVerb', `${req.method ?? ''} is not implemented by this stand-in.`);
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    const log: GhaCacheRequest = { method: req.method ?? '', path: url.pathname, call: 'unknown', status: 0 };
    requests.push(log);
    const twirpPrefix = `/twirp/${CACHE_SERVICE}/`;
    const handled = url.pathname.startsWith(twirpPrefix)
      ? handleTwirp(req, res, url.pathname.slice(twirpPrefix.length), log)
      : url.pathname.startsWith('/blob/')
        ? handleBlob(req, res, url, log)
        : url.pathname.startsWith('/_apis/artifactcache/')
          ? Promise.reject(new V1Error('v1'))
          : Promise.reject(new TwirpError(404, 'bad_route', `no route for ${url.pathname}`));
    handled.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof TwirpError) {
        log.status = error.status;
        log.error = error.code;
        sendJson(res, error.status, { code: error.code, msg: error.message });
      } else if (error instanceof AzureError) {
        log.status = error.status;
        log.error = error.code;
        sendAzureError(res, error);
      } else if (error instanceof V1Error) {
        log.call = 'v1';
        log.status = 501;
        log.error = 'v1';
        // the shape of the v1 service's errors, which go-actions-cache reads ({message, typeKey})
        sendJson(res, 501, {
          message:
            'the cache service v1 (_apis/artifactcache) is not implemented by this stand-in: GitHub retired it; buildx passes url_v2 only with ACTIONS_CACHE_SERVICE_V2=True',
          typeKey: 'NotImplemented',
        });
      } else {
        log.status = 500;
        log.error = 'internal';
        sendJson(res, 500, { code: 'internal', msg: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const token = mintToken(scopes);

  return {
    url: base,
    token,
    env: {
      ACTIONS_RUNTIME_TOKEN: token,
      ACTIONS_RESULTS_URL: base,
      ACTIONS_CACHE_URL: base,
      ACTIONS_CACHE_SERVICE_V2: 'True',
    },
    entries: () =>
      stored
        .filter((e) => e.finalized)
        .sort((a, b) => a.seq - b.seq)
        .map((e) => ({ key: e.key, version: e.version, scope: e.scope, size: blobs.get(e.blobId)?.data?.length ?? 0 })),
    requests,
    mintToken,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
