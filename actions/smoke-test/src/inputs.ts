import {
  InputError,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseHeaderLine,
  parseInteger,
  parseList,
  parseRegExp,
  parseStatusCodes,
  parseConnectAddress,
  parseSize,
  requireInput,
  type InputReader,
  type StatusRange,
} from '@todo-deploy/inputs';
import { parseHttpUrl, parsePemBundle } from '@todo-deploy/net';

export const Input = {
  Urls: 'urls',
  ExpectedStatus: 'expected-status',
  ExpectBody: 'expect-body',
  Headers: 'headers',
  Method: 'method',
  Timeout: 'timeout',
  RequestTimeout: 'request-timeout',
  Interval: 'interval',
  MaxInterval: 'max-interval',
  ConsecutiveSuccesses: 'consecutive-successes',
  FollowRedirects: 'follow-redirects',
  CaCert: 'ca-cert',
  Insecure: 'insecure',
  SecretHeaders: 'secret-headers',
  ForwardHeaders: 'forward-headers',
  FinalStatus: 'final-status',
  BodyLimit: 'body-limit',
  ConnectAddress: 'connect-address',
} as const;

/**
 * Answers that waiting cannot change, so they fail at once instead of at the deadline: a bad
 * request, wrong or missing credentials, a method the URL does not take, a resource gone, a
 * method the server does not implement. 404 is retried (a route may not be served yet during
 * a rollout), and so are 5xx (502, 503, 504 while pods start).
 */
export const DEFAULT_FINAL_STATUS = '400,401,403,405,410,501';

/** Header names whose values are credentials by their nature, or by a word in the name. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie)$|token|secret|key|auth|session|password|signature/i;

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

export interface SmokeInputs {
  urls: URL[];
  expectedStatus: StatusRange[];
  /** Statuses that waiting cannot change: not retried (unless expected). */
  finalStatus: StatusRange[];
  /** How many bytes of a (decoded) body are read and matched. */
  bodyLimit: number;
  /** Connect here instead of resolving each URL's host (Host, SNI and the certificate check keep the host). */
  connectAddress?: string;
  expectBody?: RegExp;
  /** `secret`: the value is masked (a credential header, or named in secret-headers). */
  headers: Array<{ name: string; value: string; secret: boolean }>;
  method: Method;
  timeoutMs: number;
  requestTimeoutMs: number;
  intervalMs: number;
  maxIntervalMs: number;
  consecutiveSuccesses: number;
  followRedirects: boolean;
  /** Send the headers to another origin or from https to http after a redirect too. */
  forwardHeaders: boolean;
  caCerts: string[];
  insecure: boolean;
}

/** Reads and checks every input; throws an InputError naming the first bad one. */
export function readInputs(read: InputReader): SmokeInputs {
  const urlLines = parseList(requireInput(read, Input.Urls, 'https://staging.todo.example.com/api/health'));
  if (urlLines.length === 0)
    throw new InputError(Input.Urls, 'no URL given (only blank or comment lines)', 'https://staging.todo.example.com/api/health');
  const urls = urlLines.map((line) => parseHttpUrl(Input.Urls, line));
  urls.forEach((url, index) => {
    try {
      decodeURIComponent(url.username);
      decodeURIComponent(url.password);
    } catch {
      // the URL is not shown: its credentials are what is wrong
      throw new InputError(
        Input.Urls,
        `the credentials of URL ${index + 1} are not valid percent-encoding (write % as %25)`,
        'https://user:p%40ss@staging.todo.example.com/',
      );
    }
  });
  const secretNames = new Set(parseList(read(Input.SecretHeaders)).map((name) => name.toLowerCase()));
  const method = parseChoice(Input.Method, read(Input.Method), METHODS, 'GET', (text) => text.toUpperCase());
  const expectBody = parseRegExp(Input.ExpectBody, read(Input.ExpectBody), '"status":\\s*"ok"');
  if (expectBody && method === 'HEAD') {
    throw new InputError(Input.ExpectBody, 'a HEAD response has no body to match; use method GET', '"status":\\s*"ok"');
  }
  const timeoutMs = parseDuration(Input.Timeout, read(Input.Timeout), 120_000);
  const requestTimeoutMs = parseDuration(Input.RequestTimeout, read(Input.RequestTimeout), 10_000);
  const intervalMs = parseDuration(Input.Interval, read(Input.Interval), 2000);
  const maxIntervalMs = parseDuration(Input.MaxInterval, read(Input.MaxInterval), 30_000);
  for (const [name, value] of [
    [Input.Timeout, timeoutMs],
    [Input.RequestTimeout, requestTimeoutMs],
  ] as const) {
    if (value <= 0) throw new InputError(name, 'the duration must be longer than zero', '10s');
  }
  if (maxIntervalMs < intervalMs) {
    throw new InputError(Input.MaxInterval, `${read(Input.MaxInterval)} is shorter than interval ${read(Input.Interval)}`, '30s');
  }
  const finalText = read(Input.FinalStatus).trim();
  const connectAddress = parseConnectAddress(Input.ConnectAddress, read(Input.ConnectAddress));
  return {
    urls,
    expectedStatus: parseStatusCodes(Input.ExpectedStatus, read(Input.ExpectedStatus) || '200-299'),
    finalStatus: finalText === 'none' ? [] : parseStatusCodes(Input.FinalStatus, finalText || DEFAULT_FINAL_STATUS),
    bodyLimit: parseSize(Input.BodyLimit, read(Input.BodyLimit), 1024 * 1024, 1, 64 * 1024 * 1024),
    ...(connectAddress ? { connectAddress } : {}),
    ...(expectBody ? { expectBody } : {}),
    headers: parseList(read(Input.Headers)).map((line) => {
      const { key, value } = parseHeaderLine(Input.Headers, line);
      return { name: key, value, secret: CREDENTIAL_HEADER.test(key) || secretNames.has(key.toLowerCase()) };
    }),
    method,
    timeoutMs,
    requestTimeoutMs,
    intervalMs,
    maxIntervalMs,
    consecutiveSuccesses: parseInteger(Input.ConsecutiveSuccesses, read(Input.ConsecutiveSuccesses), 1, 1, 100),
    followRedirects: parseBoolean(Input.FollowRedirects, read(Input.FollowRedirects), true),
    forwardHeaders: parseBoolean(Input.ForwardHeaders, read(Input.ForwardHeaders), false),
    caCerts: parsePemBundle(Input.CaCert, read(Input.CaCert)),
    insecure: parseBoolean(Input.Insecure, read(Input.Insecure), false),
  };
}
