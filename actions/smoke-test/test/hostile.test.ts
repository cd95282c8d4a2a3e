import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { readActionMetadata, runAction, type ActionRun } from '@todo-deploy/harness';
import { HOSTILE_INLINE, HOSTILE_TEXT, MARKER, forgedCommands } from '@todo-deploy/testkit';

// What a server sends (reason phrase, headers, body) is data: printed, it must never become
// a workflow command. A raw TCP server sends what an HTTP library would refuse to.
jest.setTimeout(60_000);

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function rawServer(response: (path: string) => string): Promise<number> {
  const server = createServer((socket) => {
    socket.once('data', (data) => {
      const path = /^\w+ (\S+)/.exec(data.toString('latin1'))?.[1] ?? '/';
      socket.end(response(path), 'latin1');
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

function nothingForged(run: ActionRun): void {
  expect(forgedCommands(run.commands)).toEqual([]);
  expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(readActionMetadata('smoke-test').outputs).sort());
  expect(run.outputs.result).toBe('failure');
  expect(run.state).toEqual({});
}

const fast = { interval: '100ms', 'max-interval': '200ms', timeout: '1500ms', 'request-timeout': '1s' };

describe('smoke-test against a hostile server', () => {
  it('honours nothing in a reason phrase, headers or a body', async () => {
    const body = Buffer.from(HOSTILE_TEXT, 'utf8').toString('latin1');
    const port = await rawServer(
      () =>
        `HTTP/1.1 503 ${HOSTILE_INLINE}\r\nX-Note: ${HOSTILE_INLINE}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\nConnection: close\r\n\r\n${body}`,
    );
    const run = await runAction('smoke-test', { inputs: { urls: `http://127.0.0.1:${port}/health`, 'expect-body': 'never', ...fast } });
    expect(run.exitCode).toBe(1);
    nothingForged(run);
  });

  it('honours nothing in a redirect target', async () => {
    const port = await rawServer((path) =>
      path === '/'
        ? `HTTP/1.1 302 Found\r\nLocation: /x ${HOSTILE_INLINE} ##[error]${MARKER}-location\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`
        : `HTTP/1.1 404 ${HOSTILE_INLINE}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
    );
    const run = await runAction('smoke-test', { inputs: { urls: `http://127.0.0.1:${port}/`, ...fast } });
    expect(run.exitCode).toBe(1);
    nothingForged(run);
  });
});
