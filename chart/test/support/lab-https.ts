// Requests to the lab's HTTPS path as a client on the internet would make them: to the lab's
// public address (it stands in for DNS), with the host's name as SNI and Host header, trusting
// only the root of the lab's ACME CA.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { ACME_ISSUER_PREFIX, type LabHttps } from '@todo-deploy/lab';

export interface Answer {
  status: number;
  location?: string;
  body: string;
  contentType?: string;
  /** When each piece of the body arrived, in ms after the response's headers (streams show here). */
  arrivals: number[];
  /** The served certificate's issuer CN and subjectAltName (HTTPS only). */
  issuer?: string;
  subjectAltName?: string;
}

export function ask(https: LabHttps, rootCa: string, url: string): Promise<Answer> {
  const u = new URL(url);
  const tls = u.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const options = {
      host: https.address,
      port: u.port || (tls ? 443 : 80),
      path: u.pathname,
      headers: { host: u.hostname },
      timeout: 5000,
      ...(tls ? { servername: u.hostname, ca: rootCa } : {}),
    };
    const req = (tls ? httpsRequest : httpRequest)(options, (res) => {
      const peer = tls ? (res.socket as TLSSocket).getPeerCertificate() : undefined;
      let body = '';
      const headersAt = Date.now();
      const arrivals: number[] = [];
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
        arrivals.push(Date.now() - headersAt);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          arrivals,
          ...(res.headers['content-type'] ? { contentType: res.headers['content-type'] } : {}),
          ...(res.headers.location ? { location: res.headers.location } : {}),
          ...(peer ? { issuer: String(peer.issuer.CN), subjectAltName: peer.subjectaltname } : {}),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer in 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** verify-cert's inputs for a host of the lab: the lab's address and ACME root, its issuer, 30 days, the redirect. */
export function verifyCertInputs(https: LabHttps, rootCa: string, host: string, timeout: string): Record<string, string> {
  return {
    hosts: host,
    'connect-address': https.address,
    'ca-cert': rootCa,
    'expected-issuer': `^${ACME_ISSUER_PREFIX} `,
    'min-days-remaining': '30',
    'check-redirect': 'true',
    timeout,
    interval: '2s',
  };
}
