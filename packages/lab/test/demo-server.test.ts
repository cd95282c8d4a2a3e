import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked, runProcess } from '@todo-deploy/process';

// The lab's stand-in service binaries (packages/lab/images), built once and run as real
// processes on free ports, spoken to over real HTTP.

const imagesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'images');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let binDir = '';
const bin = (name: 'demo-server' | 'pause') => join(binDir, name);

beforeAll(async () => {
  binDir = await mkdtemp(join(tmpdir(), 'lab-images-'));
  await runChecked(['go', 'build', '-o', `${binDir}/`, './cmd/demo-server', './cmd/pause'], {
    cwd: imagesDir,
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-trimpath -buildvcs=false', GOTOOLCHAIN: 'local' },
    timeoutMs: 110_000,
  });
}, 120_000);

afterAll(async () => {
  if (binDir) await rm(binDir, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Running {
  child: ChildProcess;
  pid: number;
  port: number;
  startedAt: number;
  output: { stdout: string; stderr: string };
  exited: Promise<Exit>;
  exit: Exit | undefined;
}

const running = new Set<Running>();

afterEach(async () => {
  for (const proc of running) {
    if (proc.exit === undefined) process.kill(proc.pid, 'SIGKILL');
    await proc.exited;
  }
  running.clear();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts a binary with only the given environment (as in an image FROM scratch). */
async function start(name: 'demo-server' | 'pause', env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const child = spawn(bin(name), [], {
    env: { DEMO_SERVICE: 'backend', DEMO_VERSION: '1.2.3', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const proc: Running = {
    child,
    pid: 0,
    port,
    startedAt: Date.now(),
    output,
    exit: undefined,
    exited: new Promise<Exit>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => {
        proc.exit = { code, signal };
        resolve(proc.exit);
      });
    }),
  };
  if (child.pid === undefined) throw new Error(`${name} did not start: ${String(await proc.exited.catch((e: unknown) => e))}`);
  proc.pid = child.pid;
  running.add(proc);
  return proc;
}

async function waitExit(proc: Running, timeoutMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`pid ${proc.pid} still running after ${timeoutMs} ms:\n${proc.output.stdout}`)), timeoutMs);
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function get(proc: Running, path: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${proc.port}${path}`, init);
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** The errno code of a failed fetch (ECONNREFUSED, ECONNRESET...), or its message. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? String(error);
}

/** Polls until the server answers anything over HTTP; fails at once when it exits. */
async function ready(proc: Running, timeoutMs = 10_000): Promise<Running> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.exit) throw new Error(`exited with ${proc.exit.code} before listening:\n${proc.output.stderr}`);
    try {
      await get(proc, '/version');
      return proc;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`not listening after ${timeoutMs} ms (${networkCode(error)})`, { cause: error });
    }
    await sleep(50);
  }
}

const metricLines = (body: string) => body.split('\n').filter((l) => l.startsWith('http_requests_total{'));

describe('demo-server', () => {
  it('answers the health paths, the page, the version, 404 and 405', async () => {
    const proc = await ready(await start('demo-server'));
    for (const path of ['/health', '/api/health', '/healthz', '/readyz']) {
      const answer = await get(proc, path);
      expect([path, answer.status, answer.headers.get('content-type')]).toEqual([path, 200, 'application/json']);
      expect(JSON.parse(answer.body)).toEqual({ status: 'ok', service: 'backend', version: '1.2.3' });
    }
    const head = await get(proc, '/health', { method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);

    const page = await get(proc, '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>Todo backend</title>');
    expect(page.body).toContain('1.2.3');

    const version = await get(proc, '/version');
    expect([version.status, version.body]).toEqual([200, 'backend 1.2.3\n']);

    expect((await get(proc, '/nope')).status).toBe(404);
    expect((await get(proc, '/health/')).status).toBe(404);

    const post = await get(proc, '/health', { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');

    expect(proc.output.stdout).toContain(`demo-server backend 1.2.3 listening on :${proc.port}\n`);
    expect(proc.output.stderr).toBe('');
  }, 20_000);

  it('streams /sse/stream as three Server-Sent Events, 300 ms apart, each sent on its own', async () => {
    const proc = await ready(await start('demo-server'));
    const response = await fetch(`http://127.0.0.1:${proc.port}/sse/stream`);
    expect([response.status, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([
      200,
      'text/event-stream',
      'no-cache',
    ]);
    const decoder = new TextDecoder();
    const arrivals: Array<{ at: number; text: string }> = [];
    const started = Date.now();
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      arrivals.push({ at: Date.now() - started, text: decoder.decode(chunk, { stream: true }) });
    }
    const body = arrivals.map((a) => a.text).join('');
    expect(body).toBe([1, 2, 3].map((n) => `id: ${n}\nevent: tick\ndata: {"service":"backend","n":${n}}\n\n`).join(''));
    // not one burst at the end: the last event comes at least two gaps after the first
    expect(arrivals.length).toBeGreaterThanOrEqual(2);
    expect((arrivals.at(-1)?.at ?? 0) - (arrivals[0]?.at ?? 0)).toBeGreaterThanOrEqual(500);
    const metrics = await get(proc, '/metrics');
    expect(metrics.body).toContain('path="/sse/stream",status="200"} 1');
  }, 20_000);

  it('lists the names of its environment at /env, sorted, and never a value', async () => {
    const secret = 'hunter2-never-shown';
    const proc = await ready(await start('demo-server', { APP_SECRET: secret, EMPTY: '', WITH_EQUALS: 'a=b=c' }));
    const answer = await get(proc, '/env');
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'application/json']);
    expect(JSON.parse(answer.body)).toEqual(['APP_SECRET', 'DEMO_SERVICE', 'DEMO_VERSION', 'EMPTY', 'PORT', 'WITH_EQUALS']);
    expect(answer.body).not.toContain(secret);
    expect(answer.body).not.toContain('a=b');
    expect((await get(proc, '/metrics')).body).toContain('path="/env",status="200"} 1');
  }, 20_000);

  it('counts every answered request in /metrics by path and status, other paths as "other"', async () => {
    const proc = await ready(await start('demo-server'));
    // ready() asked /version once
    for (const path of ['/health', '/health', '/health', '/api/health', '/', '/nope', '/no/such/path']) await get(proc, path);
    await get(proc, '/readyz', { method: 'DELETE' });

    const first = await get(proc, '/metrics');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(metricLines(first.body)).toEqual([
      'http_requests_total{service="backend",path="/",status="200"} 1',
      'http_requests_total{service="backend",path="/api/health",status="200"} 1',
      'http_requests_total{service="backend",path="/health",status="200"} 3',
      'http_requests_total{service="backend",path="/readyz",status="405"} 1',
      'http_requests_total{service="backend",path="/version",status="200"} 1',
      'http_requests_total{service="backend",path="other",status="404"} 2',
    ]);
    const lines = first.body.split('\n');
    expect(lines).toContain('# TYPE http_requests_total counter');
    expect(lines.some((l) => l.startsWith('# HELP http_requests_total '))).toBe(true);
    expect(lines).toContain('# TYPE demo_ready gauge');
    expect(lines).toContain('demo_ready{service="backend"} 1');
    expect(lines).toContain('# TYPE process_start_time_seconds gauge');
    const startLine = lines.find((l) => l.startsWith('process_start_time_seconds '));
    const startSeconds = Number(startLine?.split(' ')[1]);
    expect(startSeconds).toBeGreaterThan(proc.startedAt / 1000 - 5);
    expect(startSeconds).toBeLessThanOrEqual(Date.now() / 1000);

    // the scrape itself is counted once it was answered
    const second = await get(proc, '/metrics');
    expect(metricLines(second.body)).toContain('http_requests_total{service="backend",path="/metrics",status="200"} 1');
  }, 20_000);

  it('escapes label values per the exposition format', async () => {
    const proc = await ready(await start('demo-server', { DEMO_SERVICE: 'we"ird\\name' }));
    const body = (await get(proc, '/metrics')).body;
    expect(metricLines(body)).toEqual(['http_requests_total{service="we\\"ird\\\\name",path="/version",status="200"} 1']);
    expect(body).toContain('demo_ready{service="we\\"ird\\\\name"} 1');
  }, 20_000);

  it('DEMO_NEVER_READY answers 503 on the health paths and reports demo_ready 0', async () => {
    const proc = await ready(await start('demo-server', { DEMO_NEVER_READY: '1' }));
    for (const path of ['/health', '/api/health', '/healthz', '/readyz']) {
      const answer = await get(proc, path);
      expect([path, answer.status]).toEqual([path, 503]);
      expect(JSON.parse(answer.body)).toEqual({ status: 'not ready' });
    }
    expect((await get(proc, '/')).status).toBe(200);
    const body = (await get(proc, '/metrics')).body;
    expect(body).toContain('demo_ready{service="backend"} 0\n');
    expect(metricLines(body)).toContain('http_requests_total{service="backend",path="/health",status="503"} 1');
    expect(proc.output.stdout).toContain('DEMO_NEVER_READY=1');
  }, 20_000);

  it('DEMO_CRASH_AT_START exits 1 with one line on stderr, before listening', async () => {
    const result = await runProcess([bin('demo-server')], {
      env: { DEMO_SERVICE: 'backend', PORT: String(await freePort()), DEMO_CRASH_AT_START: '1' },
      timeoutMs: 10_000,
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('demo-server backend: crashing at start because DEMO_CRASH_AT_START=1\n');
    expect(result.stdout).not.toContain('listening');
  }, 20_000);

  it('DEMO_EXIT_AFTER=1s listens, then exits 1 after about a second', async () => {
    const proc = await ready(await start('demo-server', { DEMO_EXIT_AFTER: '1s' }));
    expect(await waitExit(proc, 5_000)).toEqual({ code: 1, signal: null });
    expect(Date.now() - proc.startedAt).toBeGreaterThanOrEqual(900);
    expect(proc.output.stderr).toContain('demo-server backend: exiting with status 1 because DEMO_EXIT_AFTER=1s has passed');
  }, 20_000);

  it('DEMO_START_DELAY=2s refuses connections at first and answers 200 later', async () => {
    const proc = await start('demo-server', { DEMO_START_DELAY: '2s' });
    await sleep(200);
    const early = await get(proc, '/health').then(
      (answer) => `answered ${answer.status}`,
      (error: unknown) => networkCode(error),
    );
    expect(early).toBe('ECONNREFUSED');
    await ready(proc);
    expect(Date.now() - proc.startedAt).toBeGreaterThanOrEqual(1_900);
    expect((await get(proc, '/health')).status).toBe(200);
    expect(proc.output.stdout).toContain('DEMO_START_DELAY=2s');
  }, 20_000);

  it('DEMO_ERROR_RATE=0.5 fails exactly every second request and counts the 503s', async () => {
    const proc = await ready(await start('demo-server', { DEMO_ERROR_RATE: '0.5' }));
    // ready() took request 1 (/version, answered 200); the next ten are requests 2..11
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(proc, '/health')).status);
    expect(statuses).toEqual([503, 200, 503, 200, 503, 200, 503, 200, 503, 200]);
    const injected = await get(proc, '/health');
    expect([injected.status, injected.body]).toEqual([503, 'injected error\n']);
    const metrics = await get(proc, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metricLines(metrics.body)).toEqual([
      'http_requests_total{service="backend",path="/health",status="200"} 5',
      'http_requests_total{service="backend",path="/health",status="503"} 6',
      'http_requests_total{service="backend",path="/version",status="200"} 1',
    ]);
  }, 20_000);

  it('DEMO_ERROR_RATE=1 fails every request but /metrics', async () => {
    const proc = await start('demo-server', { DEMO_ERROR_RATE: '1' });
    await ready(proc);
    const statuses: number[] = [];
    for (const path of ['/health', '/', '/version', '/nope', '/health', '/readyz']) statuses.push((await get(proc, path)).status);
    expect(statuses).toEqual([503, 503, 503, 503, 503, 503]);
    const metrics = await get(proc, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metricLines(metrics.body)).toContain('http_requests_total{service="backend",path="other",status="503"} 1');
    expect(metricLines(metrics.body)).toContain('http_requests_total{service="backend",path="/health",status="503"} 2');
  }, 20_000);

  it.each([
    ['DEMO_ERROR_RATE', '1.5'],
    ['DEMO_ERROR_RATE', 'half'],
    ['DEMO_START_DELAY', 'soon'],
    ['DEMO_EXIT_AFTER', '-1s'],
    ['DEMO_ALLOCATE_MB', '-1'],
    ['DEMO_NEVER_READY', 'yes'],
    ['DEMO_CRASH_AT_START', '2'],
    ['DEMO_WORK', '11s'],
    ['PORT', '0'],
  ])(
    'rejects %s=%s with exit 2 and a message naming the variable',
    async (name, value) => {
      const result = await runProcess([bin('demo-server')], {
        env: { DEMO_SERVICE: 'backend', PORT: String(await freePort()), [name]: value },
        timeoutMs: 10_000,
      });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`demo-server backend: ${name}="${value}" is invalid: expected `);
      expect(result.stdout).toBe('');
    },
    20_000,
  );

  it('DEMO_ALLOCATE_MB=64 keeps at least 64 MiB resident', async () => {
    const proc = await ready(await start('demo-server', { DEMO_ALLOCATE_MB: '64' }));
    const status = await readFile(`/proc/${proc.pid}/status`, 'utf8');
    const rssKiB = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]);
    expect(rssKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(proc.output.stdout).toContain('allocated and touched 64 MiB');
  }, 20_000);

  it('/work burns DEMO_WORK of CPU per request (what an HPA sees), counted in its metrics', async () => {
    const proc = await ready(await start('demo-server', { DEMO_WORK: '300ms' }));
    // utime + stime of /proc/<pid>/stat, in clock ticks (100 a second here)
    const cpuTicks = async () => {
      const stat = await readFile(`/proc/${proc.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(fields[11]) + Number(fields[12]);
    };
    const before = await cpuTicks();
    const answers = await Promise.all([get(proc, '/work'), get(proc, '/work')]);
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, 'worked 300ms\n'],
      [200, 'worked 300ms\n'],
    ]);
    expect((await cpuTicks()) - before).toBeGreaterThanOrEqual(50); // 600 ms of CPU asked; at least 500 ms used
    expect((await get(proc, '/metrics')).body).toContain('http_requests_total{service="backend",path="/work",status="200"} 2');
  }, 20_000);

  it('stops gracefully on SIGTERM: exit 0, and a keep-alive request loop sees no failure before it', async () => {
    const proc = await ready(await start('demo-server'));
    const results: { afterSignal: boolean; status?: number; error?: string }[] = [];
    let signalled = false;
    for (let i = 0; i < 200 && !proc.exit; i++) {
      try {
        results.push({ afterSignal: signalled, status: (await get(proc, '/health')).status });
      } catch (error) {
        results.push({ afterSignal: signalled, error: networkCode(error) });
        if (signalled) break;
      }
      if (i === 19) {
        // between two requests, while the keep-alive connection is idle
        signalled = true;
        process.kill(proc.pid, 'SIGTERM');
      }
      await sleep(50);
    }
    expect(await waitExit(proc, 12_000)).toEqual({ code: 0, signal: null });
    const before = results.filter((r) => !r.afterSignal);
    expect(before).toHaveLength(20);
    expect(before.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.status !== undefined).every((r) => r.status === 200)).toBe(true);
    expect(proc.output.stdout).toContain('shutting down');
    expect(proc.output.stderr).toBe('');
  }, 30_000);
});

describe('pause', () => {
  it('stays alive and exits 0 on SIGTERM', async () => {
    const proc = await start('pause');
    await sleep(1_000);
    expect(proc.exit).toBeUndefined();
    process.kill(proc.pid, 'SIGTERM');
    expect(await waitExit(proc, 5_000)).toEqual({ code: 0, signal: null });
  }, 20_000);

  it('exits 0 on SIGINT too', async () => {
    const proc = await start('pause');
    await sleep(200);
    process.kill(proc.pid, 'SIGINT');
    expect(await waitExit(proc, 5_000)).toEqual({ code: 0, signal: null });
  }, 20_000);
});
