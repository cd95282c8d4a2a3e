import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readActionMetadata, runAction } from '@todo-deploy/harness';
import { derivedForms } from '@todo-deploy/secrets';
import { Pki, freePort, reply, type Issued, type TestServer } from '@todo-deploy/testkit';
import { results, serverPool } from './support.js';

jest.setTimeout(60_000);
const server = serverPool();

const fast = { interval: '200ms', 'max-interval': '400ms', timeout: '8s', 'request-timeout': '2s' };

describe('smoke-test bundle against loopback servers', () => {
  it('waits through a run of 503s and reports outputs, summary and no annotation', async () => {
    const s = await server((_req, res, n) => reply(n <= 3 ? 503 : 200, n <= 3 ? 'starting' : '{"status":"ok"}')(_req, res, n));
    const run = await runAction('smoke-test', { inputs: { urls: `${s.url}/api/health`, 'expect-body': '"status":\\s*"ok"', ...fast } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect(results(run)).toEqual([
      { url: `${s.url}/api/health`, ok: true, status: 200, attempts: 4, 'duration-ms': expect.any(Number), error: null },
    ]);
    expect(Number(run.outputs['duration-ms'])).toBeGreaterThan(0);
    expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(readActionMetadata('smoke-test').outputs).sort());
    expect(run.summary).toContain('✅ Smoke test: 1 of 1 URL healthy');
    expect(run.summary).toContain(`| ${s.url}/api/health | ✅ healthy | 200 | 4 |`);
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  });

  it('retries reset connections and a server that starts late', async () => {
    const resets = await server((req, res, n) => (n <= 2 ? req.socket.destroy() : reply(200)(req, res, n)));
    const latePort = await freePort();
    const late = setTimeout(() => void server(reply(204), { port: latePort }), 3000);
    const run = await runAction('smoke-test', {
      inputs: { urls: `${resets.url}/\nhttp://127.0.0.1:${latePort}/`, ...fast, timeout: '15s' },
    });
    clearTimeout(late);
    expect(run.exitCode).toBe(0);
    const [first, second] = results(run);
    expect(first).toMatchObject({ ok: true, status: 200, attempts: 3 });
    expect(second).toMatchObject({ ok: true, status: 204 });
    expect(second?.attempts as number).toBeGreaterThan(1);
  });

  it('probes every URL concurrently and names each failure with its cause', async () => {
    const ok = await server(reply(200, 'fine'));
    const down = await server(reply(503, 'down'));
    const wrongBody = await server(reply(200, 'maintenance'));
    const slow = await server((_req, res) => setTimeout(() => reply(200, 'fine')(_req, res, 0), 3000));
    const refused = await freePort();
    const run = await runAction('smoke-test', {
      inputs: {
        urls: [ok.url, down.url, wrongBody.url, slow.url, `http://127.0.0.1:${refused}/`, 'http://no-such-host.invalid/'].join('\n'),
        'expect-body': 'fine',
        timeout: '2s',
        'request-timeout': '500ms',
        interval: '200ms',
        'max-interval': '400ms',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.result).toBe('failure');
    const byUrl = Object.fromEntries(results(run).map((r) => [r.url as string, r]));
    expect(byUrl[`${ok.url}/`]).toMatchObject({ ok: true, status: 200 });
    expect(byUrl[`${down.url}/`]?.error).toMatch(/^status 503 \(expected 200-299\) after \d+ attempts$/);
    expect(byUrl[`${wrongBody.url}/`]?.error).toMatch(/^status 200 but the body does not match \/fine\/ after \d+ attempts$/);
    expect(byUrl[`${slow.url}/`]?.error).toMatch(/^no complete response within (500|4\d\d)ms after \d+ attempts$/);
    expect(byUrl[`http://127.0.0.1:${refused}/`]?.error).toMatch(/^connection refused after \d+ attempts$/);
    expect(byUrl['http://no-such-host.invalid/']?.error).toMatch(/^DNS lookup failed \(host not found\) after \d+ attempts$/);
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toMatch(/^5 of 6 URLs unhealthy: /);
    expect(error).toContain(`${down.url}/: status 503`);
    expect(error).not.toContain('fetch failed');
    expect(run.summary).toContain('❌ Smoke test: 1 of 6 URLs healthy');
    expect(run.summary.match(/❌ failed/g)).toHaveLength(5);
  });

  it('follows redirects, or judges them when told not to', async () => {
    const target = await server((req, res, n) =>
      req.url === '/old' ? reply(302, '', { location: '/new' })(req, res, n) : reply(200, 'new')(req, res, n),
    );
    const follow = await runAction('smoke-test', { inputs: { urls: `${target.url}/old`, 'expect-body': 'new', ...fast } });
    expect(follow.exitCode).toBe(0);
    const judge = await runAction('smoke-test', {
      inputs: { urls: `${target.url}/old`, 'follow-redirects': 'false', ...fast, timeout: '1s' },
    });
    expect(results(judge)[0]?.error).toMatch(/^status 302 \(expected 200-299\)/);
    const redirectOk = await runAction('smoke-test', {
      inputs: { urls: `${target.url}/old`, 'follow-redirects': 'false', 'expected-status': '301,302', ...fast },
    });
    expect(redirectOk.exitCode).toBe(0);
  });

  it('asks for consecutive successes so a flapping endpoint is not healthy too soon', async () => {
    const pattern = [200, 503, 200, 200, 503, 200, 200, 200];
    const flap = await server((req, res, n) => reply(pattern[n - 1] ?? 200)(req, res, n));
    const run = await runAction('smoke-test', { inputs: { urls: flap.url, 'consecutive-successes': '3', ...fast } });
    expect(run.exitCode).toBe(0);
    expect(results(run)[0]).toMatchObject({ ok: true, attempts: 8 });
    const short = await server((req, res, n) => reply(n % 2 ? 200 : 503)(req, res, n));
    const never = await runAction('smoke-test', { inputs: { urls: short.url, 'consecutive-successes': '2', ...fast, timeout: '1500ms' } });
    expect(never.exitCode).toBe(1);
  });

  it('fails on bad input before any request, naming the input', async () => {
    const s = await server(reply(200));
    const run = await runAction('smoke-test', { inputs: { urls: `${s.url}\nnot-a-url`, ...fast } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([
      expect.objectContaining({ level: 'error', message: expect.stringMatching(/^Input 'urls': 'not-a-url' is not an absolute URL/) }),
    ]);
    expect(s.requests()).toBe(0);
  });
});

describe('smoke-test over TLS with certificates made by openssl', () => {
  let root: Issued;
  let good: TestServer;
  let expired: TestServer;
  beforeAll(async () => {
    const pki = await Pki.create();
    root = await pki.ca('root', { organization: 'Todo Test CA' });
    const leaf = await pki.leaf('good', { commonName: 'localhost', sans: ['localhost', '127.0.0.1'], issuer: root });
    const old = await pki.leaf('old', { commonName: 'localhost', sans: ['localhost'], issuer: root, startDays: -30, endDays: -2 });
    good = await server(reply(200, 'ok'), { tls: { key: leaf.keyPem, cert: leaf.certPem }, host: 'localhost' });
    expired = await server(reply(200, 'ok'), { tls: { key: old.keyPem, cert: old.certPem }, host: 'localhost' });
  });

  it('trusts a private CA given as ca-cert', async () => {
    const run = await runAction('smoke-test', { inputs: { urls: good.url, 'ca-cert': root.certPem, ...fast } });
    expect(run.exitCode).toBe(0);
  });

  it('does not retry an untrusted certificate and says why', async () => {
    const before = good.requests();
    const run = await runAction('smoke-test', { inputs: { urls: good.url, ...fast } });
    expect(run.exitCode).toBe(1);
    expect(results(run)[0]).toMatchObject({ ok: false, attempts: 1, status: null });
    // a private CA the runner does not trust: the hint points to ca-cert, not to a missing intermediate
    expect(results(run)[0]?.error).toMatch(/^certificate issuer is not trusted: .*give its certificate in ca-cert.* \(not retried\)$/);
    expect(good.requests()).toBe(before);
  });

  it('reports an expired certificate in words', async () => {
    const run = await runAction('smoke-test', { inputs: { urls: expired.url, 'ca-cert': root.certPem, ...fast } });
    expect(results(run)[0]?.error).toBe('certificate has expired (not retried)');
  });

  it('skips verification with insecure and warns', async () => {
    const run = await runAction('smoke-test', { inputs: { urls: expired.url, insecure: 'true', ...fast } });
    expect(run.exitCode).toBe(0);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('insecure is true') }),
    );
  });
});

describe('smoke-test secrets', () => {
  it('sends header values and URL credentials but never prints them in any form', async () => {
    const token = 'tok-4f9a8c2e71b3d6a5';
    const password = 'pw-Zx81!q';
    const s = await server((req, res, n) => reply(n === 1 ? 401 : 200, `echo ${req.headers.authorization ?? ''}`)(req, res, n));
    const other = await server(reply(500, 'nope'));
    const withCreds = other.url.replace('http://', `http://deploy:${encodeURIComponent(password)}@`);
    const run = await runAction('smoke-test', {
      inputs: {
        urls: `${s.url}/\n${withCreds}/`,
        headers: `Authorization: Bearer ${token}\nX-Api-Key: ${password}-key`,
        ...fast,
        timeout: '1500ms',
      },
    });
    expect(run.exitCode).toBe(1);
    expect(s.seenHeaders[0]?.authorization).toBe(`Bearer ${token}`);
    expect(other.seenHeaders[0]?.authorization).toBe(`Bearer ${token}`);
    const forbidden = [token, password, `deploy:${password}`, `Bearer ${token}`, `${password}-key`].flatMap(derivedForms);
    for (const form of forbidden) expect(run.everything).not.toContain(form);
    expect(run.masks).toEqual(expect.arrayContaining([`Bearer ${token}`, token]));
    expect(results(run).map((r) => r.url)).toContain(`http://***@127.0.0.1:${other.port}/`);
  });

  it('turns URL credentials into basic authentication', async () => {
    const s = await server((req, res, n) =>
      reply(req.headers.authorization === `Basic ${Buffer.from('u:p@ss').toString('base64')}` ? 200 : 401)(req, res, n),
    );
    const run = await runAction('smoke-test', { inputs: { urls: s.url.replace('http://', 'http://u:p%40ss@'), ...fast, timeout: '1s' } });
    expect(run.exitCode).toBe(0);
  });

  it('masks credential headers only: an ordinary header value stays readable for the rest of the job', async () => {
    const s = await server(reply(200));
    const run = await runAction('smoke-test', {
      inputs: {
        urls: s.url,
        headers: 'X-Other: yes\nX-Trace-Id: trace-0042\nX-Tenant: tenant-blue-17\nX-Session-Id: sess-abcdef',
        'secret-headers': 'x-tenant',
        ...fast,
      },
    });
    expect(run.exitCode).toBe(0);
    expect(run.masks).toEqual(expect.arrayContaining(['tenant-blue-17', 'sess-abcdef']));
    for (const readable of ['yes', 'trace-0042']) expect(run.masks).not.toContain(readable);
  });

  it('sets its result to failure after a bad input too', async () => {
    const run = await runAction('smoke-test', { inputs: { urls: 'https://todo.test/', 'consecutive-successes': '0', ...fast } });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toEqual({ result: 'failure', results: '[]', 'duration-ms': '0' });
  });

  it('never prints URL credentials that make the URL unparseable, or a bad percent-encoding', async () => {
    for (const urls of [
      'https://deploy:pa/55w0rd-x@todo.test/',
      'deploy:pa55w0rd-x@todo.test/health',
      'https://deploy:pa55w0rd-x%zz@todo.test/',
    ]) {
      const run = await runAction('smoke-test', { inputs: { urls, ...fast } });
      expect(run.exitCode).toBe(1);
      expect(run.annotations[0]?.message).toMatch(/^Input 'urls': /);
      expect(run.everything).not.toContain('55w0rd-x');
    }
  });

  it('drops every header it was given on a redirect to another origin', async () => {
    const target = await server(reply(200));
    const start = await server(reply(302, '', { location: `${target.url.replace('127.0.0.1', 'localhost')}/landed` }));
    const run = await runAction('smoke-test', {
      inputs: { urls: `${start.url}/`, headers: 'X-Api-Key: k3y-for-start-only\nX-Trace: t1', ...fast },
    });
    expect(run.exitCode).toBe(0);
    expect(start.seenHeaders[0]?.['x-api-key']).toBe('k3y-for-start-only');
    expect(target.seenHeaders[0]?.['x-api-key']).toBeUndefined();
    expect(target.seenHeaders[0]?.['x-trace']).toBeUndefined();
  });

  it('masks a header secret also in the form the URL parser gives it', async () => {
    const s = await server(reply(503));
    const secret = "k3y'Quote-123";
    const run = await runAction('smoke-test', {
      inputs: { urls: `${s.url}/health?key=${secret}`, headers: `X-Api-Key: ${secret}`, ...fast, timeout: '1s' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.everything).not.toContain('k3y%27Quote-123');
    expect(run.everything).not.toContain(secret);
  });
});
