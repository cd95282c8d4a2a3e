/** auto | on | off for a part of the lab that `up` starts when the machine allows it (pure). */
export type FeatureMode = 'auto' | 'on' | 'off';

/** `--<flag>` / `--no-<flag>`, else the variable (1/0/auto and the usual spellings), else auto. */
export function featureMode(argv: readonly string[], env: Record<string, string | undefined>, flag: string, variable: string): FeatureMode {
  if (argv.includes(`--${flag}`)) return 'on';
  if (argv.includes(`--no-${flag}`)) return 'off';
  const raw = (env[variable] ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'auto') return 'auto';
  if (['1', 'true', 'on', 'yes'].includes(raw)) return 'on';
  if (['0', 'false', 'off', 'no'].includes(raw)) return 'off';
  throw new Error(`${variable}=${env[variable]}: expected 1, 0 or auto`);
}
