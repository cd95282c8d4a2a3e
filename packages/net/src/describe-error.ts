import { formatDuration } from '@todo-deploy/inputs';
import { isTlsVerificationCode, tlsReason } from './tls-codes.js';

export interface NetworkFailure {
  /** The most specific code found (ECONNREFUSED, CERT_HAS_EXPIRED, TIMEOUT, ...). */
  code: string;
  /** The cause in words, for the one-line failure message. */
  message: string;
  /** Whether another attempt may succeed. Certificate errors are not retried. */
  retryable: boolean;
  /** True for a certificate verification failure. */
  tls: boolean;
}

interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** Every error in a cause chain (and AggregateError members), outermost first. */
function chain(error: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 20) {
    const item = queue.shift();
    if (item === null || typeof item !== 'object' || seen.includes(item as ErrorLike)) continue;
    const e = item as ErrorLike;
    seen.push(e);
    if (e.cause !== undefined) queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...(e.errors as unknown[]));
  }
  return seen;
}

/** Handshake failures that are not about the certificate, in words (OpenSSL's codes as Node names them). */
const HANDSHAKE: Record<string, string> = {
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS handshake failed: the server did not answer in TLS (is this port plain HTTP? then use http://)',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'TLS handshake failed: the server did not answer in TLS (is this port plain HTTP? then use http://)',
  ERR_SSL_HTTP_REQUEST: 'TLS handshake failed: the server expected TLS and got plain HTTP',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'TLS handshake failed: the server and this client share no cipher or protocol',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR:
    'TLS handshake failed: the server reported an internal error (often no certificate for this host name)',
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME: 'TLS handshake failed: the server has no certificate for this host name (SNI)',
};

/**
 * One line in words from an error message that may be OpenSSL's multi-line text
 * ("...:error:0A00010B:SSL routines::wrong version number:../deps/openssl/..."): its reason.
 */
export function oneLine(message: string): string {
  const first = message.split(/\r?\n/).find((line) => line.trim() !== '') ?? message;
  const openssl = /error:[0-9A-F]+:[^:]*:[^:]*:([^:]+)/i.exec(first);
  if (openssl) return `TLS handshake failed (${(openssl[1] as string).trim()})`;
  return first.trim();
}

/**
 * Turns whatever an HTTP or TLS call threw into a cause in words and a retry decision,
 * never "fetch failed". `timeoutMs` is the limit of the attempt, for the timeout message.
 */
export function describeNetworkError(error: unknown, timeoutMs: number): NetworkFailure {
  const errors = chain(error);
  const codes = errors.map((e) => (typeof e.code === 'string' ? e.code : '')).filter(Boolean);
  const names = errors.map((e) => (typeof e.name === 'string' ? e.name : ''));
  const tlsCode = codes.find((c) => tlsReason(c) !== undefined);
  if (tlsCode !== undefined) {
    return {
      code: tlsCode,
      message: tlsReason(tlsCode) as string,
      retryable: !isTlsVerificationCode(tlsCode),
      tls: isTlsVerificationCode(tlsCode),
    };
  }
  const handshake = codes.find((c) => c in HANDSHAKE);
  if (handshake !== undefined) return { code: handshake, message: HANDSHAKE[handshake] as string, retryable: true, tls: false };
  const has = (...wanted: string[]): string | undefined => codes.find((c) => wanted.includes(c));
  const seconds = formatDuration(timeoutMs);
  const found =
    (has('ECONNREFUSED') && { code: 'ECONNREFUSED', message: 'connection refused' }) ||
    (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET') && { code: 'ECONNRESET', message: 'connection reset by the server' }) ||
    (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME') && { code: 'ENOTFOUND', message: 'DNS lookup failed (host not found)' }) ||
    (has('EHOSTUNREACH', 'ENETUNREACH') && { code: 'EHOSTUNREACH', message: 'host unreachable' }) ||
    (has('UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT') && { code: 'TIMEOUT', message: `no connection within ${seconds}` }) ||
    ((has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ABORT_ERR', 'UND_ERR_ABORTED') ||
      names.includes('TimeoutError') ||
      names.includes('AbortError')) && {
      code: 'TIMEOUT',
      message: `no complete response within ${seconds}`,
    }) ||
    (has('UND_ERR_REQ_RETRY', 'UND_ERR_INFO') && { code: 'REDIRECT', message: 'too many redirects' }) ||
    (has('UND_ERR_CLOSED', 'UND_ERR_DESTROYED') && { code: 'ECONNRESET', message: 'connection closed before the response ended' });
  if (found) return { ...found, retryable: true, tls: false };
  const deepest = [...errors].reverse().find((e) => typeof e.message === 'string' && e.message !== '' && e.message !== 'fetch failed');
  const code = codes.at(-1) ?? 'ERROR';
  const message = oneLine(typeof deepest?.message === 'string' ? deepest.message : String(error));
  return { code, message: /max.*redirect/i.test(message) ? 'too many redirects' : message, retryable: true, tls: false };
}
