/** Small helpers for benchmarks that compare runs side by side. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function ratioLine(name: string, subject: number, baseline: number, target: string, pass: boolean): string {
  return `${name}: ${(subject / baseline).toFixed(2)} (subject ${subject.toFixed(0)} ms / baseline ${baseline.toFixed(0)} ms; target ${target}) ${pass ? 'OK' : 'ABOVE TARGET'}`;
}

/** `median (min-max)` of a sample, in ms. */
export function spread(values: readonly number[]): string {
  return `${median(values).toFixed(0)} ms (${Math.min(...values).toFixed(0)}-${Math.max(...values).toFixed(0)})`;
}

/** Runs the subject and the baseline alternately, `rounds` times each, and returns both medians. */
export async function sideBySide(
  rounds: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ subject: number; baseline: number }> {
  const samples = await interleaved(rounds, { subject, baseline });
  return { subject: median(samples.subject), baseline: median(samples.baseline) };
}

/**
 * Runs every contender once per round, `rounds` times, starting each round with the next
 * contender (so none is always first after a pause), and returns each one's samples.
 */
export async function interleaved<K extends string>(
  rounds: number,
  contenders: Record<K, () => Promise<number>>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(round + i) % names.length] as K;
      samples[name].push(await contenders[name]());
    }
  }
  return samples;
}
