import type { X509Certificate } from 'node:crypto';
import { extensionValues } from './certificate-der.js';
import {
  children,
  DerError,
  expectTag,
  parseDer,
  readBitString,
  readIntegerHex,
  readSmallInteger,
  readTime,
  Tag,
  type DerNode,
} from './der.js';
import { algorithmOid, verifySignature } from './signed-data.js';

export interface RevokedEntry {
  revokedAt: Date;
  reason: string;
}

export interface Crl {
  issuerRaw: Buffer;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Revoked serial numbers (lower-case hex) and when and why. */
  revoked: Map<string, RevokedEntry>;
  tbs: Buffer;
  signatureOid: string;
  signature: Buffer;
}

/** RFC 5280 CRLReason codes in words (7 is unused). */
const REASONS = [
  'unspecified',
  'key compromise',
  'CA compromise',
  'affiliation changed',
  'superseded',
  'cessation of operation',
  'certificate hold',
  'reason 7',
  'remove from CRL',
  'privilege withdrawn',
  'AA compromise',
];

export const reasonName = (code: number | undefined): string =>
  code === undefined ? 'no reason given' : (REASONS[code] ?? `reason ${code}`);

const REASON_CODE = '2.5.29.21';

const isTime = (node: DerNode | undefined): node is DerNode => node?.tag === Tag.UtcTime || node?.tag === Tag.GeneralizedTime;

function need(node: DerNode | undefined, what: string): DerNode {
  if (!node) throw new DerError(`DER: missing ${what}`);
  return node;
}

/** Parses a DER CertificateList (RFC 5280 section 5). Throws DerError on malformed data. */
export function parseCrl(der: Buffer): Crl {
  const [tbsNode, algorithm, signatureNode] = children(expectTag(parseDer(der), Tag.Sequence, 'a CRL'));
  const tbs = expectTag(tbsNode, Tag.Sequence, 'a CRL body');
  const fields = children(tbs);
  let i = fields[0]?.tag === Tag.Integer ? 2 : 1; // optional version, then the signature algorithm
  const issuer = expectTag(fields[i++], Tag.Sequence, 'a CRL issuer');
  const thisUpdate = readTime(need(fields[i++], 'thisUpdate'));
  const next = fields[i];
  const nextUpdate = isTime(next) ? readTime(next) : undefined;
  if (nextUpdate) i += 1;
  const revoked = new Map<string, RevokedEntry>();
  const list = fields[i];
  if (list?.tag === Tag.Sequence) {
    for (const entry of children(list)) {
      const [serial, date, extensions] = children(entry);
      const reason = extensionValues(extensions).get(REASON_CODE);
      revoked.set(readIntegerHex(need(serial, 'a serial number')), {
        revokedAt: readTime(need(date, 'a revocation date')),
        reason: reasonName(reason ? readSmallInteger(parseDer(reason)) : undefined),
      });
    }
  }
  return {
    issuerRaw: issuer.raw,
    thisUpdate,
    ...(nextUpdate ? { nextUpdate } : {}),
    revoked,
    tbs: tbs.raw,
    signatureOid: algorithmOid(algorithm),
    signature: readBitString(need(signatureNode, 'a signature')),
  };
}

/** Why a CRL cannot be trusted for certificates of this issuer, or undefined when it can. */
export function crlProblem(crl: Crl, issuer: X509Certificate, issuerRaw: Buffer, now: Date): string | undefined {
  if (!crl.issuerRaw.equals(issuerRaw)) return 'the CRL is not from the certificate issuer';
  if (!verifySignature(crl.signatureOid, crl.tbs, crl.signature, issuer.publicKey)) {
    return 'the CRL signature does not verify with the issuer key';
  }
  if (crl.nextUpdate && crl.nextUpdate.getTime() < now.getTime()) {
    return `the CRL is out of date (its next update was due ${crl.nextUpdate.toISOString().slice(0, 10)})`;
  }
  return undefined;
}
