import { isIP } from 'node:net';
import { InputError } from './input-error.js';

const HOSTNAME = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** An address to connect to instead of resolving a URL's host (an IP address or a host name); empty gives undefined. */
export function parseConnectAddress(input: string, raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  if (isIP(text) === 0 && !HOSTNAME.test(text))
    throw new InputError(input, `'${text}' is not an IP address or a host name`, '203.0.113.10');
  return text;
}
