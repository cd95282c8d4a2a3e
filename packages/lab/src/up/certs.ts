import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from '@todo-deploy/process';

/** Files of the lab's private PKI, all under <state>/pki. */
export interface LabPki {
  dir: string;
  caCert: string;
  caKey: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  /** The aggregator's own CA and the client certificate it presents to aggregated API servers (metrics-server). */
  frontProxyCaCert: string;
  frontProxyCaKey: string;
  frontProxyClientCert: string;
  frontProxyClientKey: string;
}

export function pkiPaths(stateDir: string): LabPki {
  const dir = join(stateDir, 'pki');
  return {
    dir,
    caCert: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    serverCert: join(dir, 'apiserver.crt'),
    serverKey: join(dir, 'apiserver.key'),
    adminCert: join(dir, 'admin.crt'),
    adminKey: join(dir, 'admin.key'),
    serviceAccountKey: join(dir, 'sa.key'),
    serviceAccountPub: join(dir, 'sa.pub'),
    frontProxyCaCert: join(dir, 'front-proxy-ca.crt'),
    frontProxyCaKey: join(dir, 'front-proxy-ca.key'),
    frontProxyClientCert: join(dir, 'front-proxy-client.crt'),
    frontProxyClientKey: join(dir, 'front-proxy-client.key'),
  };
}

/** The names the API server's certificate is valid for. */
export const SERVER_SANS = [
  'IP:127.0.0.1',
  'IP:10.96.0.1',
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
];

/** openssl argv to sign a CSR with the lab CA (pure). */
export function signArgs(p: LabPki, csr: string, out: string, extFile: string): string[] {
  return [
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    p.caCert,
    '-CAkey',
    p.caKey,
    '-CAcreateserial',
    '-out',
    out,
    '-days',
    '825',
    '-sha256',
    '-extfile',
    extFile,
  ];
}

async function keyAndCsr(key: string, csr: string, subject: string): Promise<void> {
  await runChecked(['openssl', 'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject]);
}

/** A CA, the API server's serving certificate, an admin client certificate (system:masters), service-account keys. */
async function selfSignedCa(key: string, cert: string, commonName: string): Promise<void> {
  await runChecked([
    'openssl',
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '825',
    '-subj',
    `/CN=${commonName}`,
  ]);
}

export async function createPki(stateDir: string): Promise<LabPki> {
  const p = pkiPaths(stateDir);
  await mkdir(p.dir, { recursive: true, mode: 0o700 });
  await selfSignedCa(p.caKey, p.caCert, 'todo-deploy-lab-ca');

  const serverExt = join(p.dir, 'apiserver.ext');
  await writeFile(
    serverExt,
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${SERVER_SANS.join(',')}\n`,
  );
  await keyAndCsr(p.serverKey, join(p.dir, 'apiserver.csr'), '/CN=kube-apiserver');
  await runChecked(['openssl', ...signArgs(p, join(p.dir, 'apiserver.csr'), p.serverCert, serverExt)]);

  const clientExt = join(p.dir, 'client.ext');
  await writeFile(clientExt, 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');
  await keyAndCsr(p.adminKey, join(p.dir, 'admin.csr'), '/O=system:masters/CN=lab-admin');
  await runChecked(['openssl', ...signArgs(p, join(p.dir, 'admin.csr'), p.adminCert, clientExt)]);

  // the aggregator's requestheader CA is a CA of its own: a client certificate of the lab CA must not pass for a proxy
  await selfSignedCa(p.frontProxyCaKey, p.frontProxyCaCert, 'todo-deploy-lab-front-proxy-ca');
  await keyAndCsr(p.frontProxyClientKey, join(p.dir, 'front-proxy-client.csr'), '/CN=front-proxy-client');
  const frontProxy = { ...p, caCert: p.frontProxyCaCert, caKey: p.frontProxyCaKey };
  await runChecked(['openssl', ...signArgs(frontProxy, join(p.dir, 'front-proxy-client.csr'), p.frontProxyClientCert, clientExt)]);

  await runChecked(['openssl', 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', p.serviceAccountKey]);
  await runChecked(['openssl', 'pkey', '-in', p.serviceAccountKey, '-pubout', '-out', p.serviceAccountPub]);
  return p;
}

export interface NodePki {
  clientCert: string;
  clientKey: string;
  servingCert: string;
  servingKey: string;
}

/** The real node's client certificate (Node authorizer: system:nodes / system:node:<name>) and the kubelet's serving certificate. */
export async function createNodePki(p: LabPki, nodeName: string, nodeIp: string): Promise<NodePki> {
  const n: NodePki = {
    clientCert: join(p.dir, 'node-client.crt'),
    clientKey: join(p.dir, 'node-client.key'),
    servingCert: join(p.dir, 'kubelet-serving.crt'),
    servingKey: join(p.dir, 'kubelet-serving.key'),
  };
  const clientExt = join(p.dir, 'client.ext');
  await writeFile(clientExt, 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n');
  await keyAndCsr(n.clientKey, join(p.dir, 'node-client.csr'), `/O=system:nodes/CN=system:node:${nodeName}`);
  await runChecked(['openssl', ...signArgs(p, join(p.dir, 'node-client.csr'), n.clientCert, clientExt)]);
  const servingExt = join(p.dir, 'kubelet-serving.ext');
  await writeFile(
    servingExt,
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:${nodeIp},DNS:${nodeName}\n`,
  );
  await keyAndCsr(n.servingKey, join(p.dir, 'kubelet-serving.csr'), `/CN=${nodeName}`);
  await runChecked(['openssl', ...signArgs(p, join(p.dir, 'kubelet-serving.csr'), n.servingCert, servingExt)]);
  return n;
}

/** A serving certificate signed by the lab CA (for a server of the lab's own, e.g. Pebble's ACME API). */
export async function createServingCert(p: LabPki, c: { cert: string; key: string; commonName: string; sans: string[] }): Promise<void> {
  const ext = `${c.cert}.ext`;
  await writeFile(
    ext,
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${c.sans.join(',')}\n`,
  );
  await keyAndCsr(c.key, `${c.cert}.csr`, `/CN=${c.commonName}`);
  await runChecked(['openssl', ...signArgs(p, `${c.cert}.csr`, c.cert, ext)]);
}
