import { expect } from '@jest/globals';
import { exitText, type RunResult } from '@todo-deploy/process';

/** Fails the test with the command's output when it did not exit 0. */
export function expectOk(result: RunResult, what: string): RunResult {
  if (result.exitCode !== 0) throw new Error(`${what} ${exitText(result)}:\n${result.stderr}\n${result.stdout}`);
  expect(result.exitCode).toBe(0);
  return result;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value, or throws with the last seen state. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(500);
  }
}
