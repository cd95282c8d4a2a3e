import { Agent, interceptors, request, type Dispatcher } from 'undici';
import { describeNetworkError, type NetworkFailure } from './describe-error.js';
import { secureContextFor } from './trust.js';

export interface HttpAttemptOptions {
  url: URL;
  method: string;
  headers: Record<string, string>;
  /** Limit for the whole attempt: connection, headers and the last byte of the body. */
  timeoutMs: number;
  followRedirects: boolean;
  /** Trusted roots (undefined keeps Node's bundled roots). */
  ca?: string[];
  insecure: boolean;
  /** Bodies are read up to this many bytes; the rest is drained and ignored. */
  maxBodyBytes?: number;
  /** Connect to this address instead of resolving the URL's host (Host and SNI stay). */
  connectAddress?: string;
}

export interface HttpAttemptResult {
  status?: number;
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

function dispatcherFor(options: HttpAttemptOptions): { agent: Agent; dispatcher: Dispatcher } {
  const agent = new Agent({
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
  return { agent, dispatcher: options.followRedirects ? agent.compose(interceptors.redirect({ maxRedirections: 10 })) : agent };
}

async function readBody(body: AsyncIterable<Buffer>, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < limit) chunks.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One HTTP request with a hard deadline; a failure is returned in words, never thrown. */
export async function httpAttempt(options: HttpAttemptOptions): Promise<HttpAttemptResult> {
  const started = performance.now();
  const { agent, dispatcher } = dispatcherFor(options);
  const signal = AbortSignal.timeout(Math.max(1, options.timeoutMs));
  try {
    const response = await request(options.url, {
      method: options.method as Dispatcher.HttpMethod,
      headers: options.headers,
      dispatcher,
      signal,
      // Read by undici's redirect handler: a loop fails instead of returning the 11th 3xx.
      ...({ throwOnMaxRedirect: true } as object),
    });
    const body = await readBody(response.body, options.maxBodyBytes ?? 1024 * 1024);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { status: response.statusCode, headers, body, durationMs: performance.now() - started };
  } catch (error) {
    return { failure: describeNetworkError(error, options.timeoutMs), durationMs: performance.now() - started };
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
