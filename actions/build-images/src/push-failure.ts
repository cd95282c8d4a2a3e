// Which push failures may pass on their own (a busy or briefly unreachable registry), and the
// bounded retry both builders run them under.
import { retryUntil, type RetryResult } from '@todo-deploy/retry';

const ATTEMPTS = 3;
const BACKOFF = { initialDelayMs: 2000, maxDelayMs: 10_000, factor: 2, jitter: 0.2 };

/**
 * Runs `run` (given the attempt number) up to three times, 2 to 10 s apart, while it fails with a
 * message `transient` says may pass (`onRetry` is told each one); resolves with its value, or with
 * the last failure's message and the number of attempts.
 */
export function retryTransient(
  run: (attempt: number) => Promise<string>,
  transient: (message: string) => boolean,
  onRetry: (message: string) => void,
  deadlineMs: number,
): Promise<RetryResult<string>> {
  return retryUntil<string>(
    async ({ attempt }) => {
      try {
        return { done: true, value: await run(attempt) };
      } catch (error) {
        const message = (error as Error).message;
        const retryable = attempt < ATTEMPTS && transient(message);
        if (retryable) onRetry(message);
        return { done: false, value: message, retryable };
      }
    },
    { deadline: Date.now() + deadlineMs, policy: BACKOFF },
  );
}

/** Whether a push failure may pass on its own (network, a busy registry), so that it is worth retrying. Pure. */
export function transientPushFailure(cause: string): boolean {
  if (/unauthorized|denied|forbidden|not known|manifest invalid|name invalid|authentication required/i.test(cause)) return false;
  return /connection refused|connection reset|i\/o timeout|timeout|EOF|TLS handshake|no such host|50[0234]|too many requests|429|temporar/i.test(
    cause,
  );
}

/**
 * Whether a failed bake failed reaching a registry (pushing, exporting the cache, resolving an
 * image) in a way that may pass on its own (429, a 5xx, a refused or reset connection, a timeout,
 * a failed lookup), not building: then it is worth another try. Pure.
 */
export function transientBakeFailure(message: string): boolean {
  return (
    /push|export|failed to do request|unexpected status|failed to (copy|fetch|commit|authorize)/i.test(message) &&
    transientPushFailure(message)
  );
}
