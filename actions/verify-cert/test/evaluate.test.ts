import { describe, expect, it } from '@jest/globals';
import type { CertificateFacts, TlsInspection } from '@todo-deploy/net';
import { certificateProblems } from '../src/evaluate-certificate.js';
import { evaluateRedirect } from '../src/evaluate-redirect.js';

const now = new Date('2026-11-22T12:00:00Z');
const day = 86_400_000;
const leaf = (from: number, to: number, extra: Partial<CertificateFacts> = {}): CertificateFacts => ({
  subject: 'CN=todo.test',
  issuer: "O=Let's Encrypt, CN=R11",
  issuerOrganization: "Let's Encrypt",
  issuerCommonName: 'R11',
  sans: ['todo.test'],
  notBefore: new Date(now.getTime() + from * day),
  notAfter: new Date(now.getTime() + to * day),
  selfIssued: false,
  fingerprint256: 'AA',
  signatureAlgorithm: 'ecdsa-with-SHA256',
  keyType: 'ec',
  keyCurve: 'prime256v1',
  caIssuersUrls: [],
  ...extra,
});
const ok = (facts: CertificateFacts, more: Partial<TlsInspection> = {}): TlsInspection => ({ leaf: facts, tlsVersion: 'TLSv1.3', ...more });

describe('certificateProblems', () => {
  it('passes a valid certificate', () => {
    expect(certificateProblems(ok(leaf(-10, 80)), 'todo.test', { minDaysRemaining: 14, expectedIssuer: /Let's Encrypt/ }, now)).toEqual([]);
  });

  it.each([
    ['CERT_HAS_EXPIRED', leaf(-90, -1), 'certificate expired on 2026-11-21 (valid 2026-08-24 to 2026-11-21)'],
    ['CERT_NOT_YET_VALID', leaf(3, 90), 'certificate is not valid until 2026-11-25 (valid 2026-11-25 to 2027-02-20)'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', leaf(-1, 90), 'certificate is self-signed (subject CN=todo.test, valid 2026-11-21 to 2027-02-20)'],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      leaf(-1, 90),
      "certificate issuer 'O=Let's Encrypt, CN=R11' is not trusted and the server sends no chain; the certificate names no issuer URL",
    ],
  ])('explains %s with dates', (code, facts, message) => {
    expect(certificateProblems(ok(facts, { chainError: code }), 'todo.test', { minDaysRemaining: 0 }, now)[0]).toContain(message);
  });

  it('tells a missing intermediate (the leaf names its issuer URL) from a private CA sent without chain', () => {
    const withAia = leaf(-1, 90, { caIssuersUrls: ['http://r11.i.lencr.org/'] });
    expect(
      certificateProblems(ok(withAia, { chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'todo.test', { minDaysRemaining: 0 }, now),
    ).toEqual([
      "certificate chain is incomplete: the server does not send the intermediate 'O=Let's Encrypt, CN=R11' (the certificate names it at http://r11.i.lencr.org/); serve the full chain",
    ]);
  });

  it('names weak signatures and small RSA keys, but not the self-signature of a root', () => {
    const weak = leaf(-1, 90, { signatureAlgorithm: 'sha1WithRSAEncryption', keyType: 'rsa', keyBits: 1024 });
    const root = leaf(-1, 90, { subject: 'CN=root', selfIssued: true, signatureAlgorithm: 'md5WithRSAEncryption' });
    expect(certificateProblems(ok(weak, { served: [weak, root] }), 'todo.test', { minDaysRemaining: 0 }, now)).toEqual([
      'certificate is signed with SHA-1 (sha1WithRSAEncryption), which browsers refuse; reissue it with SHA-256',
      'certificate has a 1024-bit RSA key, under the minimum of 2048 bits',
    ]);
    const md5 = leaf(-1, 90, { signatureAlgorithm: 'md5WithRSAEncryption', keyType: 'rsa', keyBits: 4096 });
    expect(certificateProblems(ok(md5), 'todo.test', { minDaysRemaining: 0 }, now)).toEqual([
      'certificate is signed with MD5 (md5WithRSAEncryption), which browsers refuse; reissue it with SHA-256',
    ]);
  });

  it('names a wrong host with the names the certificate has', () => {
    expect(certificateProblems(ok(leaf(-1, 90), { hostError: 'x' }), 'other.test', { minDaysRemaining: 0 }, now)).toEqual([
      'certificate is not valid for other.test (names: todo.test)',
    ]);
  });

  it('counts days and the share of lifetime left', () => {
    expect(certificateProblems(ok(leaf(-85, 5)), 'todo.test', { minDaysRemaining: 14, minLifetimeRemainingPercent: 10 }, now)).toEqual([
      'certificate expires in 5 days on 2026-11-27, under the minimum of 14',
      "only 5.6% of the certificate's lifetime is left (valid 2026-08-29 to 2026-11-27), under the minimum of 10%",
    ]);
    expect(certificateProblems(ok(leaf(-85, 5)), 'todo.test', { minDaysRemaining: 5, minLifetimeRemainingPercent: 5 }, now)).toEqual([]);
  });

  it('matches the issuer on organization or common name', () => {
    expect(certificateProblems(ok(leaf(-1, 90)), 'todo.test', { minDaysRemaining: 0, expectedIssuer: /^R1\d$/ }, now)).toEqual([]);
    expect(certificateProblems(ok(leaf(-1, 90)), 'todo.test', { minDaysRemaining: 0, expectedIssuer: /ZeroSSL/ }, now)).toEqual([
      "issuer 'O=Let's Encrypt, CN=R11' does not match /ZeroSSL/",
    ]);
  });

  it('reports a failed connection', () => {
    expect(
      certificateProblems(
        { failure: { code: 'ECONNREFUSED', message: 'connection refused', retryable: true, tls: false } },
        'todo.test',
        { minDaysRemaining: 14 },
        now,
      ),
    ).toEqual(['connection refused']);
  });
});

describe('evaluateRedirect', () => {
  const url = 'http://todo.test/';
  it.each([
    [301, 'https://todo.test/', 443, true, '301 -> https://todo.test/'],
    [308, 'https://todo.test:8443/', 8443, true, '308 -> https://todo.test:8443/'],
    [302, 'https://todo.test/login', 443, true, '302 -> https://todo.test/login'],
    [200, undefined, 443, false, 'http://todo.test/ answered 200, not a redirect to HTTPS'],
    [301, undefined, 443, false, 'http://todo.test/ answered 301 without a Location header'],
    [301, 'http://todo.test/', 443, false, 'http://todo.test/ redirects to http://todo.test/, not to https://todo.test/'],
    [307, 'https://evil.test/', 443, false, 'http://todo.test/ redirects to https://evil.test/, not to https://todo.test/'],
  ])('%d to %s', (status, location, port, verdict, description) => {
    const headers: Record<string, string> = location ? { location } : {};
    expect(evaluateRedirect({ status, headers, body: '', durationMs: 1 }, 'todo.test', port, url)).toEqual({ ok: verdict, description });
  });
});
