import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readActionMetadata, runAction, type ActionRun } from '@todo-deploy/harness';
import { Pki, freePort, reply, startServer, type Issued, type TestServer } from '@todo-deploy/testkit';

jest.setTimeout(60_000);

let pki: Pki;
let root: Issued;
let intermediate: Issued;
const servers: TestServer[] = [];

async function https(leaf: Issued, chain: Issued[] = [], tlsOptions: { maxVersion?: 'TLSv1.2' } = {}): Promise<TestServer> {
  const s = await startServer(reply(200, 'ok'), {
    tls: { key: leaf.keyPem, cert: [leaf.certPem, ...chain.map((c) => c.certPem)].join(''), ...tlsOptions },
  });
  servers.push(s);
  return s;
}

async function redirector(to: (host: string) => string, status = 301): Promise<TestServer> {
  const s = await startServer((req, res) => {
    res.writeHead(status, { location: to(req.headers.host?.split(':')[0] ?? '') });
    res.end();
  });
  servers.push(s);
  return s;
}

async function leaf(
  name: string,
  options: { commonName?: string; startDays?: number; endDays?: number; issuer?: Issued | null } = {},
): Promise<Issued> {
  return pki.leaf(name, {
    commonName: options.commonName ?? 'todo.test',
    startDays: options.startDays ?? -1,
    endDays: options.endDays ?? 90,
    ...(options.issuer === null ? {} : { issuer: options.issuer ?? intermediate }),
  });
}

beforeAll(async () => {
  pki = await Pki.create();
  root = await pki.ca('root', { organization: 'Todo Test Root' });
  intermediate = await pki.ca('intermediate', { issuer: root, organization: "Let's Test", commonName: 'T1' });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const results = (run: ActionRun) => JSON.parse(run.outputs.results ?? '[]') as Array<Record<string, unknown>>;
const base = () => ({
  'ca-cert': root.certPem,
  'connect-address': '127.0.0.1',
  'check-redirect': 'false',
  timeout: '1s',
  interval: '200ms',
});

describe('verify-cert bundle against TLS servers with openssl-made certificates', () => {
  it('passes a valid chain and a redirect, and reports every figure', async () => {
    const s = await https(await leaf('valid'), [intermediate]);
    const http = await redirector((host) => `https://${host}:${s.port}/`);
    const run = await runAction('verify-cert', {
      inputs: {
        ...base(),
        hosts: `todo.test:${s.port}`,
        'check-redirect': 'true',
        'http-port': String(http.port),
        'expected-issuer': "Let's Test",
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect(run.outputs['days-remaining']).toBe('89');
    expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(readActionMetadata('verify-cert').outputs).sort());
    expect(results(run)).toEqual([
      {
        host: `todo.test:${s.port}`,
        ok: true,
        subject: 'CN=todo.test',
        issuer: "O=Let's Test, CN=T1",
        sans: ['todo.test'],
        'not-before': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        'not-after': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        'days-remaining': 89,
        'tls-version': 'TLSv1.3',
        redirect: `301 -> https://todo.test:${s.port}/`,
        revocation: 'revocation not checked: the certificate names no CRL and the server staples no OCSP response',
        error: null,
      },
    ]);
    expect(http.seenHeaders[0]?.host).toBe(`todo.test:${http.port}`);
    expect(run.summary).toContain('✅ Certificates: 1 of 1 host valid');
    expect(run.summary).toContain(`| todo.test:${s.port} | ✅ valid | O=Let's Test, CN=T1 |`);
  });

  it('passes a leaf with an empty subject, its name only in subjectAltName (as ACME CAs issue them)', async () => {
    const s = await https(await pki.leaf('nameless', { commonName: 'todo.test', emptySubject: true, issuer: intermediate }), [
      intermediate,
    ]);
    const run = await runAction('verify-cert', { inputs: { ...base(), hosts: `todo.test:${s.port}`, 'expected-issuer': '^T1$' } });
    expect({ exit: run.exitCode, result: run.outputs.result }).toEqual({ exit: 0, result: 'success' });
    expect(results(run)[0]).toMatchObject({ ok: true, subject: '', issuer: "O=Let's Test, CN=T1", sans: ['todo.test'], error: null });
  });

  it.each([
    ['expired', { startDays: -90, endDays: -2 }, /^certificate expired on \d{4}-\d\d-\d\d \(valid \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)/],
    ['not yet valid', { startDays: 2, endDays: 92 }, /^certificate is not valid until \d{4}-\d\d-\d\d \(valid/],
    [
      'expiring in 5 days',
      { startDays: -85, endDays: 5 },
      /^certificate expires in [45] days on \d{4}-\d\d-\d\d, under the minimum of 14$/,
    ],
    ['for the wrong host', { commonName: 'other.test' }, /^certificate is not valid for todo\.test \(names: other\.test\)$/],
    ['self-signed', { issuer: null }, /^certificate is self-signed \(subject CN=todo\.test, valid/],
  ])('fails a certificate %s with the reason in words', async (_name, options, reason) => {
    const s = await https(await leaf(`bad-${_name.replace(/ /g, '-')}`, options), [intermediate]);
    const run = await runAction('verify-cert', { inputs: { ...base(), hosts: `todo.test:${s.port}` } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failure');
    expect(results(run)[0]?.error).toMatch(reason);
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toMatch(new RegExp(`^1 of 1 host failed: todo\\.test:${s.port}: `));
    expect(error).toMatch(/\(after \d+ attempts?\)$/);
    expect(run.summary).toContain('❌ failed');
  });

  it('fails a chain with a missing intermediate and an untrusted root', async () => {
    const s = await https(await leaf('no-intermediate'));
    const missing = await runAction('verify-cert', { inputs: { ...base(), hosts: `todo.test:${s.port}` } });
    expect(results(missing)[0]?.error).toMatch(
      /^certificate issuer 'O=Let's Test, CN=T1' is not trusted and the server sends no chain; .*give that CA's certificate in ca-cert/,
    );
    const full = await https(await leaf('untrusted'), [intermediate]);
    const untrusted = await runAction('verify-cert', { inputs: { ...base(), 'ca-cert': '', hosts: `todo.test:${full.port}` } });
    expect(results(untrusted)[0]?.error).toMatch(
      /^certificate issuer is not trusted: the chain ends at 'O=Let's Test, CN=T1', issued by 'O=Todo Test Root, CN=root', which is not a trusted root \(a private CA\? give its certificate in ca-cert\)/,
    );
  });

  it('fails on issuer, lifetime share and TLS version', async () => {
    const s = await https(await leaf('short-life', { startDays: -80, endDays: 10 }), [intermediate]);
    const run = await runAction('verify-cert', {
      inputs: {
        ...base(),
        hosts: `todo.test:${s.port}`,
        'min-days-remaining': '3',
        'min-lifetime-remaining-percent': '20',
        'expected-issuer': "Let's Encrypt",
      },
    });
    const error = results(run)[0]?.error as string;
    expect(error).toMatch(/only 1\d\.\d% of the certificate's lifetime is left/);
    expect(error).toContain("issuer 'O=Let's Test, CN=T1' does not match /Let's Encrypt/");
    const old = await https(await leaf('tls12'), [intermediate], { maxVersion: 'TLSv1.2' });
    const v13 = await runAction('verify-cert', { inputs: { ...base(), hosts: `todo.test:${old.port}`, 'min-tls-version': 'TLSv1.3' } });
    expect(results(v13)[0]?.error).toBe('server offers TLSv1.2 at most; TLSv1.3 is required (min-tls-version TLSv1.3)');
    const v12 = await runAction('verify-cert', { inputs: { ...base(), hosts: `todo.test:${old.port}` } });
    expect(results(v12)[0]).toMatchObject({ ok: true, 'tls-version': 'TLSv1.2' });
  });

  it('fails a missing or wrong redirect', async () => {
    const s = await https(await leaf('redirects'), [intermediate]);
    const plain = await startServer(reply(200, 'plain http'));
    servers.push(plain);
    const wrong = await redirector(() => 'http://todo.test/');
    const none = await runAction('verify-cert', {
      inputs: { ...base(), hosts: `todo.test:${s.port}`, 'check-redirect': 'true', 'http-port': String(plain.port) },
    });
    expect(results(none)[0]?.error).toBe(`no HTTPS redirect: http://todo.test:${plain.port}/ answered 200, not a redirect to HTTPS`);
    const bad = await runAction('verify-cert', {
      inputs: { ...base(), hosts: `todo.test:${s.port}`, 'check-redirect': 'true', 'http-port': String(wrong.port) },
    });
    expect(results(bad)[0]?.error).toBe(
      `no HTTPS redirect: http://todo.test:${wrong.port}/ redirects to http://todo.test/, not to https://todo.test:${s.port}/`,
    );
  });

  it('keeps checking while the certificate is being issued, and checks hosts concurrently', async () => {
    const staging = await leaf('cert-manager-temporary', { issuer: null });
    const issued = await leaf('cert-manager-issued');
    const s = await https(staging);
    const other = await https(await leaf('other', { endDays: 40 }), [intermediate]);
    const swap = setTimeout(() => s.setTls({ key: issued.keyPem, cert: issued.certPem + intermediate.certPem }), 1200);
    const run = await runAction('verify-cert', {
      inputs: { ...base(), hosts: `todo.test:${s.port}\ntodo.test:${other.port}`, timeout: '10s', interval: '300ms' },
    });
    clearTimeout(swap);
    expect(run.exitCode).toBe(0);
    expect(run.outputs['days-remaining']).toBe('39');
    expect(results(run).map((r) => r['days-remaining'])).toEqual([89, 39]);
  });

  it('reports a host that refuses connections', async () => {
    const port = await freePort();
    const run = await runAction('verify-cert', { inputs: { ...base(), hosts: `todo.test:${port}` } });
    expect(run.exitCode).toBe(1);
    expect(results(run)[0]).toMatchObject({ ok: false, error: 'connection refused', subject: null, 'days-remaining': null });
    expect(run.outputs['days-remaining']).toBe('');
  });

  it('fails on bad input before connecting', async () => {
    const s = await https(await leaf('never-contacted'), [intermediate]);
    const run = await runAction('verify-cert', { inputs: { ...base(), hosts: `todo.test:${s.port}\ntodo.test:123456` } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message)).toEqual([
      "Input 'hosts': port 123456 of 'todo.test:123456' is out of range 1-65535. Example of an accepted value: todo.example.com:443",
    ]);
    expect(s.requests()).toBe(0);
    expect(run.summary).toBe('');
    expect(run.outputs).toEqual({ result: 'failure', results: '[]', 'days-remaining': '' });
  });
});
