// A minimal reader of DER (the binary encoding of X.509 certificates, CRLs and OCSP
// responses): enough to walk their structure. No dependency: Node reads certificates but
// neither CRLs nor OCSP responses.

export interface DerNode {
  /** The identifier byte: class, constructed bit and tag number (tags above 30 are refused). */
  tag: number;
  /** The whole element (identifier, length, contents). */
  raw: Buffer;
  /** The contents only. */
  value: Buffer;
}

export const Tag = {
  Boolean: 0x01,
  Integer: 0x02,
  BitString: 0x03,
  OctetString: 0x04,
  Null: 0x05,
  Oid: 0x06,
  Enumerated: 0x0a,
  Utf8String: 0x0c,
  UtcTime: 0x17,
  GeneralizedTime: 0x18,
  Sequence: 0x30,
  Set: 0x31,
} as const;

export class DerError extends Error {}

/** Context-specific tag number n, constructed (as [n] EXPLICIT or an IMPLICIT SEQUENCE) or primitive. */
export const contextTag = (n: number, constructed = true): number => 0x80 | (constructed ? 0x20 : 0) | n;

/** Reads the element that starts at offset; its end must lie inside the buffer. */
export function readNode(buffer: Buffer, offset = 0): DerNode {
  if (offset + 2 > buffer.length) throw new DerError('DER: truncated element');
  const tag = buffer[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('DER: high tag numbers are not supported');
  let length = buffer[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4) throw new DerError('DER: indefinite or oversized length');
    if (offset + 2 + bytes > buffer.length) throw new DerError('DER: truncated length');
    length = 0;
    for (let i = 0; i < bytes; i += 1) length = length * 256 + (buffer[offset + 2 + i] as number);
    header += bytes;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError('DER: element runs past the end of the data');
  return { tag, raw: buffer.subarray(offset, end), value: buffer.subarray(offset + header, end) };
}

/** The one element a buffer holds; trailing bytes are an error. */
export function parseDer(buffer: Buffer): DerNode {
  const node = readNode(buffer, 0);
  if (node.raw.length !== buffer.length) throw new DerError('DER: trailing bytes after the element');
  return node;
}

/** The elements inside a constructed element, in order. */
export function children(node: DerNode): DerNode[] {
  if (!(node.tag & 0x20)) throw new DerError(`DER: element with tag 0x${node.tag.toString(16)} is not constructed`);
  const items: DerNode[] = [];
  for (let offset = 0; offset < node.value.length;) {
    const child = readNode(node.value, offset);
    items.push(child);
    offset += child.raw.length;
  }
  return items;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`DER: expected ${what}`);
  return node;
}

/** Dotted text of an OBJECT IDENTIFIER. */
export function readOid(node: DerNode): string {
  expectTag(node, Tag.Oid, 'an object identifier');
  const bytes = node.value;
  if (bytes.length === 0) throw new DerError('DER: empty object identifier');
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() as number;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** An INTEGER (or serial number) as lower-case hex without leading zero bytes. */
export function readIntegerHex(node: DerNode): string {
  expectTag(node, Tag.Integer, 'an integer');
  let start = 0;
  while (start < node.value.length - 1 && node.value[start] === 0) start += 1;
  return node.value.subarray(start).toString('hex');
}

/** A small INTEGER or ENUMERATED as a number. */
export function readSmallInteger(node: DerNode): number {
  if (node.tag !== Tag.Integer && node.tag !== Tag.Enumerated) throw new DerError('DER: expected an integer');
  return node.value.reduce((n, byte) => n * 256 + byte, 0);
}

/** UTCTime or GeneralizedTime (the forms X.509 uses: seconds, optional fraction, Z). */
export function readTime(node: DerNode): Date {
  const text = node.value.toString('latin1');
  const match =
    node.tag === Tag.UtcTime
      ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text)
      : node.tag === Tag.GeneralizedTime
        ? /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.\d+)?Z$/.exec(text)
        : null;
  if (!match) throw new DerError('DER: expected a UTC time');
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const year = node.tag === Tag.UtcTime ? ((y as number) < 50 ? 2000 + (y as number) : 1900 + (y as number)) : (y as number);
  return new Date(Date.UTC(year, (mo as number) - 1, d, h, mi, s));
}

/** The bytes of a BIT STRING with no unused bits (signatures, keys). */
export function readBitString(node: DerNode): Buffer {
  expectTag(node, Tag.BitString, 'a bit string');
  if (node.value[0] !== 0) throw new DerError('DER: bit string with unused bits');
  return node.value.subarray(1);
}
