import type { SecureVersion } from 'node:tls';
import {
  InputError,
  parseBoolean,
  parseConnectAddress,
  parseChoice,
  parseDuration,
  parseInteger,
  parseList,
  parseOptionalNumber,
  parseRegExp,
  requireInput,
  type InputReader,
} from '@todo-deploy/inputs';
import { parseHostPort, parsePemBundle, type HostPort, type RevocationMode } from '@todo-deploy/net';

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
  Revocation: 'revocation',
} as const;

export const REVOCATION_MODES = ['warn', 'strict', 'off'] as const satisfies readonly RevocationMode[];

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
  /** warn: an unreadable CRL is a warning; strict: a failure; off: not checked. A revoked certificate fails unless off. */
  revocation: RevocationMode;
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
  const connectAddress = parseConnectAddress(Input.ConnectAddress, read(Input.ConnectAddress));
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
    revocation: parseChoice(Input.Revocation, read(Input.Revocation), REVOCATION_MODES, 'warn', (t) => t.toLowerCase()),
  };
}
