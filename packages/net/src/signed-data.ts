import { verify, type KeyObject } from 'node:crypto';
import { children, expectTag, readOid, Tag, type DerNode } from './der.js';

const HASH_OF_SIGNATURE: Record<string, string | null> = {
  '1.2.840.113549.1.1.4': 'md5',
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null, // Ed25519: no separate hash
  '1.3.101.113': null,
};

/** The OID of an AlgorithmIdentifier. */
export const algorithmOid = (node: DerNode | undefined): string =>
  readOid(children(expectTag(node, Tag.Sequence, 'an algorithm'))[0] as DerNode);

/**
 * Whether `signature` over `signed` (the raw to-be-signed DER) verifies with `key` under the
 * algorithm named by `oid`. An algorithm this code does not know does not verify.
 */
export function verifySignature(oid: string, signed: Buffer, signature: Buffer, key: KeyObject): boolean {
  if (!(oid in HASH_OF_SIGNATURE)) return false;
  try {
    return verify(HASH_OF_SIGNATURE[oid] ?? null, signed, key, signature);
  } catch {
    return false;
  }
}
