import { X509Certificate } from 'node:crypto';
import {
  children,
  contextTag,
  DerError,
  expectTag,
  parseDer,
  readBitString,
  readIntegerHex,
  readOid,
  readSmallInteger,
  readTime,
  Tag,
} from './der.js';
import { reasonName } from './crl.js';
import { algorithmOid, verifySignature } from './signed-data.js';

export type OcspStatus = { status: 'good' } | { status: 'revoked'; revokedAt: Date; reason: string } | { status: 'unknown' };

export interface OcspAnswer {
  /** The status of the certificate with this serial, when the response covers it. */
  statusOf: (serialHex: string) => OcspStatus | undefined;
  /** Whether the response is signed by the issuer or by a responder the issuer certified for OCSP. */
  signedBy: (issuer: X509Certificate) => boolean;
  nextUpdate?: Date;
}

const BASIC = '1.3.6.1.5.5.7.48.1.1';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
const RESPONSE_STATUS = [
  'successful',
  'malformed request',
  'internal error',
  'try later',
  'status 4',
  'signature required',
  'unauthorized',
];

/** Parses a DER OCSPResponse (RFC 6960) as a TLS server staples it. Throws DerError when it is not one. */
export function parseOcspResponse(der: Buffer): OcspAnswer {
  const [statusNode, bytes] = children(expectTag(parseDer(der), Tag.Sequence, 'an OCSP response'));
  const status = readSmallInteger(expectTag(statusNode, Tag.Enumerated, 'an OCSP response status'));
  if (status !== 0) throw new DerError(`OCSP responder answered: ${RESPONSE_STATUS[status] ?? `status ${status}`}`);
  const [type, octets] = children(
    expectTag(children(expectTag(bytes, contextTag(0), 'response bytes'))[0], Tag.Sequence, 'response bytes'),
  );
  if (readOid(expectTag(type, Tag.Oid, 'a response type')) !== BASIC) throw new DerError('OCSP response is not a basic response');
  const [tbs, algorithm, signatureNode, certsNode] = children(parseDer(expectTag(octets, Tag.OctetString, 'a basic response').value));
  const data = children(expectTag(tbs, Tag.Sequence, 'response data'));
  const responses = data.find((node, index) => index > 0 && node.tag === Tag.Sequence);
  const statuses = new Map<string, OcspStatus>();
  let nextUpdate: Date | undefined;
  for (const single of responses ? children(responses) : []) {
    const [certId, certStatus, , next] = children(single);
    const serial = readIntegerHex(children(expectTag(certId, Tag.Sequence, 'a certificate id'))[3] as never);
    if (certStatus?.tag === contextTag(0, false)) statuses.set(serial, { status: 'good' });
    else if (certStatus?.tag === contextTag(1)) {
      const [time, reason] = children(certStatus);
      const code = reason ? readSmallInteger(children(reason)[0] as never) : undefined;
      statuses.set(serial, { status: 'revoked', revokedAt: readTime(time as never), reason: reasonName(code) });
    } else statuses.set(serial, { status: 'unknown' });
    if (next?.tag === contextTag(0)) nextUpdate = readTime(children(next)[0] as never);
  }
  const signatureOid = algorithmOid(algorithm);
  const signature = readBitString(signatureNode as never);
  const signed = (tbs as never as { raw: Buffer }).raw;
  const embedded = certsNode ? children(children(certsNode)[0] as never).map((c) => new X509Certificate(c.raw)) : [];
  return {
    statusOf: (serialHex) => statuses.get(serialHex),
    signedBy: (issuer) => {
      if (verifySignature(signatureOid, signed, signature, issuer.publicKey)) return true;
      // a delegated responder: certified by the issuer for OCSP signing
      return embedded.some(
        (responder) =>
          responder.verify(issuer.publicKey) &&
          (responder.keyUsage ?? []).includes(OCSP_SIGNING) &&
          verifySignature(signatureOid, signed, signature, responder.publicKey),
      );
    },
    ...(nextUpdate ? { nextUpdate } : {}),
  };
}
