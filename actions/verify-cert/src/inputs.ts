import { isIP } from 'node:net';
import type { SecureVersion } from 'node:tls';
import {
  InputError,
  parseBoolean,
  parseChoice,
  parseDuration,
  parseInteger,
  parseList,
  parseOptionalNumber,
  parseRegExp,
  requireInput,
  type InputReader,
} from '@todo-deploy/inputs';
import { parseHostPort, parsePemBundle, type HostPort } from '@todo-deploy/net';

export const Input = {
  Hosts: 'hosts',
  MinDaysRemaining: 'min-days-remaining',
  MinLifetimeRemainingPercent: 'min-lifetime-remaining-percent',
  ExpectedIssuer: 'expected-issuer',
  CheckRedirect: 'check-redirect',
  HttpPort: 'http-port',
  ConnectAddress: 'connect-address',
  CaCert: 'ca-cert',
  MinTlsVersion: 'min-tls-version',
  Timeout: 'timeout',
  Interval: 'interval',
} as const;

export const TLS_VERSIONS = ['TLSv1.2', 'TLSv1.3'] as const satisfies readonly SecureVersion[];

export interface CertPolicy {
  minDaysRemaining: number;
  minLifetimeRemainingPercent?: number;
  expectedIssuer?: RegExp;
}

export interface VerifyInputs {
  hosts: HostPort[];
  policy: CertPolicy;
  checkRedirect: boolean;
  httpPort: number;
  connectAddress?: string;
  caCerts: string[];
  minTlsVersion: SecureVersion;
  timeoutMs: number;
  intervalMs: number;
}

function parseConnectAddress(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  const hostname = /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
  if (isIP(text) === 0 && !hostname.test(text)) {
    throw new InputError(Input.ConnectAddress, `'${text}' is not an IP address or a host name`, '203.0.113.10');
  }
  return text;
}

/** Reads and checks every input; throws an InputError naming the first bad one. */
export function readInputs(read: InputReader): VerifyInputs {
  const lines = parseList(requireInput(read, Input.Hosts, 'todo.example.com'));
  if (lines.length === 0) throw new InputError(Input.Hosts, 'no host given (only blank or comment lines)', 'todo.example.com');
  const hosts = lines.map((line) => parseHostPort(Input.Hosts, line, 443));
  const expectedIssuer = parseRegExp(Input.ExpectedIssuer, read(Input.ExpectedIssuer), "Let's Encrypt");
  const minLifetimeRemainingPercent = parseOptionalNumber(
    Input.MinLifetimeRemainingPercent,
    read(Input.MinLifetimeRemainingPercent),
    0,
    100,
    '33',
  );
  const connectAddress = parseConnectAddress(read(Input.ConnectAddress));
  const timeoutMs = parseDuration(Input.Timeout, read(Input.Timeout), 120_000);
  const intervalMs = parseDuration(Input.Interval, read(Input.Interval), 10_000);
  if (intervalMs <= 0) throw new InputError(Input.Interval, 'the duration must be longer than zero', '10s');
  return {
    hosts,
    policy: {
      minDaysRemaining: parseInteger(Input.MinDaysRemaining, read(Input.MinDaysRemaining), 14, 0, 3650),
      ...(minLifetimeRemainingPercent !== undefined ? { minLifetimeRemainingPercent } : {}),
      ...(expectedIssuer ? { expectedIssuer } : {}),
    },
    checkRedirect: parseBoolean(Input.CheckRedirect, read(Input.CheckRedirect), true),
    httpPort: parseInteger(Input.HttpPort, read(Input.HttpPort), 80, 1, 65535),
    ...(connectAddress ? { connectAddress } : {}),
    caCerts: parsePemBundle(Input.CaCert, read(Input.CaCert)),
    minTlsVersion: parseChoice(Input.MinTlsVersion, read(Input.MinTlsVersion), TLS_VERSIONS, 'TLSv1.2', (t) =>
      t.replace(/^tlsv?/i, 'TLSv'),
    ),
    timeoutMs,
    intervalMs,
  };
}
