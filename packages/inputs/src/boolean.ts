import { InputError } from './input-error.js';

/** Accepts exactly 'true' or 'false' (any case); an empty value takes the default. */
export function parseBoolean(input: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new InputError(input, `'${raw.trim()}' is not a boolean: use true or false`, 'true');
}
