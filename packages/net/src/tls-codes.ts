/** OpenSSL and Node verification codes in words. */
const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN:
    'certificate issuer is not trusted: the chain ends in a self-signed root that is not trusted (a private CA? give its certificate in ca-cert)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'certificate issuer is not trusted: either a private CA (give its certificate in ca-cert) or an intermediate the server does not send',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    'certificate issuer is not trusted: the chain ends at an issuer that is not a trusted root (a private CA? give its certificate in ca-cert)',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate issuer is not trusted (its issuer certificate was not found)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate does not match the host name',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature does not verify',
  CERT_UNTRUSTED: 'certificate is not trusted',
  INVALID_CA: 'an issuer in the chain is not a valid CA',
  PATH_LENGTH_EXCEEDED: 'certificate chain is longer than its CA allows',
  HOSTNAME_MISMATCH: 'certificate does not match the host name',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'server offers no TLS version this client accepts',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'server refused the TLS version',
  ERR_SSL_EXCESSIVE_MESSAGE_SIZE: 'the certificate chain the server sends is too large to read (over 100 KiB)',
  ERR_SSL_CA_MD_TOO_WEAK: 'a certificate in the chain is signed with a weak digest (SHA-1 or MD5)',
  ERR_SSL_EE_KEY_TOO_SMALL: "the server certificate's key is too small",
};

export function isTlsVerificationCode(code: string): boolean {
  return code in TLS_REASONS && !code.startsWith('ERR_SSL_');
}

export function tlsReason(code: string): string | undefined {
  return TLS_REASONS[code];
}
