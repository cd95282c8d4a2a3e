import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from '@todo-deploy/process';
import { openssl } from './openssl.js';
import { freePort } from './servers.js';

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
  /** No subjectAltName extension at all (the name only in the Common Name). */
  noSan?: boolean;
  /** An empty subject, the names only in subjectAltName (as ACME CAs issue leaves now). */
  emptySubject?: boolean;
  /** The key: P-256 (default) or RSA of this many bits. */
  rsaBits?: number;
  /** The digest the issuer signs with (sha256 by default; sha1 and md5 for weak certificates). */
  digest?: 'sha256' | 'sha1' | 'md5';
  /** CRL Distribution Points URL. */
  crlUrl?: string;
  /** Authority Information Access: CA Issuers URL and OCSP responder URL. */
  caIssuersUrl?: string;
  ocspUrl?: string;
}

/** RFC 5280 reason names as openssl ca -crl_reason takes them. */
export type RevocationReason =
  'unspecified' | 'keyCompromise' | 'CACompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation';

export interface OcspResponder {
  url: string;
  /** The DER OCSP response the responder gives for this certificate (what a server staples). */
  responseFor: (leaf: Issued, issuer: Issued) => Promise<Buffer>;
  /** Stops the openssl ocsp process this responder runs. */
  stop: () => Promise<void>;
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
commonName = optional
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

  private async key(name: string, rsaBits?: number): Promise<string> {
    const keyFile = join(this.dir, `${name}.key`);
    const algorithm = rsaBits
      ? ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${rsaBits}`]
      : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
    await openssl(['genpkey', ...algorithm, '-out', keyFile], this.dir);
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
    digest = 'sha256',
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
        '-md',
        digest,
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
    const keyFile = await this.key(name, options.rsaBits);
    const csr = join(this.dir, `${name}.csr`);
    const subject = options.emptySubject ? '/' : this.subject(options.commonName, options.organization);
    await openssl(['req', '-new', '-key', keyFile, '-subj', subject, '-out', csr], this.dir);
    const sans = (options.sans ?? [options.commonName]).map((san) => (/^[\d.]+$|:/.test(san) ? `IP:${san}` : `DNS:${san}`)).join(', ');
    const access = [
      ...(options.caIssuersUrl ? [`caIssuers;URI:${options.caIssuersUrl}`] : []),
      ...(options.ocspUrl ? [`OCSP;URI:${options.ocspUrl}`] : []),
    ];
    const ext = [
      'basicConstraints = CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
      'extendedKeyUsage = serverAuth',
      ...(options.noSan ? [] : [`subjectAltName = ${sans}`]),
      ...(options.crlUrl ? [`crlDistributionPoints = URI:${options.crlUrl}`] : []),
      ...(access.length > 0 ? [`authorityInfoAccess = ${access.join(', ')}`] : []),
    ].join('\n');
    const certFile = await this.sign(
      name,
      csr,
      ext,
      options.issuer,
      options.startDays ?? -1,
      options.endDays ?? 90,
      keyFile,
      options.digest,
    );
    return this.issued(name, keyFile, certFile);
  }

  /** Marks a certificate as revoked in the CA database (all CAs of this Pki share one). */
  async revoke(cert: Issued, issuer: Issued, reason: RevocationReason = 'keyCompromise'): Promise<void> {
    await openssl(
      ['ca', '-config', 'ca.cnf', '-cert', issuer.certFile, '-keyfile', issuer.keyFile, '-revoke', cert.certFile, '-crl_reason', reason],
      this.dir,
    );
  }

  /**
   * A DER CRL signed by this CA, listing the certificates revoked so far (the database is
   * shared, so it may list serials of other CAs of this Pki too: harmless, serials are random).
   */
  async crl(issuer: Issued, options: { days?: number; digest?: string } = {}): Promise<Buffer> {
    const pem = join(this.dir, `${issuer.name}.crl.pem`);
    const der = join(this.dir, `${issuer.name}.crl`);
    await openssl(
      [
        'ca',
        '-config',
        'ca.cnf',
        '-gencrl',
        '-cert',
        issuer.certFile,
        '-keyfile',
        issuer.keyFile,
        '-md',
        options.digest ?? 'sha256',
        '-crldays',
        String(options.days ?? 7),
        '-out',
        pem,
      ],
      this.dir,
    );
    await openssl(['crl', '-in', pem, '-outform', 'DER', '-out', der], this.dir);
    return readFileSync(der);
  }

  /** An OCSP responder for this CA: `openssl ocsp -port`, answering from the CA database, signed by the CA. */
  async ocspResponder(issuer: Issued): Promise<OcspResponder> {
    const port = await freePort();
    const stopper = new AbortController();
    const responder = runProcess(
      [
        'openssl',
        'ocsp',
        '-index',
        'index.txt',
        '-port',
        String(port),
        '-rsigner',
        issuer.certFile,
        '-rkey',
        issuer.keyFile,
        '-CA',
        issuer.certFile,
        '-ignore_err',
      ],
      { cwd: this.dir, signal: stopper.signal },
    );
    const url = `http://127.0.0.1:${port}`;
    const responseFor = async (leaf: Issued, leafIssuer: Issued): Promise<Buffer> => {
      const out = join(this.dir, `${leaf.name}.ocsp`);
      await openssl(
        ['ocsp', '-issuer', leafIssuer.certFile, '-cert', leaf.certFile, '-url', url, '-respout', out, '-noverify', '-timeout', '5'],
        this.dir,
      );
      return readFileSync(out);
    };
    // ready when it answers a real request: a bare connection would hold the one-at-a-time responder
    for (let tries = 0; ; tries += 1) {
      try {
        await responseFor(issuer, issuer);
        break;
      } catch (error) {
        if (tries >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    return {
      url,
      responseFor,
      stop: async () => {
        stopper.abort();
        await responder;
      },
    };
  }
}
