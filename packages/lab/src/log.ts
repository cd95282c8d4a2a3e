/** Progress lines go to stderr so that `env` output on stdout stays clean. */
export function info(message: string): void {
  process.stderr.write(`[lab] ${message}\n`);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}

/** Runs one named step and prints its duration, also when it fails. */
export async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now();
  info(`${name} ...`);
  try {
    const result = await fn();
    info(`${name}: done in ${formatDuration(Date.now() - start)}`);
    return result;
  } catch (error) {
    info(`${name}: FAILED after ${formatDuration(Date.now() - start)}`);
    throw error;
  }
}
