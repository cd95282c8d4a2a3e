import { httpAttempt, type HttpAttemptOptions } from '@todo-deploy/net';
import { retryUntil, type BackoffPolicy } from '@todo-deploy/retry';
import { evaluateAttempt } from './evaluate.js';
import type { SmokeInputs } from './inputs.js';
import { userAgent } from './targets.js';

export interface UrlResult {
  url: string;
  ok: boolean;
  status: number | null;
  attempts: number;
  'duration-ms': number;
  error: string | null;
}

interface Progress {
  status: number | null;
  streak: number;
  reason?: string;
}

/**
 * Probes one URL until `consecutiveSuccesses` attempts in a row pass, a certificate error
 * makes retrying pointless, or the shared deadline passes.
 */
export async function probeUrl(
  target: { url: URL; shown: string; headers: Record<string, string> },
  inputs: SmokeInputs,
  deadline: number,
  ca: string[] | undefined,
): Promise<UrlResult> {
  const started = Date.now();
  const policy: BackoffPolicy = { initialDelayMs: inputs.intervalMs, maxDelayMs: inputs.maxIntervalMs, factor: 2, jitter: 0.1 };
  let progress: Progress = { status: null, streak: 0 };
  const result = await retryUntil<Progress>(
    async ({ remainingMs }) => {
      const options: HttpAttemptOptions = {
        url: target.url,
        method: inputs.method,
        headers: target.headers,
        timeoutMs: Math.max(1, Math.min(inputs.requestTimeoutMs, remainingMs || 1)),
        followRedirects: inputs.followRedirects,
        forwardHeaders: inputs.forwardHeaders,
        maxBodyBytes: inputs.bodyLimit,
        // servers and WAFs log the agent, and some refuse an empty one; a User-Agent header of the user's wins
        userAgent: userAgent(process.env),
        ...(inputs.connectAddress ? { connectAddress: inputs.connectAddress } : {}),
        insecure: inputs.insecure,
        ...(ca ? { ca } : {}),
      };
      const attempt = await httpAttempt(options);
      const verdict = evaluateAttempt(attempt, inputs.expectedStatus, inputs.expectBody, inputs.finalStatus);
      const streak = verdict.ok ? progress.streak + 1 : 0;
      progress = { status: attempt.status ?? null, streak, ...(verdict.reason ? { reason: verdict.reason } : {}) };
      if (verdict.ok && streak >= inputs.consecutiveSuccesses) return { done: true, value: progress };
      return { done: false, value: progress, retryable: verdict.retryable, resetBackoff: verdict.ok };
    },
    { deadline, policy, minAttemptMs: Math.min(inputs.requestTimeoutMs, 1000) },
  );
  const last = result.value;
  let error: string | null = null;
  if (!result.ok) {
    const tries = `${result.attempts} attempt${result.attempts === 1 ? '' : 's'}`;
    error =
      last.reason === undefined
        ? `only ${last.streak} of ${inputs.consecutiveSuccesses} successes in a row before the deadline (${tries})`
        : result.reason === 'not-retryable'
          ? `${last.reason} (not retried)`
          : `${last.reason} after ${tries}`;
  }
  return { url: target.shown, ok: result.ok, status: last.status, attempts: result.attempts, 'duration-ms': Date.now() - started, error };
}
