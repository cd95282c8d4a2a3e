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

/** Why the chain did not verify, in words with the dates that explain it. */
function chainProblem(code: string, leaf: CertificateFacts): string {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `certificate expired on ${isoDay(leaf.notAfter)} (${window(leaf)})`;
    case 'CERT_NOT_YET_VALID':
      return `certificate is not valid until ${isoDay(leaf.notBefore)} (${window(leaf)})`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `certificate is self-signed (subject ${leaf.subject}, ${window(leaf)})`;
    default:
      return `${tlsReason(code) ?? `certificate does not verify (${code})`} (issuer ${leaf.issuer}, ${window(leaf)})`;
  }
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
    problems.push(chainProblem(inspection.chainError, leaf));
  if (inspection.hostError) problems.push(`certificate is not valid for ${host} (names: ${leaf.sans.join(', ') || leaf.subject})`);
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
