// Which push failures may pass on their own (a busy or briefly unreachable registry), for both builders.

/** Whether a push failure may pass on its own (network, a busy registry), so that it is worth retrying. Pure. */
export function transientPushFailure(cause: string): boolean {
  if (/unauthorized|denied|forbidden|not known|manifest invalid|name invalid|authentication required/i.test(cause)) return false;
  return /connection refused|connection reset|i\/o timeout|timeout|EOF|TLS handshake|no such host|50[0234]|too many requests|429|temporar/i.test(
    cause,
  );
}

/**
 * Whether a failed bake failed reaching a registry (pushing, exporting the cache, resolving an
 * image) in a way that may pass on its own (429, a 5xx, a refused or reset connection, a timeout,
 * a failed lookup), not building: then it is worth another try. Pure.
 */
export function transientBakeFailure(message: string): boolean {
  return (
    /push|export|failed to do request|unexpected status|failed to (copy|fetch|commit|authorize)/i.test(message) &&
    transientPushFailure(message)
  );
}
