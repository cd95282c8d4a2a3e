import { checkRevocation, httpAttempt, inspectTls, type HostPort, type TlsInspection } from '@todo-deploy/net';
import { retryUntil } from '@todo-deploy/retry';
import { certificateProblems, daysRemaining } from './evaluate-certificate.js';
import { evaluateRedirect } from './evaluate-redirect.js';
import type { VerifyInputs } from './inputs.js';

export interface HostResult {
  host: string;
  ok: boolean;
  subject: string | null;
  issuer: string | null;
  sans: string[];
  'not-before': string | null;
  'not-after': string | null;
  'days-remaining': number | null;
  'tls-version': string | null;
  redirect: string | null;
  /** How revocation was checked and what it said, or why not. */
  revocation: string | null;
  error: string | null;
  /** Not failures: a CRL that could not be read (revocation: warn). */
  warnings: string[];
  attempts: number;
}

/** Limit of one CRL download: a CA's CRL server answers fast or not at all. */
const CRL_TIMEOUT_MS = 5000;

/** The revocation verdict of a certificate that passes every other check: a problem, a warning or neither. */
async function revocationOf(
  inspection: TlsInspection,
  inputs: VerifyInputs,
  limitMs: number,
): Promise<{ detail: string | null; problem?: string; warning?: string }> {
  if (inputs.revocation === 'off') return { detail: 'not checked (revocation: off)' };
  if (!inspection.leafRaw || !inspection.issuerRaw) return { detail: 'not checked: the issuer certificate is not known' };
  const verdict = await checkRevocation({
    leafRaw: inspection.leafRaw,
    issuerRaw: inspection.issuerRaw,
    timeoutMs: Math.min(CRL_TIMEOUT_MS, limitMs),
    ...(inspection.stapledOcsp ? { stapled: inspection.stapledOcsp } : {}),
  });
  if (verdict.status === 'revoked') return { detail: verdict.detail, problem: verdict.detail };
  if (verdict.status === 'good') return { detail: verdict.detail };
  if (inputs.revocation === 'strict') return { detail: verdict.detail, problem: `${verdict.detail} (revocation: strict)` };
  return verdict.status === 'unknown' ? { detail: verdict.detail, warning: verdict.detail } : { detail: verdict.detail };
}

const label = (target: HostPort): string => (target.port === 443 ? target.host : `${target.host}:${target.port}`);

/** One look at a host: its certificate against the policy, then the HTTP redirect. */
async function checkOnce(
  target: HostPort,
  inputs: VerifyInputs,
  ca: string[] | undefined,
  limitMs: number,
): Promise<Omit<HostResult, 'attempts'>> {
  const inspection = await inspectTls({
    host: target.host,
    port: target.port,
    minVersion: inputs.minTlsVersion,
    timeoutMs: limitMs,
    ...(inputs.connectAddress ? { connectAddress: inputs.connectAddress } : {}),
    ...(ca ? { ca } : {}),
  });
  const leaf = inspection.leaf;
  const problems = certificateProblems(inspection, target.host, inputs.policy, new Date());
  const warnings: string[] = [];
  let revocation: string | null = null;
  if (leaf && problems.length === 0) {
    const verdict = await revocationOf(inspection, inputs, limitMs);
    revocation = verdict.detail;
    if (verdict.problem) problems.push(verdict.problem);
    if (verdict.warning) warnings.push(verdict.warning);
  }
  let redirect: string | null = null;
  if (inputs.checkRedirect) {
    const httpUrl = `http://${target.host}${inputs.httpPort === 80 ? '' : `:${inputs.httpPort}`}/`;
    const attempt = await httpAttempt({
      url: new URL(httpUrl),
      method: 'GET',
      headers: {},
      timeoutMs: limitMs,
      followRedirects: false,
      insecure: false,
      ...(inputs.connectAddress ? { connectAddress: inputs.connectAddress } : {}),
    });
    const verdict = evaluateRedirect(attempt, target.host, target.port, httpUrl);
    redirect = verdict.description;
    if (!verdict.ok) problems.push(`no HTTPS redirect: ${verdict.description}`);
  }
  return {
    host: label(target),
    ok: problems.length === 0,
    subject: leaf?.subject ?? null,
    issuer: leaf?.issuer ?? null,
    sans: leaf?.sans ?? [],
    'not-before': leaf?.notBefore.toISOString() ?? null,
    'not-after': leaf?.notAfter.toISOString() ?? null,
    'days-remaining': leaf ? daysRemaining(leaf, new Date()) : null,
    'tls-version': inspection.tlsVersion ?? null,
    redirect,
    revocation,
    error: problems.length === 0 ? null : problems.join('; '),
    warnings,
  };
}

/**
 * Checks a host every interval until it passes or the deadline passes: a certificate may
 * still be on its way (cert-manager issuing, DNS or a load balancer not ready yet).
 */
export async function checkHost(target: HostPort, inputs: VerifyInputs, deadline: number, ca: string[] | undefined): Promise<HostResult> {
  const policy = { initialDelayMs: inputs.intervalMs, maxDelayMs: inputs.intervalMs, factor: 1, jitter: 0 };
  const result = await retryUntil(
    async ({ remainingMs }) => {
      const outcome = await checkOnce(target, inputs, ca, Math.max(1000, Math.min(10_000, remainingMs)));
      return outcome.ok ? { done: true, value: outcome } : { done: false, value: outcome, retryable: true };
    },
    { deadline, policy, minAttemptMs: 1000 },
  );
  return { ...result.value, attempts: result.attempts };
}
