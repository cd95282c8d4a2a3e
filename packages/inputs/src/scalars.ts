import { InputError } from './input-error.js';

/** An integer within [min, max]; empty takes the fallback. */
export function parseInteger(input: string, raw: string, fallback: number, min: number, max: number): number {
  const text = raw.trim();
  if (text === '') return fallback;
  if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new InputError(input, `'${text}' is not a whole number from ${min} to ${max}`, String(fallback));
  }
  return Number(text);
}

/** A decimal number within [min, max]; empty gives undefined. */
export function parseOptionalNumber(input: string, raw: string, min: number, max: number, example: string): number | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  if (!/^\d+(\.\d+)?$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new InputError(input, `'${text}' is not a number from ${min} to ${max}`, example);
  }
  return Number(text);
}

/** A JavaScript regular expression, compiled; the compiler's own complaint is kept. */
export function parseRegExp(input: string, raw: string, example: string): RegExp | undefined {
  if (raw.trim() === '') return undefined;
  try {
    return new RegExp(raw);
  } catch (error) {
    throw new InputError(input, `'${raw}' is not a valid regular expression (${(error as Error).message})`, example);
  }
}

/** One of a fixed set of words (case-sensitive after normalising with `normalise`). */
export function parseChoice<T extends string>(
  input: string,
  raw: string,
  choices: readonly T[],
  fallback: T,
  normalise: (text: string) => string = (text) => text,
): T {
  const text = normalise(raw.trim());
  if (text === '') return fallback;
  const found = choices.find((choice) => choice === text);
  if (found === undefined) {
    throw new InputError(input, `'${raw.trim()}' is not one of ${choices.join(', ')}`, fallback);
  }
  return found;
}
