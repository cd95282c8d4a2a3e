import { describe, expect, it } from '@jest/globals';
import { Pki } from '@todo-deploy/testkit';
import { X509Certificate } from 'node:crypto';
import {
  children,
  crlProblem,
  DerError,
  parseCrl,
  parseDer,
  readCertificateDer,
  readIntegerHex,
  readOid,
  readTime,
  Tag,
} from '../src/index.js';

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');

describe('DER reader', () => {
  it('reads object identifiers, integers and times', () => {
    expect(readOid(parseDer(hex('06 03 55 1d 1f')))).toBe('2.5.29.31');
    expect(readOid(parseDer(hex('06 08 2a 86 48 ce 3d 04 03 02')))).toBe('1.2.840.10045.4.3.2');
    expect(readIntegerHex(parseDer(hex('02 03 00 ff 01')))).toBe('ff01');
    expect(readTime(parseDer(Buffer.concat([hex('17 0d'), Buffer.from('491231235959Z')]))).toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(readTime(parseDer(Buffer.concat([hex('17 0d'), Buffer.from('500101000000Z')]))).toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(readTime(parseDer(Buffer.concat([hex('18 0f'), Buffer.from('20261122120000Z')]))).toISOString()).toBe(
      '2026-11-22T12:00:00.000Z',
    );
  });

  it('walks constructed elements, long lengths included', () => {
    const long = Buffer.concat([hex('30 81 83'), hex('04 81 80'), Buffer.alloc(128, 7)]);
    const [octets] = children(parseDer(long));
    expect(octets?.tag).toBe(Tag.OctetString);
    expect(octets?.value.length).toBe(128);
  });

  it.each([
    ['truncated', '30 05 02 01'],
    ['trailing bytes', '02 01 00 00'],
    ['indefinite length', '30 80 00 00'],
    ['length past the end', '04 84 ff ff ff ff'],
  ])('refuses %s data', (_name, data) => {
    expect(() => children(parseDer(hex(data)))).toThrow(DerError);
  });
});

describe('CRL and certificate fields made by openssl', () => {
  it('reads the CRL Distribution Points, and a CRL with its revoked serials, and checks its signature', async () => {
    const pki = await Pki.create();
    const ca = await pki.ca('ca');
    const other = await pki.ca('other', { commonName: 'ca' });
    const leaf = await pki.leaf('leaf', { commonName: 'a.test', issuer: ca, crlUrl: 'http://crl.test/ca.crl' });
    const leafDer = readCertificateDer(new X509Certificate(leaf.certPem).raw);
    expect(leafDer.crlUrls).toEqual(['http://crl.test/ca.crl']);
    await pki.revoke(leaf, ca, 'cessationOfOperation');
    const crl = parseCrl(await pki.crl(ca));
    expect(crl.revoked.get(leafDer.serialHex)).toEqual({ revokedAt: expect.any(Date), reason: 'cessation of operation' });
    expect(crl.nextUpdate!.getTime() - crl.thisUpdate.getTime()).toBe(7 * 86_400_000);
    const caCert = new X509Certificate(ca.certPem);
    const caDer = readCertificateDer(caCert.raw);
    expect(crlProblem(crl, caCert, caDer.subjectRaw, new Date())).toBeUndefined();
    // same name, another key: the signature decides
    const forged = parseCrl(await pki.crl(other));
    expect(crlProblem(forged, caCert, caDer.subjectRaw, new Date())).toBe('the CRL signature does not verify with the issuer key');
    expect(crlProblem(crl, caCert, caDer.subjectRaw, new Date(Date.now() + 8 * 86_400_000))).toMatch(/^the CRL is out of date/);
    expect(() => parseCrl(Buffer.from('not a crl'))).toThrow(DerError);
  });
});
