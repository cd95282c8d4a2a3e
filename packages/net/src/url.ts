import { InputError } from '@todo-deploy/inputs';

/** An absolute http:// or https:// URL, or an InputError naming the input. */
export function parseHttpUrl(input: string, text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    throw new InputError(
      input,
      hasScheme
        ? `'${safe(text)}' is not a valid URL (check the host name and the port)`
        : `'${safe(text)}' is not an absolute URL (a scheme such as https:// is required)`,
      'https://staging.todo.example.com/api/health',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(
      input,
      `'${safe(text)}' uses ${url.protocol.replace(':', '')}; only http and https are probed`,
      'https://staging.todo.example.com/api/health',
    );
  }
  return url;
}

/**
 * Hides credentials in a URL-looking text that did not parse, for error messages: everything
 * before the last @ (after the scheme, if any), since a password may hold / or \\.
 */
export function hideCredentials(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^\s]*@/i, (_all, scheme: string | undefined) => `${scheme ?? ''}***@`);
}
const safe = hideCredentials;

export interface HostPort {
  host: string;
  port: number;
}

/** 'host', 'host:port', '[v6]:port'; the port must be 1-65535. */
export function parseHostPort(input: string, text: string, defaultPort: number): HostPort {
  const example = 'todo.example.com:443';
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s/[\]]+))(?::(\d+))?$/.exec(text.trim());
  if (!match) throw new InputError(input, `'${text}' is not host or host:port`, example);
  const host = (match[1] ?? match[2]) as string;
  if (match[3] === undefined) return { host, port: defaultPort };
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InputError(input, `port ${match[3]} of '${text}' is out of range 1-65535`, example);
  }
  return { host, port };
}
