/** OpenSSL and Node verification codes in words. */
const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'certificate chain ends in a self-signed root that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate chain is incomplete or untrusted (cannot verify the leaf; is an intermediate missing?)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate issuer is not trusted (unknown root or missing intermediate)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer is not trusted (unknown issuer)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature does not verify',
  CERT_UNTRUSTED: 'certificate is not trusted',
  INVALID_CA: 'an issuer in the chain is not a valid CA',
  PATH_LENGTH_EXCEEDED: 'certificate chain is longer than its CA allows',
  HOSTNAME_MISMATCH: 'certificate does not match the host name',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'server offers no TLS version this client accepts',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'server refused the TLS version',
};

export function isTlsVerificationCode(code: string): boolean {
  return code in TLS_REASONS && !code.startsWith('ERR_SSL_');
}

export function tlsReason(code: string): string | undefined {
  return TLS_REASONS[code];
}
