import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse, count: number) => void;

export interface TestServer {
  port: number;
  url: string;
  /** Requests received so far. */
  requests: () => number;
  /** Header lists of every request received. */
  seenHeaders: Array<IncomingMessage['headers']>;
  close: () => Promise<void>;
  /** HTTPS only: serve another certificate from now on (as when cert-manager replaces one). */
  setTls: (material: TlsMaterial) => void;
}

export interface TlsMaterial {
  key: string;
  /** Leaf first, then any intermediates to serve. */
  cert: string;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** An HTTP (or, with tls, HTTPS) server on 127.0.0.1 that answers with the handler. */
export async function startServer(
  handler: Handler,
  options: { tls?: TlsMaterial; port?: number; host?: string } = {},
): Promise<TestServer> {
  let count = 0;
  const seenHeaders: Array<IncomingMessage['headers']> = [];
  const wrapped = (request: IncomingMessage, response: ServerResponse): void => {
    count += 1;
    seenHeaders.push(request.headers);
    handler(request, response, count);
  };
  const server = options.tls ? createHttpsServer({ ...options.tls }, wrapped) : createHttpServer(wrapped);
  server.keepAliveTimeout = 100;
  const sockets = new Set<import('node:net').Socket>();
  server.on(options.tls ? 'secureConnection' : 'connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  const port = await listen(server, options.port ?? 0);
  const scheme = options.tls ? 'https' : 'http';
  return {
    port,
    url: `${scheme}://${options.host ?? '127.0.0.1'}:${port}`,
    requests: () => count,
    seenHeaders,
    setTls: (material) => {
      if (!('setSecureContext' in server)) throw new Error('setTls: not an HTTPS server');
      (server as import('node:https').Server).setSecureContext({ ...material });
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port that is free now (nothing listens on it), for servers that start late. */
export async function freePort(): Promise<number> {
  const server = createHttpServer();
  const port = await listen(server, 0);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const reply =
  (status: number, body = '', headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain', ...headers });
    response.end(body);
  };
