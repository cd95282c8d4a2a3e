import { InputError } from './input-error.js';

export interface StatusRange {
  from: number;
  to: number;
}

const EXAMPLE = '200,204,300-399';

function code(input: string, text: string): number {
  if (!/^\d{3}$/.test(text) || Number(text) < 100 || Number(text) > 599) {
    throw new InputError(input, `'${text}' is not an HTTP status code between 100 and 599`, EXAMPLE);
  }
  return Number(text);
}

/** Parses '200,204,300-399' (commas or whitespace between items) into inclusive ranges. */
export function parseStatusCodes(input: string, raw: string): StatusRange[] {
  const items = raw.split(/[\s,]+/).filter((item) => item !== '');
  if (items.length === 0) throw new InputError(input, 'no status code given', EXAMPLE);
  return items.map((item) => {
    const parts = item.split('-');
    if (parts.length > 2) throw new InputError(input, `'${item}' is not a code or a range`, EXAMPLE);
    const from = code(input, parts[0] as string);
    const to = parts.length === 2 ? code(input, parts[1] as string) : from;
    if (to < from) throw new InputError(input, `range '${item}' ends before it starts`, EXAMPLE);
    return { from, to };
  });
}

export function statusMatches(ranges: readonly StatusRange[], status: number): boolean {
  return ranges.some((range) => status >= range.from && status <= range.to);
}

export function formatStatusRanges(ranges: readonly StatusRange[]): string {
  return ranges.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',');
}
