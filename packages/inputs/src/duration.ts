import { InputError } from './input-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;

/**
 * Parses '500ms', '90s', '2m', '1m30s', '1h' or plain seconds ('45') into milliseconds.
 * Returns the fallback for an empty value.
 */
export function parseDuration(input: string, raw: string, fallbackMs?: number): number {
  const text = raw.trim();
  if (text === '') {
    if (fallbackMs === undefined) throw new InputError(input, 'a duration is required', '2m');
    return fallbackMs;
  }
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (!match || match.index !== start) {
      throw new InputError(input, `'${text}' is not a duration: use a number with a unit of ms, s, m or h, or plain seconds`, '1m30s');
    }
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return Math.round(total);
}

/** Formats milliseconds for people: 950ms, 12.3s, 2m05s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}
