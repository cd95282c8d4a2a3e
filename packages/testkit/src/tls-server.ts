import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface StaplingOptions {
  key: string;
  /** Leaf first, then any intermediates to serve. */
  cert: string;
  /** The DER OCSP response stapled to every handshake whose client asks for one. */
  ocspResponse?: Buffer;
  /** OpenSSL cipher string, such as DEFAULT:@SECLEVEL=0 to serve SHA-1 or RSA 1024 certificates. */
  ciphers?: string;
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

export interface TlsTestServer {
  port: number;
  /** OCSP responses requested by clients so far. */
  ocspRequests: () => number;
  close: () => Promise<void>;
}

/** An HTTPS server on 127.0.0.1 that answers 200 and can staple an OCSP response and serve weak certificates. */
export async function startTlsServer(options: StaplingOptions): Promise<TlsTestServer> {
  const { ocspResponse, ...tlsOptions } = options;
  const server: Server = createServer({ ...tlsOptions }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('ok');
  });
  let requests = 0;
  server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, callback: (error: Error | null, response?: Buffer) => void) => {
    requests += 1;
    callback(null, ocspResponse);
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    ocspRequests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
