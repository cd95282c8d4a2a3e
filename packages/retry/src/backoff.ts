export interface BackoffPolicy {
  /** First wait between attempts, in ms. */
  initialDelayMs: number;
  /** No wait is longer than this, in ms. */
  maxDelayMs: number;
  /** Growth per attempt (2 doubles the wait). */
  factor: number;
  /** Share of each wait taken off at random (0 = none, 0.2 = up to 20% shorter). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 2000, maxDelayMs: 30_000, factor: 2, jitter: 0.2 };

/**
 * The wait after attempt number `attempt` (1-based). Jitter only shortens a wait, so the cap
 * and the schedule a user configured are upper bounds. Pure: `random` is in [0, 1).
 */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: number): number {
  const grown = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, grown);
  return Math.max(0, Math.round(capped * (1 - policy.jitter * random)));
}
