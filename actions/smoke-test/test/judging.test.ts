import { gzipSync } from 'node:zlib';
import { describe, expect, it, jest } from '@jest/globals';
import { runAction } from '@todo-deploy/harness';
import { reply } from '@todo-deploy/testkit';
import { results, serverPool } from './support.js';

// How smoke-test judges answers, run as the runner runs the bundle against loopback servers.
jest.setTimeout(60_000);
const server = serverPool();
const fast = { interval: '100ms', 'max-interval': '200ms', timeout: '3s', 'request-timeout': '2s' };

describe('smoke-test judging', () => {
  it('asks for compressed bodies and matches expect-body against the decoded text', async () => {
    const s = await server((req, res) => {
      const gzip = String(req.headers['accept-encoding'] ?? '').includes('gzip');
      res.writeHead(200, gzip ? { 'content-encoding': 'gzip' } : {});
      res.end(gzip ? gzipSync('{"status": "ok"}') : 'not asked for gzip');
    });
    const run = await runAction('smoke-test', { inputs: { urls: s.url, 'expect-body': '"status":\\s*"ok"', ...fast } });
    expect(run.exitCode).toBe(0);
    expect(results(run)[0]).toMatchObject({ ok: true, attempts: 1 });
  });

  it('follows a chain of exactly 10 redirects, and fails 11 as too many', async () => {
    const s = await server((req, res, n) => {
      const left = Number(/\/hop\/(\d+)/.exec(req.url ?? '')?.[1] ?? '0');
      return left === 0 ? reply(200, 'end')(req, res, n) : reply(302, '', { location: `/hop/${left - 1}` })(req, res, n);
    });
    const ten = await runAction('smoke-test', { inputs: { urls: `${s.url}/hop/10`, ...fast } });
    expect(ten.exitCode).toBe(0);
    const eleven = await runAction('smoke-test', { inputs: { urls: `${s.url}/hop/11`, ...fast, timeout: '1s' } });
    expect(eleven.exitCode).toBe(1);
    expect(results(eleven)[0]?.error).toMatch(/^too many redirects \(more than 10\) after \d+ attempts?$/);
  });

  it('fails at once on a final status (401) and says so in one line, with one attempt', async () => {
    const s = await server(reply(401, 'who are you'));
    const run = await runAction('smoke-test', { inputs: { urls: s.url, ...fast, timeout: '30s' } });
    expect(run.exitCode).toBe(1);
    expect(results(run)[0]).toMatchObject({
      attempts: 1,
      error: 'status 401 (expected 200-299; a final answer, see final-status) (not retried)',
    });
    expect(run.stdout).toContain('(1 attempt, ');
    const retried = await runAction('smoke-test', { inputs: { urls: s.url, ...fast, timeout: '3s', 'final-status': 'none' } });
    expect(Number(results(retried)[0]?.attempts)).toBeGreaterThan(1);
  });

  it('says https:// against a plain HTTP port in words, on one line everywhere', async () => {
    const s = await server(reply(200));
    const run = await runAction('smoke-test', { inputs: { urls: s.url.replace('http://', 'https://'), ...fast, timeout: '1s' } });
    expect(run.exitCode).toBe(1);
    const error = run.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toContain('the server did not answer in TLS (is this port plain HTTP? then use http://)');
    expect(error).not.toMatch(/\n|SSL routines|deps\/openssl/);
    expect(run.summary).not.toMatch(/SSL routines|<br>/);
  });

  it('names itself in User-Agent, and a User-Agent header of the user wins', async () => {
    const s = await server(reply(200));
    await runAction('smoke-test', {
      inputs: { urls: s.url, ...fast },
      context: { GITHUB_ACTION_REF: 'v1', GITHUB_ACTION_REPOSITORY: 'octo/todo-deploy' },
    });
    expect(s.seenHeaders.at(-1)?.['user-agent']).toBe('todo-deploy-smoke-test/v1 (+https://github.com/octo/todo-deploy)');
    await runAction('smoke-test', { inputs: { urls: s.url, headers: 'User-Agent: mine/2', ...fast } });
    expect(s.seenHeaders.at(-1)?.['user-agent']).toBe('mine/2');
  });

  it('matches only the first body-limit bytes', async () => {
    const s = await server(reply(200, `${'x'.repeat(2048)}"status":"ok"`));
    const cut = await runAction('smoke-test', {
      inputs: { urls: s.url, 'expect-body': '"status":"ok"', 'body-limit': '1KiB', ...fast, timeout: '1s' },
    });
    expect(cut.exitCode).toBe(1);
    const whole = await runAction('smoke-test', { inputs: { urls: s.url, 'expect-body': '"status":"ok"', ...fast } });
    expect(whole.exitCode).toBe(0);
  });

  it('probes a host name through connect-address, keeping it as the Host', async () => {
    const s = await server(reply(200));
    const run = await runAction('smoke-test', {
      inputs: { urls: `http://todo.lab.invalid:${s.port}/health`, 'connect-address': '127.0.0.1', ...fast },
    });
    expect(run.exitCode).toBe(0);
    expect(s.seenHeaders.at(-1)?.host).toBe(`todo.lab.invalid:${s.port}`);
  });

  it('reads plain seconds as seconds', async () => {
    const s = await server(reply(503));
    const run = await runAction('smoke-test', { inputs: { urls: s.url, ...fast, timeout: '3' } });
    expect(run.exitCode).toBe(1);
    // 3 read as milliseconds would end after the first attempt
    expect(Number(results(run)[0]?.attempts)).toBeGreaterThan(3);
  });
});
