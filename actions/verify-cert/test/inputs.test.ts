import { describe, expect, it } from '@jest/globals';
import { recordingReader } from '@todo-deploy/inputs';
import { readInputs } from '../src/inputs.js';

const read = (values: Record<string, string>) => recordingReader({ hosts: 'todo.example.com', ...values }).read;

describe('verify-cert inputs', () => {
  it('reads defaults', () => {
    expect(readInputs(read({}))).toEqual({
      hosts: [{ host: 'todo.example.com', port: 443 }],
      policy: { minDaysRemaining: 14 },
      checkRedirect: true,
      httpPort: 80,
      caCerts: [],
      minTlsVersion: 'TLSv1.2',
      timeoutMs: 120_000,
      intervalMs: 10_000,
      revocation: 'warn',
    });
    expect(readInputs(read({ revocation: 'Strict' })).revocation).toBe('strict');
    expect(() => readInputs(read({ revocation: 'hard' }))).toThrow(/^Input 'revocation': /);
  });

  it('reads a full set', () => {
    const inputs = readInputs(
      read({
        hosts: 'a.test\n# comment\nb.test:8443\n[::1]:9443',
        'min-days-remaining': '21',
        'min-lifetime-remaining-percent': '33.3',
        'expected-issuer': "Let's Encrypt",
        'check-redirect': 'false',
        'http-port': '8080',
        'connect-address': '203.0.113.10',
        'min-tls-version': 'tlsv1.3',
        timeout: '10m',
        interval: '5s',
      }),
    );
    expect(inputs.hosts).toEqual([
      { host: 'a.test', port: 443 },
      { host: 'b.test', port: 8443 },
      { host: '::1', port: 9443 },
    ]);
    expect(inputs.policy.minLifetimeRemainingPercent).toBe(33.3);
    expect(inputs.policy.expectedIssuer?.test("Let's Encrypt")).toBe(true);
    expect(inputs).toMatchObject({
      checkRedirect: false,
      httpPort: 8080,
      connectAddress: '203.0.113.10',
      minTlsVersion: 'TLSv1.3',
      timeoutMs: 600_000,
      intervalMs: 5000,
    });
  });

  it.each([
    [{ hosts: '' }, "Input 'hosts': a value is required. Example of an accepted value: todo.example.com"],
    [{ hosts: '\n# none\n' }, "Input 'hosts': no host given"],
    [
      { hosts: 'todo.example.com:70000' },
      "Input 'hosts': port 70000 of 'todo.example.com:70000' is out of range 1-65535. Example of an accepted value: todo.example.com:443",
    ],
    [{ hosts: 'todo.example.com:0' }, "Input 'hosts': port 0 of 'todo.example.com:0' is out of range 1-65535"],
    [{ hosts: 'https://todo.example.com/' }, "Input 'hosts': 'https://todo.example.com/' is not host or host:port"],
    [{ 'min-days-remaining': 'ten' }, "Input 'min-days-remaining': 'ten' is not a whole number from 0 to 3650"],
    [{ 'min-lifetime-remaining-percent': '150' }, "Input 'min-lifetime-remaining-percent': '150' is not a number from 0 to 100"],
    [{ 'expected-issuer': "Let's (Encrypt" }, "Input 'expected-issuer': 'Let's (Encrypt' is not a valid regular expression"],
    [{ 'check-redirect': 'maybe' }, "Input 'check-redirect': 'maybe' is not a boolean"],
    [{ 'http-port': '99999' }, "Input 'http-port': '99999' is not a whole number from 1 to 65535"],
    [{ 'connect-address': 'not an address!' }, "Input 'connect-address': 'not an address!' is not an IP address or a host name"],
    [{ 'ca-cert': 'garbage' }, "Input 'ca-cert': no PEM certificate found"],
    [
      { 'ca-cert': '-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----' },
      "Input 'ca-cert': certificate 1 of 1 does not parse",
    ],
    [{ 'min-tls-version': 'SSLv3' }, "Input 'min-tls-version': 'SSLv3' is not one of TLSv1.2, TLSv1.3"],
    [{ timeout: '10 min' }, "Input 'timeout': '10 min' is not a duration"],
    [{ interval: '3w' }, "Input 'interval': '3w' is not a duration"],
    [{ interval: '0s' }, "Input 'interval': the duration must be longer than zero"],
  ])('rejects %j', (values, message) => {
    expect(() => readInputs(read(values))).toThrow(message);
  });
});
