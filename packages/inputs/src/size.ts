import { InputError } from './input-error.js';

const UNITS: Record<string, number> = { b: 1, kb: 1000, kib: 1024, mb: 1000 ** 2, mib: 1024 ** 2, gb: 1000 ** 3, gib: 1024 ** 3 };

/** A size such as 1MiB, 512KiB, 2MB or plain bytes (1048576), in bytes, within [min, max]; empty takes the fallback. */
export function parseSize(input: string, raw: string, fallback: number, min: number, max: number): number {
  const text = raw.trim();
  if (text === '') return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
  const unit = (match?.[2] ?? '').toLowerCase() || 'b';
  const bytes = match && unit in UNITS ? Math.round(Number(match[1]) * (UNITS[unit] as number)) : NaN;
  if (!Number.isFinite(bytes) || bytes < min || bytes > max) {
    throw new InputError(
      input,
      `'${text}' is not a size from ${min} bytes to ${max / 1024 ** 2} MiB (use B, KiB, MiB, KB or MB, or plain bytes)`,
      '1MiB',
    );
  }
  return bytes;
}

/** Bytes as people read them: 812 B, 4.2 KiB, 31.7 MiB, 1.2 GiB (binary units, one decimal). Pure. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`${bytes} is not a size in bytes`);
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
