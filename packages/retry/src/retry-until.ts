import { backoffDelay, type BackoffPolicy } from './backoff.js';

/** What one attempt reports: done, or not done and whether another try may help. */
export type AttemptOutcome<T> =
  | { done: true; value: T }
  | {
      done: false;
      value: T;
      retryable: boolean;
      /** progress was made: the next wait restarts at the initial delay */ resetBackoff?: boolean;
    };

export interface AttemptContext {
  /** 1-based attempt number. */
  attempt: number;
  /** Milliseconds left before the deadline; an attempt should not run longer. */
  remainingMs: number;
}

export interface RetryClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export interface RetryResult<T> {
  ok: boolean;
  value: T;
  attempts: number;
  /** Why the loop ended: done, a failure that retrying cannot fix, the deadline, or an abort. */
  reason: 'done' | 'not-retryable' | 'deadline' | 'aborted';
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export const systemClock: RetryClock = { now: () => Date.now(), sleep: abortableSleep, random: Math.random };

/**
 * Runs `attempt` until it reports done, reports a failure that is not retryable, or the
 * deadline passes. Waits between attempts follow the backoff policy; the last wait is cut
 * short so that one final attempt runs with minAttemptMs left before the deadline.
 */
export async function retryUntil<T>(
  attempt: (context: AttemptContext) => Promise<AttemptOutcome<T>>,
  options: {
    deadline: number;
    policy: BackoffPolicy;
    clock?: RetryClock;
    signal?: AbortSignal;
    /** Time the final attempt gets at least: a retry that could not have it is not made. */
    minAttemptMs?: number;
  },
): Promise<RetryResult<T>> {
  const clock = options.clock ?? systemClock;
  let step = 0;
  for (let count = 1; ; count += 1) {
    const outcome = await attempt({ attempt: count, remainingMs: Math.max(0, options.deadline - clock.now()) });
    if (outcome.done) return { ok: true, value: outcome.value, attempts: count, reason: 'done' };
    if (!outcome.retryable) return { ok: false, value: outcome.value, attempts: count, reason: 'not-retryable' };
    if (options.signal?.aborted) return { ok: false, value: outcome.value, attempts: count, reason: 'aborted' };
    const room = options.deadline - clock.now() - (options.minAttemptMs ?? 0);
    if (room <= 0) return { ok: false, value: outcome.value, attempts: count, reason: 'deadline' };
    step = outcome.resetBackoff ? 1 : step + 1;
    await clock.sleep(Math.min(room, backoffDelay(options.policy, step, clock.random())), options.signal);
    if (options.signal?.aborted) return { ok: false, value: outcome.value, attempts: count, reason: 'aborted' };
  }
}
