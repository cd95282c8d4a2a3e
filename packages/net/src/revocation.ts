import { X509Certificate } from 'node:crypto';
import { readCertificateDer } from './certificate-der.js';
import { crlProblem, parseCrl, type Crl } from './crl.js';
import { describeNetworkError } from './describe-error.js';
import { parseOcspResponse } from './ocsp.js';

export type RevocationMode = 'warn' | 'strict' | 'off';

export interface RevocationVerdict {
  /** good: a signed source says so; revoked; unknown: no source could be read; none: the certificate names none. */
  status: 'good' | 'revoked' | 'unknown' | 'none';
  /** In words, one line: how it was checked, or why it could not be. */
  detail: string;
  revokedAt?: Date;
  reason?: string;
}

export interface RevocationCheck {
  leafRaw: Buffer;
  issuerRaw: Buffer;
  /** The OCSP response the server stapled, if any. */
  stapled?: Buffer;
  /** Limit of one CRL download. */
  timeoutMs: number;
  now?: Date;
}

const MAX_CRL_BYTES = 32 * 1024 * 1024;

/** CRLs fetched in this run, by URL: twenty hosts under one CA download its CRL once. */
const crls = new Map<string, Promise<Crl>>();

async function download(url: string, timeoutMs: number): Promise<Crl> {
  let body: Buffer;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (response.status !== 200) throw new Error(`answered ${response.status}`);
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    const message =
      error instanceof Error && /^answered \d+$/.test(error.message) ? error.message : describeNetworkError(error, timeoutMs).message;
    throw new Error(message, { cause: error });
  }
  if (body.length > MAX_CRL_BYTES) throw new Error(`is larger than ${MAX_CRL_BYTES / 1024 / 1024} MiB`);
  const pem = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(body.toString('latin1'));
  try {
    return parseCrl(pem ? Buffer.from(pem[1] as string, 'base64') : body);
  } catch {
    throw new Error('is not a CRL (DER or PEM)');
  }
}

export function fetchCrl(url: string, timeoutMs: number): Promise<Crl> {
  let pending = crls.get(url);
  if (!pending) {
    pending = download(url, timeoutMs);
    crls.set(url, pending);
  }
  return pending;
}

const day = (date: Date): string => date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

const revoked = (revokedAt: Date, reason: string, source: string): RevocationVerdict => ({
  status: 'revoked',
  detail: `certificate was revoked on ${day(revokedAt)} (reason: ${reason}), says ${source}`,
  revokedAt,
  reason,
});

/**
 * Whether the leaf is revoked, as clients check today: the OCSP response the server
 * stapled when there is one (signed by the issuer), else the CRL of the leaf's CRL
 * Distribution Points (signed by the issuer, fetched once per run).
 */
export async function checkRevocation(check: RevocationCheck): Promise<RevocationVerdict> {
  const now = check.now ?? new Date();
  const leaf = readCertificateDer(check.leafRaw);
  const issuer = new X509Certificate(check.issuerRaw);
  const notes: string[] = [];
  if (check.stapled && check.stapled.length > 0) {
    try {
      const answer = parseOcspResponse(check.stapled);
      const status = answer.statusOf(leaf.serialHex);
      if (!answer.signedBy(issuer)) notes.push('the stapled OCSP response is not signed by the issuer');
      else if (answer.nextUpdate && answer.nextUpdate.getTime() < now.getTime()) notes.push('the stapled OCSP response is out of date');
      else if (status?.status === 'good') return { status: 'good', detail: 'not revoked (stapled OCSP response)' };
      else if (status?.status === 'revoked') return revoked(status.revokedAt, status.reason, 'the stapled OCSP response');
      else notes.push('the stapled OCSP response does not know the certificate');
    } catch (error) {
      notes.push(`the stapled OCSP response does not parse (${(error as Error).message})`);
    }
  }
  if (leaf.crlUrls.length === 0) {
    return notes.length > 0
      ? { status: 'unknown', detail: `revocation not checked: ${notes.join('; ')}, and the certificate names no CRL` }
      : { status: 'none', detail: 'revocation not checked: the certificate names no CRL and the server staples no OCSP response' };
  }
  const issuerRaw = readCertificateDer(check.issuerRaw);
  for (const url of leaf.crlUrls) {
    let crl: Crl;
    try {
      crl = await fetchCrl(url, check.timeoutMs);
    } catch (error) {
      notes.push(`CRL ${url} ${(error as Error).message}`);
      continue;
    }
    // the leaf's issuer name is the CRL's issuer name; the key is that of the issuer certificate
    const problem = crlProblem(crl, issuer, issuerRaw.subjectRaw, now);
    if (problem) {
      notes.push(`CRL ${url}: ${problem}`);
      continue;
    }
    const entry = crl.revoked.get(leaf.serialHex);
    if (entry) return revoked(entry.revokedAt, entry.reason, `CRL ${url}`);
    return { status: 'good', detail: `not revoked (CRL ${url})` };
  }
  return { status: 'unknown', detail: `revocation could not be checked: ${notes.join('; ')}` };
}
