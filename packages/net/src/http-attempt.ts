import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { Agent, request, type Dispatcher } from 'undici';
import { describeNetworkError, type NetworkFailure } from './describe-error.js';
import { secureContextFor } from './trust.js';

export interface HttpAttemptOptions {
  url: URL;
  method: string;
  headers: Record<string, string>;
  /** Limit for the whole attempt: connection, headers and the last byte of the body. */
  timeoutMs: number;
  followRedirects: boolean;
  /** Redirects followed at most (default MAX_REDIRECTS); one more is a failure. */
  maxRedirects?: number;
  /**
   * Send the given headers after a redirect to another origin or from https to http too
   * (default false: they are dropped there, as browsers drop credentials).
   */
  forwardHeaders?: boolean;
  /** Trusted roots (undefined keeps Node's bundled roots). */
  ca?: string[];
  insecure: boolean;
  /** Bodies are read up to this many bytes (after decoding); the rest is drained and ignored. */
  maxBodyBytes?: number;
  /**
   * Ask for compressed bodies (Accept-Encoding: gzip, deflate, br, unless the headers set it)
   * and decode them as browsers and curl --compressed do. Default true.
   */
  decompress?: boolean;
  /** Sent as User-Agent on every hop (a redirect to another origin too), unless the headers set one. */
  userAgent?: string;
  /** Connect to this address instead of resolving the URL's host (Host and SNI stay). */
  connectAddress?: string;
}

export interface HttpAttemptResult {
  status?: number;
  /** The URL that gave the final answer (after redirects). */
  finalUrl?: string;
  /** How many redirects were followed. */
  redirects?: number;
  headers?: Record<string, string>;
  body?: string;
  failure?: NetworkFailure;
  durationMs: number;
}

function fixedLookup(address: string) {
  const family = address.includes(':') ? 6 : 4;
  return (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void): void => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/** Redirects followed by default: a chain of exactly this many passes, one more fails. */
export const MAX_REDIRECTS = 10;

function agentFor(options: HttpAttemptOptions): Agent {
  return new Agent({
    connect: {
      timeout: options.timeoutMs,
      rejectUnauthorized: !options.insecure,
      ...(options.ca ? { secureContext: secureContextFor(options.ca) } : {}),
      ...(options.connectAddress ? { lookup: fixedLookup(options.connectAddress) } : {}),
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connections: 1,
    pipelining: 0,
  });
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/**
 * The next request after a redirect, or undefined when the answer is final. Headers the user
 * set go only to the same origin and never from https down to http, unless forwardHeaders. Pure.
 */
export function nextHop(
  from: URL,
  status: number,
  location: string | undefined,
  method: string,
  headers: Record<string, string>,
  forwardHeaders: boolean,
): { url: URL; method: string; headers: Record<string, string> } | undefined {
  if (!REDIRECT.has(status) || !location) return undefined;
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    throw new Error(`status ${status} redirects to a Location that is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const keep = forwardHeaders || (url.origin === from.origin && !(from.protocol === 'https:' && url.protocol === 'http:'));
  // 303, and 301/302 after a POST, become a GET without a body, as browsers do
  const nextMethod = status === 303 || ((status === 301 || status === 302) && method === 'POST') ? 'GET' : method;
  return { url, method: nextMethod, headers: keep ? headers : {} };
}

/** Content-Encodings decoded (the ones asked for): each a fresh decoder. */
const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** A body that could not be decoded: the encoding and the cause in words. */
class DecodeError extends Error {}

/**
 * Reads a body up to `limit` bytes, decoded by its Content-Encoding (several, applied in the
 * order given, are undone in reverse); an encoding not asked for is left as it came.
 */
async function readBody(body: Readable, limit: number, contentEncoding: string | undefined, decode: boolean): Promise<string> {
  const encodings = decode
    ? (contentEncoding ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e !== '' && e !== 'identity')
    : [];
  const decoders = encodings.every((e) => e in DECODERS) ? [...encodings].reverse().map((e) => (DECODERS[e] as () => Transform)()) : [];
  const source: Readable = decoders.length === 0 ? body : (pipeline([body, ...decoders], () => undefined) as unknown as Readable);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (size < limit) chunks.push(chunk.subarray(0, limit - size));
      size += chunk.length;
      if (size >= limit) break;
    }
  } catch (error) {
    if (decoders.length === 0) throw error;
    const cause = (error as Error).message.split('\n')[0] ?? 'corrupt data';
    throw new DecodeError(`the ${encodings.join(', ')} body could not be decoded (${cause})`);
  } finally {
    body.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

function headersOf(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return headers;
}

/**
 * One HTTP request (and its redirects, when followRedirects) with a hard deadline for the
 * whole; a failure is returned in words, never thrown. connect-address applies to the
 * original host only: a redirect to another host resolves that host.
 */
export async function httpAttempt(options: HttpAttemptOptions): Promise<HttpAttemptResult> {
  const started = performance.now();
  const pinned = agentFor(options);
  const plain = options.connectAddress ? agentFor({ ...options, connectAddress: undefined } as HttpAttemptOptions) : pinned;
  const signal = AbortSignal.timeout(Math.max(1, options.timeoutMs));
  const limit = options.maxRedirects ?? MAX_REDIRECTS;
  const decode = options.decompress !== false;
  const asked = decode && !Object.keys(options.headers).some((name) => name.toLowerCase() === 'accept-encoding');
  const own = (name: string) => Object.keys(options.headers).some((key) => key.toLowerCase() === name);
  const extra: Record<string, string> = {
    ...(asked ? { 'accept-encoding': ACCEPT_ENCODING } : {}),
    ...(options.userAgent && !own('user-agent') ? { 'user-agent': options.userAgent } : {}),
  };
  const requestHeaders = (headers: Record<string, string>) => ({ ...extra, ...headers });
  let hop = { url: options.url, method: options.method, headers: options.headers };
  try {
    for (let redirects = 0; ; redirects += 1) {
      const response = await request(hop.url, {
        method: hop.method as Dispatcher.HttpMethod,
        headers: requestHeaders(hop.headers),
        dispatcher: hop.url.hostname === options.url.hostname ? pinned : plain,
        signal,
      });
      const headers = headersOf(response.headers);
      const next = options.followRedirects
        ? nextHop(hop.url, response.statusCode, headers.location, hop.method, hop.headers, options.forwardHeaders === true)
        : undefined;
      if (next === undefined) {
        const body = await readBody(response.body, options.maxBodyBytes ?? 1024 * 1024, headers['content-encoding'], decode);
        return { status: response.statusCode, headers, body, finalUrl: hop.url.href, redirects, durationMs: performance.now() - started };
      }
      await response.body.dump().catch(() => undefined);
      if (redirects + 1 > limit) {
        return {
          failure: { code: 'REDIRECT', message: `too many redirects (more than ${limit})`, retryable: true, tls: false },
          durationMs: performance.now() - started,
        };
      }
      hop = next;
    }
  } catch (error) {
    if (error instanceof DecodeError)
      return { failure: { code: 'DECODE', message: error.message, retryable: true, tls: false }, durationMs: performance.now() - started };
    return { failure: describeNetworkError(error, options.timeoutMs), durationMs: performance.now() - started };
  } finally {
    await Promise.all([pinned.destroy().catch(() => undefined), plain === pinned ? undefined : plain.destroy().catch(() => undefined)]);
  }
}
