import type { CertificateFacts, TlsInspection } from '@todo-deploy/net';
import { tlsReason } from '@todo-deploy/net';
import type { CertPolicy } from './inputs.js';

const DAY_MS = 86_400_000;

export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

export function daysRemaining(leaf: CertificateFacts, now: Date): number {
  return Math.floor((leaf.notAfter.getTime() - now.getTime()) / DAY_MS);
}

function window(leaf: CertificateFacts): string {
  return `valid ${isoDay(leaf.notBefore)} to ${isoDay(leaf.notAfter)}`;
}

/** Why the chain did not verify, in words with the dates and names that explain it. */
function chainProblem(code: string, leaf: CertificateFacts, served: readonly CertificateFacts[]): string {
  const top = served.at(-1) ?? leaf;
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `certificate expired on ${isoDay(leaf.notAfter)} (${window(leaf)})`;
    case 'CERT_NOT_YET_VALID':
      return `certificate is not valid until ${isoDay(leaf.notBefore)} (${window(leaf)})`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `certificate is self-signed (subject ${leaf.subject}, ${window(leaf)})`;
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      // only the leaf came and its issuer is unknown: a public CA names where its intermediate is
      return leaf.caIssuersUrls.length > 0
        ? `certificate chain is incomplete: the server does not send the intermediate '${leaf.issuer}' (the certificate names it at ${leaf.caIssuersUrls[0]}); serve the full chain`
        : `certificate issuer '${leaf.issuer}' is not trusted and the server sends no chain; the certificate names no issuer URL, as a private CA's usually do: give that CA's certificate in ca-cert`;
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return `certificate issuer is not trusted: the chain ends at '${top.subject}', issued by '${top.issuer}', which is not a trusted root (a private CA? give its certificate in ca-cert)`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `certificate issuer is not trusted: the chain ends in the self-signed root '${top.subject}' (a private CA? give its certificate in ca-cert)`;
    default:
      return `${tlsReason(code) ?? `certificate does not verify (${code})`} (issuer ${leaf.issuer}, ${window(leaf)})`;
  }
}

const WEAK_DIGEST = /md[245]|sha1(?!\d)/i;
const digestName = (algorithm: string): string => (/md5/i.test(algorithm) ? 'MD5' : /md[24]/i.test(algorithm) ? 'MD2/MD4' : 'SHA-1');

/** SHA-1 or MD5 signatures and RSA keys under 2048 bits in the served chain (roots excepted: their self-signature is not checked). */
export function weakCrypto(served: readonly CertificateFacts[]): string[] {
  const problems: string[] = [];
  served.forEach((cert, index) => {
    if (index > 0 && cert.selfIssued) return;
    const which = index === 0 ? 'certificate' : `intermediate '${cert.subject}'`;
    if (WEAK_DIGEST.test(cert.signatureAlgorithm)) {
      problems.push(
        `${which} is signed with ${digestName(cert.signatureAlgorithm)} (${cert.signatureAlgorithm}), which browsers refuse; reissue it with SHA-256`,
      );
    }
    if (
      (cert.keyType === 'rsa' || cert.keyType === 'rsa-pss' || cert.keyType === 'dsa') &&
      cert.keyBits !== undefined &&
      cert.keyBits < 2048
    ) {
      problems.push(`${which} has a ${cert.keyBits}-bit ${cert.keyType.toUpperCase()} key, under the minimum of 2048 bits`);
    }
  });
  return problems;
}

/**
 * Every reason a served certificate fails the policy, in words, most fundamental first:
 * chain and dates, host name, days left, share of lifetime left, issuer. Empty when it passes.
 */
export function certificateProblems(inspection: TlsInspection, host: string, policy: CertPolicy, now: Date): string[] {
  const leaf = inspection.leaf;
  if (!leaf) return [inspection.failure?.message ?? 'no certificate'];
  const problems: string[] = [];
  // A name mismatch is reported below, with the names the certificate has.
  if (inspection.chainError && inspection.chainError !== 'ERR_TLS_CERT_ALTNAME_INVALID')
    problems.push(chainProblem(inspection.chainError, leaf, inspection.served ?? [leaf]));
  problems.push(...weakCrypto(inspection.served ?? [leaf]));
  if (inspection.hostError) {
    problems.push(
      leaf.sans.length === 0
        ? `certificate has no subjectAltName, so it names no host: its Common Name (${leaf.subject}) is not used, as browsers stopped doing in 2017; reissue it with ${host} as a DNS name`
        : `certificate is not valid for ${host} (names: ${leaf.sans.join(', ')})`,
    );
  }
  const days = daysRemaining(leaf, now);
  const expired = inspection.chainError === 'CERT_HAS_EXPIRED' || leaf.notAfter.getTime() <= now.getTime();
  if (!expired && days < policy.minDaysRemaining) {
    problems.push(
      `certificate expires in ${days} day${days === 1 ? '' : 's'} on ${isoDay(leaf.notAfter)}, under the minimum of ${policy.minDaysRemaining}`,
    );
  }
  if (!expired && policy.minLifetimeRemainingPercent !== undefined) {
    const lifetime = leaf.notAfter.getTime() - leaf.notBefore.getTime();
    const left = lifetime > 0 ? ((leaf.notAfter.getTime() - now.getTime()) / lifetime) * 100 : 0;
    if (left < policy.minLifetimeRemainingPercent) {
      problems.push(
        `only ${left.toFixed(1)}% of the certificate's lifetime is left (${window(leaf)}), under the minimum of ${policy.minLifetimeRemainingPercent}%`,
      );
    }
  }
  if (policy.expectedIssuer) {
    const names = [leaf.issuerOrganization, leaf.issuerCommonName].filter(Boolean);
    if (!names.some((name) => policy.expectedIssuer?.test(name))) {
      problems.push(`issuer '${leaf.issuer}' does not match /${policy.expectedIssuer.source}/`);
    }
  }
  return problems;
}
