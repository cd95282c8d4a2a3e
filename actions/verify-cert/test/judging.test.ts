import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { runAction, type ActionRun } from '@todo-deploy/harness';
import { Pki, freePort, startServer, startTlsServer, type Issued, type TestServer, type TlsTestServer } from '@todo-deploy/testkit';

// How verify-cert judges names, algorithms, keys, chains, TLS versions and revocation,
// against real TLS servers and certificates, CRLs and OCSP responses made by openssl.
jest.setTimeout(90_000);

let pki: Pki;
let root: Issued;
let intermediate: Issued;
let crlServer: TestServer;
let crlBody: Buffer;
const servers: Array<TlsTestServer | TestServer> = [];

const WEAK = 'DEFAULT:@SECLEVEL=0';

async function serve(
  leaf: Issued,
  chain: Issued[] = [intermediate],
  extra: Parameters<typeof startTlsServer>[0] extends infer O ? Partial<O> : never = {},
) {
  const s = await startTlsServer({ key: leaf.keyPem, cert: [leaf.certPem, ...chain.map((c) => c.certPem)].join(''), ...extra });
  servers.push(s);
  return s;
}

const results = (run: ActionRun) => JSON.parse(run.outputs.results ?? '[]') as Array<Record<string, unknown>>;
const check = (ports: number[], more: Record<string, string> = {}) =>
  runAction('verify-cert', {
    inputs: {
      hosts: ports.map((p) => `todo.test:${p}`).join('\n'),
      'ca-cert': root.certPem,
      'connect-address': '127.0.0.1',
      'check-redirect': 'false',
      timeout: '1s',
      interval: '200ms',
      ...more,
    },
  });
const leafOf = (name: string, options: Partial<Parameters<Pki['leaf']>[1]> = {}) =>
  pki.leaf(name, { commonName: 'todo.test', issuer: intermediate, ...options });

beforeAll(async () => {
  pki = await Pki.create();
  root = await pki.ca('root', { organization: 'Judge Root' });
  intermediate = await pki.ca('intermediate', { issuer: root, organization: 'Judge CA', commonName: 'J1' });
  crlServer = await startServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/pkix-crl' });
    response.end(crlBody);
  });
  servers.push(crlServer);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('names, algorithms and keys', () => {
  it('fails a certificate without subjectAltName even when its Common Name is the host', async () => {
    const s = await serve(await leafOf('no-san', { noSan: true }));
    const run = await check([s.port]);
    expect(run.exitCode).toBe(1);
    expect(results(run)[0]?.error).toBe(
      'certificate has no subjectAltName, so it names no host: its Common Name (CN=todo.test) is not used, as browsers stopped doing in 2017; reissue it with todo.test as a DNS name',
    );
  });

  it.each([
    [
      'sha1',
      { digest: 'sha1' as const },
      'certificate is signed with SHA-1 (ecdsa-with-SHA1), which browsers refuse; reissue it with SHA-256',
    ],
    [
      'sha1 and RSA 1024',
      { digest: 'sha1' as const, rsaBits: 1024 },
      'certificate is signed with SHA-1 (ecdsa-with-SHA1), which browsers refuse; reissue it with SHA-256; certificate has a 1024-bit RSA key',
    ],
    ['RSA 1024', { rsaBits: 1024 }, 'certificate has a 1024-bit RSA key, under the minimum of 2048 bits'],
  ])('fails a %s certificate naming the algorithm or key size', async (name, options, reason) => {
    const s = await serve(await leafOf(`weak-${name.replace(/ /g, '-')}`, options), [intermediate], { ciphers: WEAK });
    const error = results(await check([s.port]))[0]?.error as string;
    expect(error).toContain(reason);
    expect(error).not.toContain('UNSPECIFIED');
  });

  it('passes an RSA 2048 certificate signed with SHA-256', async () => {
    const s = await serve(await leafOf('rsa-2048', { rsaBits: 2048 }));
    expect(results(await check([s.port]))[0]).toMatchObject({ ok: true, error: null });
  });
});

describe('chains and TLS versions', () => {
  it('tells a missing intermediate (AIA caIssuers URL) from a private CA sent without chain, pointing the latter to ca-cert', async () => {
    const withAia = await serve(await leafOf('aia', { caIssuersUrl: 'http://ca.test/j1.crt' }), []);
    expect(results(await check([withAia.port]))[0]?.error).toBe(
      "certificate chain is incomplete: the server does not send the intermediate 'O=Judge CA, CN=J1' (the certificate names it at http://ca.test/j1.crt); serve the full chain",
    );
    const privateRoot = await serve(await pki.leaf('private', { commonName: 'todo.test', issuer: root }), []);
    const run = await check([privateRoot.port], { 'ca-cert': '' });
    expect(results(run)[0]?.error).toMatch(
      /^certificate issuer 'O=Judge Root, CN=root' is not trusted and the server sends no chain; .*ca-cert$/,
    );
    expect(results(run)[0]?.error).not.toMatch(/intermediate missing\?/);
  });

  it('names the versions offered and required, in one line without OpenSSL text', async () => {
    const old = await serve(await leafOf('tls11'), [intermediate], { ciphers: WEAK, minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
    const run = await check([old.port]);
    expect(results(run)[0]?.error).toBe('server offers TLSv1.1 at most; TLSv1.2 or TLSv1.3 is required (min-tls-version TLSv1.2)');
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).not.toMatch(/\n|%0A|routines|minimum TLSv/);
  });

  it('says a chain too large to read is too large, not a version problem', async () => {
    const s = await serve(
      await leafOf('huge-chain'),
      Array.from({ length: 250 }, () => intermediate),
    );
    const run = await check([s.port]);
    expect(results(run)[0]?.error).toBe('the certificate chain the server sends is too large to read (over 100 KiB)');
    expect(run.summary).not.toMatch(/<br>|routines/);
  });

  it('does not append a TLS version to a plain-HTTP port', async () => {
    const plain = await startServer((_q, r) => r.end('plain'));
    servers.push(plain);
    const error = results(await check([plain.port]))[0]?.error as string;
    expect(error).not.toMatch(/minimum|\n|error:[0-9A-F]{8}/);
    expect(error).toMatch(/did not answer in TLS|TLS handshake failed/);
  });
});

describe('revocation', () => {
  it('fails a certificate revoked in its CRL with date and reason, fetching one CRL once for 20 hosts', async () => {
    const crlUrl = `${crlServer.url}/j1.crl`;
    const revoked = await leafOf('revoked', { crlUrl });
    const good = await leafOf('not-revoked', { crlUrl });
    await pki.revoke(revoked, intermediate, 'keyCompromise');
    crlBody = await pki.crl(intermediate);
    const before = crlServer.requests();
    const bad = await serve(revoked);
    const fine = await Promise.all(Array.from({ length: 19 }, () => serve(good)));
    const run = await check([bad.port, ...fine.map((s) => s.port)]);
    expect(crlServer.requests() - before).toBe(1);
    expect(run.exitCode).toBe(1);
    expect(results(run)[0]?.error).toMatch(
      new RegExp(`^certificate was revoked on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(reason: key compromise\\), says CRL ${crlUrl}$`),
    );
    expect(
      results(run)
        .slice(1)
        .every((r) => r.ok && r.revocation === `not revoked (CRL ${crlUrl})`),
    ).toBe(true);
  });

  it('warns about an unreachable CRL by default and fails on it with revocation: strict', async () => {
    const s = await serve(await leafOf('crl-down', { crlUrl: `http://127.0.0.1:${await freePort()}/gone.crl` }));
    const warned = await check([s.port]);
    expect(warned.exitCode).toBe(0);
    expect(warned.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^todo\.test:\d+: revocation could not be checked: CRL http:\/\/127\.0\.0\.1:\d+\/gone\.crl connection refused$/,
      ),
    ]);
    const strict = await check([s.port], { revocation: 'strict' });
    expect(strict.exitCode).toBe(1);
    expect(results(strict)[0]?.error).toMatch(/^revocation could not be checked: .* connection refused \(revocation: strict\)$/);
    const off = await check([s.port], { revocation: 'off' });
    expect(results(off)[0]).toMatchObject({ ok: true, revocation: 'not checked (revocation: off)' });
  });

  it('does not trust a CRL signed by another key', async () => {
    const other = await pki.ca('impostor', { issuer: root, organization: 'Judge CA', commonName: 'J1' });
    const forgedServer = await startServer((_q, r) => r.end(forged));
    servers.push(forgedServer);
    const victim = await leafOf('forged-crl-victim', { crlUrl: `${forgedServer.url}/j1.crl` });
    const forged = await pki.crl(other);
    const run = await check([(await serve(victim)).port], { revocation: 'strict' });
    expect(results(run)[0]?.error).toContain('the CRL signature does not verify with the issuer key');
  });

  it('reads a stapled OCSP response from openssl ocsp: revoked fails, good passes without a CRL', async () => {
    // openssl ocsp reads the CA database when it starts: issue and revoke first
    const revoked = await leafOf('ocsp-revoked');
    const good = await leafOf('ocsp-good');
    await pki.revoke(revoked, intermediate, 'superseded');
    const responder = await pki.ocspResponder(intermediate);
    try {
      const bad = await serve(revoked, [intermediate], { ocspResponse: await responder.responseFor(revoked, intermediate) });
      const fine = await serve(good, [intermediate], { ocspResponse: await responder.responseFor(good, intermediate) });
      const run = await check([bad.port, fine.port], { revocation: 'strict' });
      expect(bad.ocspRequests()).toBeGreaterThan(0);
      expect(results(run)[0]?.error).toMatch(
        /^certificate was revoked on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(reason: superseded\), says the stapled OCSP response$/,
      );
      expect(results(run)[1]).toMatchObject({ ok: true, revocation: 'not revoked (stapled OCSP response)' });
    } finally {
      await responder.stop();
    }
  });
});
