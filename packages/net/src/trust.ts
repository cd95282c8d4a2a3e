import { X509Certificate } from 'node:crypto';
import * as tls from 'node:tls';
import { InputError } from '@todo-deploy/inputs';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Splits a PEM bundle into certificates and checks that each one parses. An empty text
 * gives an empty list; text that holds no certificate or a broken one is an InputError.
 */
export function parsePemBundle(input: string, text: string): string[] {
  if (text.trim() === '') return [];
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new InputError(
      input,
      'no PEM certificate found (expected -----BEGIN CERTIFICATE----- blocks)',
      '-----BEGIN CERTIFICATE-----\\nMIIB...\\n-----END CERTIFICATE-----',
    );
  }
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new InputError(
        input,
        `certificate ${index + 1} of ${blocks.length} does not parse (${(error as Error).message})`,
        '-----BEGIN CERTIFICATE-----\\nMIIB...\\n-----END CERTIFICATE-----',
      );
    }
  });
  return blocks;
}

/** The roots a connection trusts: Node's bundled roots plus the extra certificates given. */
export function trustedRoots(extra: readonly string[]): string[] | undefined {
  if (extra.length === 0) return undefined;
  return [...tls.rootCertificates, ...extra];
}

const contexts = new WeakMap<readonly string[], Map<string, tls.SecureContext>>();

/**
 * One TLS context per trust list and minimum version, made once: parsing ~150 roots for
 * every connection would make checking many hosts slow.
 */
export function secureContextFor(ca: readonly string[], minVersion: tls.SecureVersion = 'TLSv1.2', ciphers?: string): tls.SecureContext {
  let byVersion = contexts.get(ca);
  if (!byVersion) {
    byVersion = new Map();
    contexts.set(ca, byVersion);
  }
  const key = `${minVersion} ${ciphers ?? ''}`;
  let context = byVersion.get(key);
  if (!context) {
    context = tls.createSecureContext({ ca: [...ca], minVersion, ...(ciphers ? { ciphers } : {}) });
    byVersion.set(key, context);
  }
  return context;
}
