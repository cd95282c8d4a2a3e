import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Pki } from '../src/index.js';

describe('Pki', () => {
  it('issues a chain root -> intermediate -> leaf with the asked window and names', async () => {
    const pki = await Pki.create();
    const root = await pki.ca('root', { organization: 'Test Root Org' });
    const intermediate = await pki.ca('intermediate', { issuer: root, organization: "Let's Test" });
    const leaf = await pki.leaf('leaf', {
      commonName: 'todo.test',
      sans: ['todo.test', '127.0.0.1'],
      issuer: intermediate,
      startDays: -10,
      endDays: 5,
    });
    const cert = new X509Certificate(leaf.certPem);
    expect(cert.checkIssued(new X509Certificate(intermediate.certPem))).toBe(true);
    expect(new X509Certificate(intermediate.certPem).checkIssued(new X509Certificate(root.certPem))).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:todo.test, IP Address:127.0.0.1');
    const daysLeft = (new Date(cert.validTo).getTime() - Date.now()) / 86_400_000;
    expect(daysLeft).toBeGreaterThan(4.9);
    expect(daysLeft).toBeLessThan(5.1);
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now() - 9 * 86_400_000);
  });

  it('issues self-signed and expired leaves', async () => {
    const pki = await Pki.create();
    const self = await pki.leaf('self', { commonName: 'todo.test' });
    const selfCert = new X509Certificate(self.certPem);
    expect(selfCert.subject).toBe(selfCert.issuer);
    const root = await pki.ca('root');
    const expired = new X509Certificate(
      (await pki.leaf('expired', { commonName: 'todo.test', issuer: root, startDays: -30, endDays: -1 })).certPem,
    );
    expect(new Date(expired.validTo).getTime()).toBeLessThan(Date.now());
  });
});
