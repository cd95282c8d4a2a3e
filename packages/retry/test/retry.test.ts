import { describe, expect, it } from '@jest/globals';
import { backoffDelay, retryUntil, type BackoffPolicy, type RetryClock } from '../src/index.js';

const policy: BackoffPolicy = { initialDelayMs: 1000, maxDelayMs: 5000, factor: 2, jitter: 0.5 };

/** A clock that moves only when slept on, recording each wait. */
function fakeClock(random = 0): RetryClock & { waits: number[]; at: number } {
  const clock = {
    at: 0,
    waits: [] as number[],
    now: () => clock.at,
    random: () => random,
    sleep: async (ms: number) => {
      clock.waits.push(ms);
      clock.at += ms;
    },
  };
  return clock;
}

describe('backoffDelay', () => {
  it.each([
    [1, 0, 1000],
    [2, 0, 2000],
    [3, 0, 4000],
    [4, 0, 5000],
    [10, 0, 5000],
    [1, 0.9, 550],
    [3, 0.5, 3000],
  ])('attempt %d with random %d waits %d ms', (attempt, random, expected) => {
    expect(backoffDelay(policy, attempt, random)).toBe(expected);
  });
});

describe('retryUntil', () => {
  it('stops at the first success and counts attempts', async () => {
    const clock = fakeClock();
    const result = await retryUntil(
      async ({ attempt }) => (attempt === 3 ? { done: true, value: attempt } : { done: false, value: attempt, retryable: true }),
      { deadline: 60_000, policy, clock },
    );
    expect(result).toEqual({ ok: true, value: 3, attempts: 3, reason: 'done' });
    expect(clock.waits).toEqual([1000, 2000]);
  });

  it('does not retry a failure marked not retryable', async () => {
    const clock = fakeClock();
    const result = await retryUntil(async () => ({ done: false, value: 'bad cert', retryable: false }), {
      deadline: 60_000,
      policy,
      clock,
    });
    expect(result).toEqual({ ok: false, value: 'bad cert', attempts: 1, reason: 'not-retryable' });
    expect(clock.waits).toEqual([]);
  });

  it('cuts the last wait short and makes a final attempt at the deadline', async () => {
    const clock = fakeClock();
    const seen: Array<{ attempt: number; remainingMs: number }> = [];
    const result = await retryUntil(
      async (context) => {
        seen.push(context);
        return { done: false, value: null, retryable: true };
      },
      { deadline: 10_000, policy, clock },
    );
    expect(clock.waits).toEqual([1000, 2000, 4000, 3000]);
    expect(seen.map((s) => s.remainingMs)).toEqual([10_000, 9000, 7000, 3000, 0]);
    expect(result).toMatchObject({ ok: false, attempts: 5, reason: 'deadline' });
  });

  it('restarts the backoff after an attempt that made progress', async () => {
    const clock = fakeClock();
    await retryUntil(
      async ({ attempt }) =>
        attempt === 5 ? { done: true, value: 0 } : { done: false, value: 0, retryable: true, resetBackoff: attempt === 3 },
      { deadline: 60_000, policy, clock },
    );
    expect(clock.waits).toEqual([1000, 2000, 1000, 2000]);
  });

  it('leaves the final attempt at least minAttemptMs', async () => {
    const clock = fakeClock();
    const seen: number[] = [];
    await retryUntil(
      async ({ remainingMs }) => {
        seen.push(remainingMs);
        return { done: false, value: null, retryable: true };
      },
      { deadline: 10_000, policy, clock, minAttemptMs: 2500 },
    );
    expect(clock.waits).toEqual([1000, 2000, 4000, 500]);
    expect(seen.at(-1)).toBe(2500);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const result = await retryUntil(
      async ({ attempt }) => {
        if (attempt === 2) controller.abort();
        return { done: false, value: attempt, retryable: true };
      },
      { deadline: Date.now() + 60_000, policy: { ...policy, initialDelayMs: 10 }, signal: controller.signal },
    );
    expect(result).toMatchObject({ ok: false, attempts: 2, reason: 'aborted' });
  });
});
