import type { HttpAttemptResult } from '@todo-deploy/net';

const REDIRECTS = new Set([301, 302, 307, 308]);

export interface RedirectVerdict {
  ok: boolean;
  /** What the server did, for the report: '301 -> https://host/' or the failure. */
  description: string;
}

/**
 * http://host:http-port/ must redirect (301, 302, 307 or 308) to https://host/ (with the
 * HTTPS port when it is not 443). Pure.
 */
export function evaluateRedirect(attempt: HttpAttemptResult, host: string, httpsPort: number, httpUrl: string): RedirectVerdict {
  if (attempt.failure) return { ok: false, description: `${httpUrl}: ${attempt.failure.message}` };
  const status = attempt.status as number;
  const location = attempt.headers?.location;
  if (!REDIRECTS.has(status)) return { ok: false, description: `${httpUrl} answered ${status}, not a redirect to HTTPS` };
  if (!location) return { ok: false, description: `${httpUrl} answered ${status} without a Location header` };
  let target: URL;
  try {
    target = new URL(location, httpUrl);
  } catch {
    return { ok: false, description: `${httpUrl} redirects to '${location}', which is not a URL` };
  }
  const wantedPort = httpsPort === 443 ? '' : String(httpsPort);
  const expected = `https://${host}${wantedPort ? `:${wantedPort}` : ''}/`;
  if (target.protocol !== 'https:' || target.hostname !== host.toLowerCase() || target.port !== wantedPort) {
    return { ok: false, description: `${httpUrl} redirects to ${target.href}, not to ${expected}` };
  }
  return { ok: true, description: `${status} -> ${target.href}` };
}
