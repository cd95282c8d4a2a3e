import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openssl } from './openssl.js';

export interface Issued {
  name: string;
  keyPem: string;
  certPem: string;
  keyFile: string;
  certFile: string;
}

export interface LeafOptions {
  /** Subject common name; also the first DNS name unless sans is given. */
  commonName: string;
  sans?: string[];
  /** Validity window relative to now, in days (negative = in the past). */
  startDays?: number;
  endDays?: number;
  /** Who signs: an issued CA, or undefined for a self-signed certificate. */
  issuer?: Issued;
  organization?: string;
}

const day = 86_400_000;

function opensslTime(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * day).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
}

const CA_CONFIG = `[ ca ]
default_ca = lab
[ lab ]
database = index.txt
new_certs_dir = issued
rand_serial = yes
default_md = sha256
policy = any
unique_subject = no
email_in_dn = no
copy_extensions = none
[ any ]
organizationName = optional
commonName = supplied
`;

/**
 * A private PKI in a temporary folder, made with the openssl command: a root CA, CAs under
 * it and leaf certificates with any validity window, names and issuer.
 */
export class Pki {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async create(): Promise<Pki> {
    const dir = mkdtempSync(join(tmpdir(), 'pki-'));
    mkdirSync(join(dir, 'issued'));
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
    return new Pki(dir);
  }

  private async key(name: string): Promise<string> {
    const keyFile = join(this.dir, `${name}.key`);
    await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile], this.dir);
    return keyFile;
  }

  private subject(commonName: string, organization?: string): string {
    return organization ? `/O=${organization}/CN=${commonName}` : `/CN=${commonName}`;
  }

  private async sign(
    name: string,
    csr: string,
    extensions: string,
    issuer: Issued | undefined,
    startDays: number,
    endDays: number,
    selfKey?: string,
  ): Promise<string> {
    const certFile = join(this.dir, `${name}.crt`);
    const extFile = join(this.dir, `${name}.ext`);
    writeFileSync(extFile, `[ v3 ]\n${extensions}\n`);
    const signer = issuer ? ['-cert', issuer.certFile, '-keyfile', issuer.keyFile] : ['-selfsign', '-keyfile', selfKey as string];
    await openssl(
      [
        'ca',
        '-config',
        'ca.cnf',
        '-batch',
        '-notext',
        ...signer,
        '-in',
        csr,
        '-out',
        certFile,
        '-extfile',
        extFile,
        '-extensions',
        'v3',
        '-startdate',
        opensslTime(startDays),
        '-enddate',
        opensslTime(endDays),
      ],
      this.dir,
    );
    return certFile;
  }

  private issued(name: string, keyFile: string, certFile: string): Issued {
    return { name, keyFile, certFile, keyPem: readFileSync(keyFile, 'utf8'), certPem: readFileSync(certFile, 'utf8') };
  }

  /** A CA certificate: self-signed root without issuer, intermediate with one. */
  async ca(name: string, options: { issuer?: Issued; organization?: string; commonName?: string } = {}): Promise<Issued> {
    const keyFile = await this.key(name);
    const csr = join(this.dir, `${name}.csr`);
    await openssl(
      ['req', '-new', '-key', keyFile, '-subj', this.subject(options.commonName ?? name, options.organization), '-out', csr],
      this.dir,
    );
    const ext = 'basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign\nsubjectKeyIdentifier = hash';
    const certFile = await this.sign(name, csr, ext, options.issuer, -1, 3650, keyFile);
    return this.issued(name, keyFile, certFile);
  }

  /** A server certificate. */
  async leaf(name: string, options: LeafOptions): Promise<Issued> {
    const keyFile = await this.key(name);
    const csr = join(this.dir, `${name}.csr`);
    await openssl(['req', '-new', '-key', keyFile, '-subj', this.subject(options.commonName, options.organization), '-out', csr], this.dir);
    const sans = (options.sans ?? [options.commonName]).map((san) => (/^[\d.]+$|:/.test(san) ? `IP:${san}` : `DNS:${san}`)).join(', ');
    const ext = `basicConstraints = CA:FALSE\nkeyUsage = critical, digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectAltName = ${sans}`;
    const certFile = await this.sign(name, csr, ext, options.issuer, options.startDays ?? -1, options.endDays ?? 90, keyFile);
    return this.issued(name, keyFile, certFile);
  }
}
