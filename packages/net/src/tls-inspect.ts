import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { certificateFacts, type CertificateFacts } from './certificate-facts.js';
import { describeNetworkError, type NetworkFailure } from './describe-error.js';

export interface TlsInspectOptions {
  host: string;
  port: number;
  /** Connect here instead of resolving host; host stays the SNI name and the name checked. */
  connectAddress?: string;
  ca?: string[];
  minVersion: tls.SecureVersion;
  timeoutMs: number;
}

export interface TlsInspection {
  /** Set when no TLS session could be made (refused, timeout, protocol version). */
  failure?: NetworkFailure;
  tlsVersion?: string;
  leaf?: CertificateFacts;
  /** The chain as served, leaf first (subjects only, for diagnostics). */
  chainSubjects?: string[];
  /** The verification code when the chain does not verify against the trusted roots. */
  chainError?: string;
  /** The reason the certificate does not cover the host, when it does not. */
  hostError?: string;
}

/**
 * Opens one TLS session and reports what the server presented: the session is made without
 * rejecting, so that a bad certificate can be described (dates, names) rather than only refused.
 */
export function inspectTls(options: TlsInspectOptions): Promise<TlsInspection> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: TlsInspection): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const socket = tls.connect({
      host: options.connectAddress ?? options.host,
      port: options.port,
      ...(isIP(options.host) ? {} : { servername: options.host }),
      ...(options.ca ? { ca: options.ca } : {}),
      minVersion: options.minVersion,
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      finish({ failure: { code: 'TIMEOUT', message: `no TLS handshake within ${Math.round(options.timeoutMs / 1000)}s`, retryable: true, tls: false } });
    }, options.timeoutMs);
    socket.once('secureConnect', () => {
      const peer = socket.getPeerX509Certificate();
      if (!peer) {
        finish({ failure: { code: 'NO_CERTIFICATE', message: 'server presented no certificate', retryable: true, tls: false } });
        return;
      }
      const detailed = socket.getPeerCertificate(true);
      const chainSubjects: string[] = [];
      for (let link: tls.DetailedPeerCertificate | undefined = detailed; link && chainSubjects.length < 10; ) {
        chainSubjects.push(new X509Certificate(link.raw).subject.replace(/\n/g, ', '));
        link = link.issuerCertificate && link.issuerCertificate !== link ? link.issuerCertificate : undefined;
      }
      const hostOk = isIP(options.host) ? peer.checkIP(options.host) : peer.checkHost(options.host);
      const authError = socket.authorizationError as unknown as Error | string | null;
      const chainError = authError === null || authError === undefined ? undefined : typeof authError === 'string' ? authError : ((authError as Error & { code?: string }).code ?? authError.message);
      finish({
        tlsVersion: socket.getProtocol() ?? undefined,
        leaf: certificateFacts(peer),
        chainSubjects,
        ...(chainError ? { chainError } : {}),
        ...(hostOk === undefined ? { hostError: `certificate is not valid for ${options.host}` } : {}),
      });
    });
    socket.once('error', (error) => finish({ failure: describeNetworkError(error, options.timeoutMs) }));
  });
}
