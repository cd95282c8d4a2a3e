import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { certificateFacts, type CertificateFacts } from './certificate-facts.js';
import { describeNetworkError, type NetworkFailure } from './describe-error.js';
import { secureContextFor } from './trust.js';

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
      ...(options.ca ? { secureContext: secureContextFor(options.ca, options.minVersion) } : { minVersion: options.minVersion }),
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      finish({
        failure: {
          code: 'TIMEOUT',
          message: `no TLS handshake within ${Math.round(options.timeoutMs / 1000)}s`,
          retryable: true,
          tls: false,
        },
      });
    }, options.timeoutMs);
    socket.once('secureConnect', () => {
      try {
        finish(describeSession(socket, options.host));
      } catch (error) {
        finish({
          failure: { code: 'INSPECT', message: `could not read the certificate: ${(error as Error).message}`, retryable: true, tls: false },
        });
      }
    });
    socket.once('error', (error) => finish({ failure: describeNetworkError(error, options.timeoutMs) }));
  });
}

/** The served chain, leaf first, as subjects; stops at a self-issued link or an empty one. */
function chainSubjects(leaf: tls.DetailedPeerCertificate): string[] {
  const subjects: string[] = [];
  const seen = new Set<string>();
  for (let link: tls.DetailedPeerCertificate | undefined = leaf; link?.raw && subjects.length < 10; link = link.issuerCertificate) {
    if (seen.has(link.fingerprint256)) break;
    seen.add(link.fingerprint256);
    subjects.push(new X509Certificate(link.raw).subject.replace(/\n/g, ', '));
  }
  return subjects;
}

function describeSession(socket: tls.TLSSocket, host: string): TlsInspection {
  const served = chainSubjects(socket.getPeerCertificate(true));
  const peer = socket.getPeerX509Certificate();
  if (!peer) return { failure: { code: 'NO_CERTIFICATE', message: 'server presented no certificate', retryable: true, tls: false } };
  const hostOk = isIP(host) ? peer.checkIP(host) : peer.checkHost(host);
  const authError = socket.authorizationError as unknown as (Error & { code?: string }) | string | null | undefined;
  const chainError = authError ? (typeof authError === 'string' ? authError : (authError.code ?? authError.message)) : undefined;
  return {
    ...(socket.getProtocol() ? { tlsVersion: socket.getProtocol() as string } : {}),
    leaf: certificateFacts(peer),
    chainSubjects: served,
    ...(chainError ? { chainError } : {}),
    ...(hostOk === undefined ? { hostError: `certificate is not valid for ${host}` } : {}),
  };
}
