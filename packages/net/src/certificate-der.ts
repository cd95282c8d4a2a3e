import { children, contextTag, expectTag, parseDer, readIntegerHex, readOid, Tag, type DerNode } from './der.js';

/** What Node's X509Certificate does not tell: the serial as bytes, the issuer name as DER, the CRL URLs. */
export interface CertificateDer {
  serialHex: string;
  issuerRaw: Buffer;
  subjectRaw: Buffer;
  /** http(s) URLs of the CRL Distribution Points extension, in order. */
  crlUrls: string[];
}

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

/** The values of a SEQUENCE OF Extension, by OID. */
export function extensionValues(extensions: DerNode | undefined): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  if (!extensions) return found;
  for (const extension of children(expectTag(extensions, Tag.Sequence, 'extensions'))) {
    const parts = children(extension);
    const value = parts.at(-1);
    if (parts[0] && value?.tag === Tag.OctetString) found.set(readOid(parts[0]), value.value);
  }
  return found;
}

function crlUrls(value: Buffer | undefined): string[] {
  if (!value) return [];
  const urls: string[] = [];
  for (const point of children(parseDer(value))) {
    const name = children(point).find((part) => part.tag === contextTag(0));
    const fullName = name ? children(name).find((part) => part.tag === contextTag(0)) : undefined;
    for (const general of fullName ? children(fullName) : []) {
      // uniformResourceIdentifier [6] IMPLICIT IA5String
      if (general.tag === contextTag(6, false)) urls.push(general.value.toString('latin1'));
    }
  }
  return urls.filter((url) => /^https?:\/\//i.test(url));
}

export function readCertificateDer(der: Buffer): CertificateDer {
  const tbs = expectTag(children(parseDer(der))[0], Tag.Sequence, 'a certificate');
  const fields = children(tbs);
  const offset = fields[0]?.tag === contextTag(0) ? 1 : 0;
  const serial = fields[offset] as DerNode;
  const issuer = expectTag(fields[offset + 2], Tag.Sequence, 'an issuer name');
  const subject = expectTag(fields[offset + 4], Tag.Sequence, 'a subject name');
  const wrapper = fields.find((f) => f.tag === contextTag(3));
  const extensions = extensionValues(wrapper ? children(wrapper)[0] : undefined);
  return {
    serialHex: readIntegerHex(serial),
    issuerRaw: issuer.raw,
    subjectRaw: subject.raw,
    crlUrls: crlUrls(extensions.get(CRL_DISTRIBUTION_POINTS)),
  };
}
