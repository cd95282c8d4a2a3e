export { parsePemBundle, trustedRoots, secureContextFor } from './trust.js';
export { describeNetworkError, type NetworkFailure } from './describe-error.js';
export { tlsReason, isTlsVerificationCode } from './tls-codes.js';
export { httpAttempt, nextHop, MAX_REDIRECTS, type HttpAttemptOptions, type HttpAttemptResult } from './http-attempt.js';
export { certificateFacts, parseDistinguishedName, type CertificateFacts } from './certificate-facts.js';
export { inspectTls, type TlsInspectOptions, type TlsInspection } from './tls-inspect.js';
export { parseHttpUrl, parseHostPort, hideCredentials, type HostPort } from './url.js';
