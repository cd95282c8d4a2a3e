import { describe, expect, it } from '@jest/globals';
import {
  describeNetworkError,
  hideCredentials,
  nextHop,
  oneLine,
  parseHostPort,
  parseHttpUrl,
  parsePemBundle,
  trustedRoots,
} from '../src/index.js';

describe('describeNetworkError', () => {
  const wrap = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });
  it.each([
    [wrap({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }), 'ECONNREFUSED', 'connection refused', true],
    [wrap({ code: 'ECONNRESET', message: 'socket hang up' }), 'ECONNRESET', 'connection reset by the server', true],
    [wrap({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND x' }), 'ENOTFOUND', 'DNS lookup failed (host not found)', true],
    [wrap({ code: 'UND_ERR_CONNECT_TIMEOUT' }), 'TIMEOUT', 'no connection within 10.0s', true],
    [
      Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }),
      'TIMEOUT',
      'no complete response within 10.0s',
      true,
    ],
    [wrap({ code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }), 'CERT_HAS_EXPIRED', 'certificate has expired', false],
    [wrap({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'ERR_TLS_CERT_ALTNAME_INVALID', 'certificate does not match the host name', false],
    [wrap({ errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] }), 'ECONNREFUSED', 'connection refused', true],
    [wrap({ code: 'EWEIRD', message: 'something odd' }), 'EWEIRD', 'something odd', true],
  ])('%#: %s', (error, code, message, retryable) => {
    expect(describeNetworkError(error, 10_000)).toMatchObject({ code, message, retryable });
  });

  it('never answers with a bare "fetch failed"', () => {
    expect(describeNetworkError(new TypeError('fetch failed'), 1000).message).not.toBe('fetch failed');
  });
});

describe('parseHttpUrl', () => {
  it('accepts http and https', () => {
    expect(parseHttpUrl('urls', 'https://a.test/x?y=1').href).toBe('https://a.test/x?y=1');
  });
  it('hides credentials of a URL that does not parse', () => {
    expect(() => parseHttpUrl('urls', 'a.test//user:secret@b')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });
});

describe('parseHostPort', () => {
  it.each([
    ['todo.test', { host: 'todo.test', port: 443 }],
    ['todo.test:8443', { host: 'todo.test', port: 8443 }],
    ['127.0.0.1:9', { host: '127.0.0.1', port: 9 }],
    ['[::1]:443', { host: '::1', port: 443 }],
  ])('%s', (text, expected) => {
    expect(parseHostPort('hosts', text, 443)).toEqual(expected);
  });
  it.each(['a b', 'host:', 'host:abc', 'https://x', 'x:65536'])('rejects %s', (text) => {
    expect(() => parseHostPort('hosts', text, 443)).toThrow(/^Input 'hosts': /);
  });
});

describe('trust', () => {
  it('adds extra roots to the bundled ones, and keeps the default without extras', () => {
    expect(trustedRoots([])).toBeUndefined();
    const roots = trustedRoots(['-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----']) ?? [];
    expect(roots.length).toBeGreaterThan(100);
    expect(roots.at(-1)).toContain('\nX\n');
  });
  it('parses nothing from an empty text', () => {
    expect(parsePemBundle('ca-cert', '  \n')).toEqual([]);
  });
});

describe('nextHop (which headers follow a redirect)', () => {
  const headers = { 'x-api-key': 'k', authorization: 'Bearer t' };
  it.each([
    ['same origin', 'https://a.test/x', '/y', headers],
    ['another host', 'https://a.test/x', 'https://b.test/y', {}],
    ['another port', 'https://a.test/x', 'https://a.test:8443/y', {}],
    ['https down to http on the same host', 'https://a.test/x', 'http://a.test/y', {}],
    ['http up to https on the same host (another origin)', 'http://a.test/x', 'https://a.test/y', {}],
  ])('%s', (_what, from, location, kept) => {
    expect(nextHop(new URL(from), 302, location, 'GET', headers, false)?.headers).toEqual(kept);
    expect(nextHop(new URL(from), 302, location, 'GET', headers, true)?.headers).toEqual(headers);
  });

  it('is final for other statuses, a missing Location and other schemes; 303 becomes a GET', () => {
    expect(nextHop(new URL('https://a.test/'), 200, '/y', 'GET', {}, false)).toBeUndefined();
    expect(nextHop(new URL('https://a.test/'), 302, undefined, 'GET', {}, false)).toBeUndefined();
    expect(nextHop(new URL('https://a.test/'), 302, 'ftp://a.test/', 'GET', {}, false)).toBeUndefined();
    expect(nextHop(new URL('https://a.test/'), 303, '/y', 'POST', {}, false)?.method).toBe('GET');
    expect(nextHop(new URL('https://a.test/'), 307, '/y', 'POST', {}, false)?.method).toBe('POST');
  });
});

describe('hideCredentials', () => {
  it.each([
    ['https://user:pa/ss@host/x', 'https://***@host/x'],
    ['https://user:pa\\ss@host:99999/', 'https://***@host:99999/'],
    ['user:pass@host/x', '***@host/x'],
    ['https://host/x', 'https://host/x'],
  ])('%s', (text, shown) => expect(hideCredentials(text)).toBe(shown));
});

describe('oneLine', () => {
  it('keeps the reason of multi-line OpenSSL text, and the first line of anything else', () => {
    expect(oneLine('C0F1:error:0A00010B:SSL routines::wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:354:\n')).toBe(
      'TLS handshake failed (wrong version number)',
    );
    expect(oneLine('\nfirst line\nsecond line')).toBe('first line');
  });
});
