import { InputError } from './input-error.js';

export interface KeyValue {
  key: string;
  value: string;
}

/**
 * Splits 'key=value' at the first '=' so that values may hold '=' and ',' themselves.
 * The key must be non-empty; the value may be empty.
 */
export function parseKeyValue(input: string, line: string, example = 'image.tag=sha-0123abc'): KeyValue {
  const at = line.indexOf('=');
  const key = at < 0 ? '' : line.slice(0, at).trim();
  if (at < 0 || key === '') {
    throw new InputError(input, `line '${line}' is not key=value`, example);
  }
  return { key, value: line.slice(at + 1) };
}

/**
 * Splits 'Name: value' at the first ':' (HTTP header form). The name must be a valid
 * header token. The value is not echoed in the error, since headers carry credentials.
 */
export function parseHeaderLine(input: string, line: string): KeyValue {
  const at = line.indexOf(':');
  const key = at < 0 ? '' : line.slice(0, at).trim();
  if (at < 0 || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) {
    const shown = at < 0 ? 'a line without a colon' : `a line whose name '${key}' is not a header name`;
    throw new InputError(input, `${shown}: use one 'Name: value' per line`, 'Authorization: Bearer <token>');
  }
  return { key, value: line.slice(at + 1).trim() };
}
