/** The parts of a `WWW-Authenticate` challenge the registry token flow needs. */
export interface Challenge {
  scheme: 'basic' | 'bearer';
  realm?: string;
  service?: string;
  scope?: string;
}

/**
 * Parses a registry's `WWW-Authenticate` header (Docker's token authentication: `Bearer
 * realm="...",service="...",scope="..."`, or `Basic realm="..."`). Undefined for anything else. Pure.
 */
export function parseChallenge(header: string | undefined): Challenge | undefined {
  const match = /^\s*(basic|bearer)\b\s*(.*)$/i.exec(header ?? '');
  if (!match) return undefined;
  const scheme = (match[1] ?? '').toLowerCase() as Challenge['scheme'];
  const params: Record<string, string> = {};
  for (const p of (match[2] ?? '').matchAll(/([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/gi))
    params[(p[1] ?? '').toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  return {
    scheme,
    ...(params.realm ? { realm: params.realm } : {}),
    ...(params.service ? { service: params.service } : {}),
    ...(params.scope ? { scope: params.scope } : {}),
  };
}

/** The token endpoint URL for a repository's pull and push scope. Pure. */
export function tokenUrl(challenge: Challenge, repository: string): string {
  if (!challenge.realm) throw new Error('the registry asked for a bearer token without naming its realm');
  const url = new URL(challenge.realm);
  if (challenge.service) url.searchParams.set('service', challenge.service);
  url.searchParams.set('scope', `repository:${repository}:pull,push`);
  return url.toString();
}
