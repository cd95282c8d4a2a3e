export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
export { retryUntil, systemClock, type AttemptContext, type AttemptOutcome, type RetryClock, type RetryResult } from './retry-until.js';
