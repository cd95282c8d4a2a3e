import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as tls from 'node:tls';
import { certificateFacts, nameOf, type CertificateFacts } from './certificate-facts.js';
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
  /** The certificates the server sent, leaf first, for judging their algorithms and keys. */
  served?: CertificateFacts[];
  /** The verification code when the chain does not verify against the trusted roots. */
  chainError?: string;
  /** The reason the certificate does not cover the host, when it does not. */
  hostError?: string;
  /** DER of the leaf and of its issuer (served or trusted), for the revocation check. */
  leafRaw?: Buffer;
  issuerRaw?: Buffer;
  /** The OCSP response the server stapled, when it sent one. */
  stapledOcsp?: Buffer;
}

/**
 * The client lets every algorithm and key through so that the certificate can be seen and
 * judged by name (SHA-1, RSA 1024) instead of a handshake error; the checks judge them.
 */
const SEE_EVERYTHING = 'DEFAULT:@SECLEVEL=0';
const VERSIONS: readonly tls.SecureVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const VERSION_REFUSED = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
]);

interface Session {
  failure?: NetworkFailure;
  socket?: tls.TLSSocket;
  stapled?: Buffer;
}

/** One handshake; the caller reads the socket and destroys it. */
function handshake(options: TlsInspectOptions, minVersion: tls.SecureVersion): Promise<Session> {
  return new Promise((resolve) => {
    let settled = false;
    let stapled: Buffer | undefined;
    const finish = (session: Session): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!session.socket) socket.destroy();
      resolve(session);
    };
    const socket = tls.connect({
      host: options.connectAddress ?? options.host,
      port: options.port,
      ...(isIP(options.host) ? {} : { servername: options.host }),
      ...(options.ca
        ? { secureContext: secureContextFor(options.ca, minVersion, SEE_EVERYTHING) }
        : { minVersion, ciphers: SEE_EVERYTHING }),
      rejectUnauthorized: false,
      requestOCSP: true,
      // the name is checked below against the subjectAltName only, never the Common Name
      checkServerIdentity: () => undefined,
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
    socket.on('OCSPResponse', (response: Buffer) => {
      stapled = response;
    });
    socket.once('secureConnect', () => finish({ socket, ...(stapled ? { stapled } : {}) }));
    socket.once('error', (error) => finish({ failure: describeNetworkError(error, options.timeoutMs) }));
  });
}

/**
 * After a refused version: the highest version the server speaks, learned with a second
 * handshake that accepts every version, to name what it offers against what is required.
 */
async function versionFailure(options: TlsInspectOptions, failure: NetworkFailure): Promise<NetworkFailure> {
  const probe = await handshake(options, 'TLSv1');
  const offered = probe.socket?.getProtocol();
  probe.socket?.destroy();
  const required = VERSIONS.slice(VERSIONS.indexOf(options.minVersion)).join(' or ');
  const message = offered
    ? `server offers ${offered} at most; ${required} is required (min-tls-version ${options.minVersion})`
    : `server refused every TLS version this client offers (${required} required by min-tls-version; older versions refused too)`;
  return { ...failure, message };
}

/**
 * Opens one TLS session and reports what the server presented: the session is made without
 * rejecting, so that a bad certificate can be described (dates, names) rather than only refused.
 */
export async function inspectTls(options: TlsInspectOptions): Promise<TlsInspection> {
  const session = await handshake(options, options.minVersion);
  if (session.failure) {
    const refused = VERSION_REFUSED.has(session.failure.code);
    return { failure: refused ? await versionFailure(options, session.failure) : session.failure };
  }
  const socket = session.socket as tls.TLSSocket;
  try {
    return describeSession(socket, options.host, session.stapled);
  } catch (error) {
    return {
      failure: { code: 'INSPECT', message: `could not read the certificate: ${(error as Error).message}`, retryable: true, tls: false },
    };
  } finally {
    socket.destroy();
  }
}

/** The served chain, leaf first; stops at a self-issued link or an empty one. */
function chainOf(leaf: tls.DetailedPeerCertificate): X509Certificate[] {
  const certs: X509Certificate[] = [];
  const seen = new Set<string>();
  for (let link: tls.DetailedPeerCertificate | undefined = leaf; link?.raw && certs.length < 10; link = link.issuerCertificate) {
    if (seen.has(link.fingerprint256)) break;
    seen.add(link.fingerprint256);
    certs.push(new X509Certificate(link.raw));
  }
  return certs;
}

function describeSession(socket: tls.TLSSocket, host: string, stapled: Buffer | undefined): TlsInspection {
  const detailed = socket.getPeerCertificate(true);
  const chain = chainOf(detailed);
  const peer = socket.getPeerX509Certificate();
  if (!peer) return { failure: { code: 'NO_CERTIFICATE', message: 'server presented no certificate', retryable: true, tls: false } };
  const hostOk = isIP(host) ? peer.checkIP(host) : peer.checkHost(host, { subject: 'never' });
  const authError = socket.authorizationError as unknown as (Error & { code?: string }) | string | null | undefined;
  const chainError = authError ? (typeof authError === 'string' ? authError : (authError.code ?? authError.message)) : undefined;
  const issuer = chain.find((cert, index) => index > 0 && peer.checkIssued(cert));
  return {
    ...(socket.getProtocol() ? { tlsVersion: socket.getProtocol() as string } : {}),
    leaf: certificateFacts(peer),
    chainSubjects: chain.map((cert) => nameOf(cert.subject).replace(/\n/g, ', ')),
    served: chain.map(certificateFacts),
    ...(chainError ? { chainError } : {}),
    ...(hostOk === undefined ? { hostError: `certificate is not valid for ${host}` } : {}),
    leafRaw: peer.raw,
    ...(issuer ? { issuerRaw: issuer.raw } : {}),
    ...(stapled ? { stapledOcsp: stapled } : {}),
  };
}
