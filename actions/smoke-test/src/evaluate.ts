import { formatStatusRanges, statusMatches, type StatusRange } from '@todo-deploy/inputs';
import type { HttpAttemptResult } from '@todo-deploy/net';

export interface Verdict {
  ok: boolean;
  /** Another attempt may change the verdict (false for certificate errors). */
  retryable: boolean;
  /** Why the attempt did not pass, in words. */
  reason?: string;
}

/**
 * Judges one attempt's response against the expectations. A status in `final` that is not
 * expected ends the probing (waiting cannot change it); a body mismatch is retried, since a
 * rollout half done may still serve the old body. Pure.
 */
export function evaluateAttempt(
  attempt: HttpAttemptResult,
  expected: readonly StatusRange[],
  expectBody?: RegExp,
  final: readonly StatusRange[] = [],
): Verdict {
  if (attempt.failure) {
    return { ok: false, retryable: attempt.failure.retryable, reason: attempt.failure.message };
  }
  const status = attempt.status as number;
  if (!statusMatches(expected, status)) {
    const isFinal = statusMatches(final, status);
    return {
      ok: false,
      retryable: !isFinal,
      reason: `status ${status} (expected ${formatStatusRanges(expected)}${isFinal ? '; a final answer, see final-status' : ''})`,
    };
  }
  if (expectBody && !expectBody.test(attempt.body ?? '')) {
    return { ok: false, retryable: true, reason: `status ${status} but the body does not match /${expectBody.source}/` };
  }
  return { ok: true, retryable: true };
}
