import * as zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Pki, reply, startServer, type Issued, type TestServer } from '@todo-deploy/testkit';
import { httpAttempt, inspectTls, parsePemBundle } from '../src/index.js';

let root: Issued;
let tlsServer: TestServer;
let loop: TestServer;

beforeAll(async () => {
  const pki = await Pki.create();
  root = await pki.ca('root', { organization: 'Net Test' });
  const leaf = await pki.leaf('leaf', { commonName: 'svc.test', issuer: root, endDays: 30 });
  tlsServer = await startServer((req, res, n) => reply(200, `host=${req.headers.host}`)(req, res, n), {
    tls: { key: leaf.keyPem, cert: leaf.certPem },
  });
  loop = await startServer((req, res, n) => reply(302, '', { location: `/loop${n}` })(req, res, n));
});
afterAll(async () => {
  await tlsServer.close();
  await loop.close();
});

describe('httpAttempt against loopback servers', () => {
  it('connects to connect-address while keeping the Host name and verifying it', async () => {
    const result = await httpAttempt({
      url: new URL(`https://svc.test:${tlsServer.port}/`),
      method: 'GET',
      headers: {},
      timeoutMs: 3000,
      followRedirects: true,
      insecure: false,
      ca: [root.certPem],
      connectAddress: '127.0.0.1',
    });
    expect(result).toMatchObject({ status: 200, body: `host=svc.test:${tlsServer.port}` });
  });

  it('stops following a redirect loop', async () => {
    const result = await httpAttempt({
      url: new URL(loop.url),
      method: 'GET',
      headers: {},
      timeoutMs: 3000,
      followRedirects: true,
      insecure: false,
    });
    expect(result.failure?.message).toBe('too many redirects (more than 10)');
  });
});

describe('inspectTls', () => {
  it('describes the certificate served, trusted or not', async () => {
    const base = { host: 'svc.test', port: tlsServer.port, connectAddress: '127.0.0.1', minVersion: 'TLSv1.2' as const, timeoutMs: 3000 };
    const trusted = await inspectTls({ ...base, ca: parsePemBundle('ca-cert', root.certPem) });
    expect(trusted).toMatchObject({ tlsVersion: 'TLSv1.3', chainSubjects: ['CN=svc.test', 'O=Net Test, CN=root'] });
    expect(trusted.chainError).toBeUndefined();
    expect(trusted.leaf?.issuerOrganization).toBe('Net Test');
    const untrusted = await inspectTls(base);
    expect(untrusted.chainError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    const wrongName = await inspectTls({ ...base, host: 'other.test', ca: [root.certPem] });
    expect(wrongName.hostError).toBe('certificate is not valid for other.test');
  });
});

describe('httpAttempt redirects', () => {
  const servers: TestServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  /** Redirects /hop/N to /hop/N-1 until /hop/0, which answers 200. */
  async function chain(): Promise<TestServer> {
    const s = await startServer((req, res, n) => {
      const left = Number(/\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? '0');
      return left === 0 ? reply(200, 'end')(req, res, n) : reply(302, '', { location: `/hop/${left - 1}` })(req, res, n);
    });
    servers.push(s);
    return s;
  }
  const attempt = (url: string, extra: Partial<Parameters<typeof httpAttempt>[0]> = {}) =>
    httpAttempt({ url: new URL(url), method: 'GET', headers: {}, timeoutMs: 5000, followRedirects: true, insecure: false, ...extra });

  it('follows a chain of exactly 10 redirects and refuses 11', async () => {
    const s = await chain();
    expect(await attempt(`${s.url}/hop/10`)).toMatchObject({ status: 200, body: 'end', redirects: 10 });
    expect((await attempt(`${s.url}/hop/11`)).failure?.message).toBe('too many redirects (more than 10)');
    expect((await attempt(`${s.url}/hop/3`, { maxRedirects: 2 })).failure?.message).toBe('too many redirects (more than 2)');
  });

  it('sends the headers the user set to the same origin only, never to another origin or from https down to http', async () => {
    const seen: Array<Record<string, string | string[] | undefined>> = [];
    const target = await startServer((req, res, n) => {
      seen.push(req.headers);
      return reply(200, 'ok')(req, res, n);
    });
    servers.push(target);
    // same port, other host name: another origin (localhost vs 127.0.0.1)
    const origin = await startServer((req, res, n) =>
      req.url === '/same'
        ? reply(302, '', { location: '/final' })(req, res, n)
        : reply(302, '', { location: `${target.url.replace('127.0.0.1', 'localhost')}/x` })(req, res, n),
    );
    servers.push(origin);
    const headers = { 'x-api-key': 'k3y-123', authorization: 'Bearer t0k', 'x-trace': 'abc' };
    await attempt(`${origin.url}/other`, { headers });
    expect(seen.at(-1)?.['x-api-key']).toBeUndefined();
    expect(seen.at(-1)?.authorization).toBeUndefined();
    expect(seen.at(-1)?.['x-trace']).toBeUndefined();
    await attempt(`${origin.url}/other`, { headers, forwardHeaders: true });
    expect(seen.at(-1)?.['x-api-key']).toBe('k3y-123');
  });

  it('keeps the headers on a redirect within the origin', async () => {
    const seen: Array<string | string[] | undefined> = [];
    const s = await startServer((req, res, n) => {
      seen.push(req.headers['x-api-key']);
      return req.url === '/start' ? reply(302, '', { location: '/final' })(req, res, n) : reply(200, 'ok')(req, res, n);
    });
    servers.push(s);
    expect(await attempt(`${s.url}/start`, { headers: { 'x-api-key': 'k3y-123' } })).toMatchObject({ status: 200, redirects: 1 });
    expect(seen).toEqual(['k3y-123', 'k3y-123']);
  });
});

describe('httpAttempt compressed bodies', () => {
  const servers: TestServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));
  const text = '{"status":"ok","padding":"' + 'x'.repeat(5000) + '"}';

  async function encodedServer(encoding: string, encode: (b: Buffer) => Buffer): Promise<TestServer> {
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(String(req.headers['accept-encoding'] ?? ''));
      res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'application/json' });
      res.end(encode(Buffer.from(text)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const s = { url: `http://127.0.0.1:${port}`, port, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
    servers.push(s as unknown as TestServer);
    return s as unknown as TestServer & { seen: string[] };
  }
  const get = (url: string, extra: Partial<Parameters<typeof httpAttempt>[0]> = {}) =>
    httpAttempt({ url: new URL(url), method: 'GET', headers: {}, timeoutMs: 5000, followRedirects: true, insecure: false, ...extra });

  it.each([
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const)('asks for and decodes %s, as curl --compressed does', async (encoding, encode) => {
    const s = (await encodedServer(encoding, (b) => encode(b))) as TestServer & { seen: string[] };
    const result = await get(s.url);
    expect(result.body).toBe(text);
    expect(s.seen).toEqual(['gzip, deflate, br']);
  });

  it('decodes two encodings applied in turn, and caps the decoded body at maxBodyBytes', async () => {
    const s = await encodedServer('deflate, gzip', (b) => zlib.gzipSync(zlib.deflateSync(b)));
    expect((await get(s.url)).body).toBe(text);
    expect((await get(s.url, { maxBodyBytes: 100 })).body).toBe(text.slice(0, 100));
  });

  it('says in words when a body does not decode', async () => {
    const s = await encodedServer('gzip', () => Buffer.from('this is not gzip at all'));
    expect((await get(s.url)).failure?.message).toMatch(/^the gzip body could not be decoded \(/);
  });

  it('leaves the body alone when decompress is false', async () => {
    const s = (await encodedServer('gzip', (b) => zlib.gzipSync(b))) as TestServer & { seen: string[] };
    const result = await get(s.url, { decompress: false });
    expect(result.body).not.toBe(text);
    expect(s.seen).toEqual(['']);
  });
});

describe('httpAttempt errors in words', () => {
  it('says https:// against a plain HTTP port in one line, without OpenSSL text', async () => {
    const plain = await startServer(reply(200, 'ok'));
    try {
      const result = await httpAttempt({
        url: new URL(plain.url.replace('http://', 'https://')),
        method: 'GET',
        headers: {},
        timeoutMs: 3000,
        followRedirects: true,
        insecure: false,
      });
      expect(result.failure?.message).toBe(
        'TLS handshake failed: the server did not answer in TLS (is this port plain HTTP? then use http://)',
      );
    } finally {
      await plain.close();
    }
  });
});
