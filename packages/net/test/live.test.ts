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
    expect(result.failure?.message).toBe('too many redirects');
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
