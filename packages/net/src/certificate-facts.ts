import type { X509Certificate } from 'node:crypto';

export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** Organization and common name of the issuer, for matching an expected issuer. */
  issuerOrganization: string;
  issuerCommonName: string;
  sans: string[];
  notBefore: Date;
  notAfter: Date;
  selfIssued: boolean;
  fingerprint256: string;
  /** As OpenSSL names it: sha256WithRSAEncryption, ecdsa-with-SHA256, sha1WithRSAEncryption... */
  signatureAlgorithm: string;
  /** rsa, ec, ed25519...; with the size of an RSA or DSA modulus, or the EC curve. */
  keyType: string;
  keyBits?: number;
  keyCurve?: string;
  /** URLs of the issuer's certificate (Authority Information Access, CA Issuers). */
  caIssuersUrls: string[];
}

/** Parses an X.509 distinguished name as Node prints it (one attribute per line). */
export function parseDistinguishedName(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return fields;
}

function oneLine(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join(', ');
}

/**
 * The subject or issuer name as Node prints it, '' when it is empty: Node gives undefined for an
 * empty name, and ACME CAs issue leaves with an empty subject (the names only in subjectAltName).
 */
export function nameOf(name: string | undefined): string {
  return name ?? '';
}

/** The facts of a certificate that a person and the checks need. */
export function certificateFacts(cert: X509Certificate): CertificateFacts {
  const issuer = parseDistinguishedName(nameOf(cert.issuer));
  const sans = (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter(Boolean)
    .map((entry) => entry.replace(/^DNS:/, '').replace(/^IP Address:/, ''));
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  return {
    subject: oneLine(nameOf(cert.subject)),
    issuer: oneLine(nameOf(cert.issuer)),
    issuerOrganization: issuer.O ?? '',
    issuerCommonName: issuer.CN ?? '',
    sans,
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    selfIssued: nameOf(cert.subject) === nameOf(cert.issuer),
    fingerprint256: cert.fingerprint256,
    signatureAlgorithm: cert.signatureAlgorithm ?? cert.signatureAlgorithmOid ?? 'unknown',
    keyType: key.asymmetricKeyType ?? 'unknown',
    ...(details.modulusLength !== undefined ? { keyBits: details.modulusLength } : {}),
    ...(details.namedCurve !== undefined ? { keyCurve: details.namedCurve } : {}),
    caIssuersUrls: [...(cert.infoAccess ?? '').matchAll(/^CA Issuers - URI:(\S+)$/gm)].map((m) => m[1] as string),
  };
}
