/** Small helpers for benchmarks that compare two runs side by side. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function ratioLine(name: string, subject: number, baseline: number, target: string, pass: boolean): string {
  return `${name}: ${(subject / baseline).toFixed(2)} (subject ${subject.toFixed(0)} ms / baseline ${baseline.toFixed(0)} ms; target ${target}) ${pass ? 'OK' : 'ABOVE TARGET'}`;
}

/** Runs the subject and the baseline alternately, `rounds` times each, and returns both medians. */
export async function sideBySide(
  rounds: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ subject: number; baseline: number }> {
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    b.push(await baseline());
    s.push(await subject());
  }
  return { subject: median(s), baseline: median(b) };
}
