/** Starts the HTTPS path of the lab, in order: DNS, ACME CA, ingress/Gateway controller, cert-manager and its ClusterIssuer. */
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { stringify } from 'yaml';
import type { RunResult } from '@todo-deploy/process';
import { pushScratchImage } from '../node/images.js';
import { createServingCert, type LabPki } from '../up/certs.js';
import { buildahDirs } from '../up/layout.js';
import { describeListener, isPortFree } from '../up/ports.js';
import { probe, waitUntil } from '../up/probes.js';
import type { LabState, ProcessRecord } from '../up/state.js';
import type { ToolPaths } from '../tools.js';
import { versions } from '../versions.js';
import * as C from './config.js';

export interface HttpsStartContext {
  state: LabState;
  tools: ToolPaths;
  pki: LabPki;
  kubeconfig: string;
  launch: (name: string, bin: string, args: string[], extra?: Partial<ProcessRecord>, env?: NodeJS.ProcessEnv) => Promise<ProcessRecord>;
  kubectl: (args: string[], input?: string) => Promise<RunResult>;
  /** Throws when a process of the lab has exited. */
  dead: () => void;
  save: () => Promise<void>;
}

/** GET over TLS with one trusted CA, the body as text. */
function getText(url: string, ca: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, timeout: 5000, headers: { 'user-agent': 'todo-deploy-lab' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${url} answered ${res.statusCode}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: no answer in 5 s`)));
    req.on('error', reject);
    req.end();
  });
}

async function assertPublicPortsFree(address: string): Promise<void> {
  const busy: string[] = [];
  for (const port of [80, 443]) {
    if (!(await isPortFree(port, address)))
      busy.push(`${address}:${port} is in use${describeListener(port) ? ` by ${describeListener(port)}` : ''}`);
  }
  if (busy.length) throw new Error(`the HTTPS path cannot listen: ${busy.join('; ')}`);
}

export async function startHttps(ctx: HttpsStartContext): Promise<C.HttpsState> {
  const { state, tools, pki, kubectl, dead } = ctx;
  const ports = state.ports;
  if (!state.realNode) throw new Error('the HTTPS path needs the real node');
  const address = C.publicAddress(state.realNode.slot);
  await assertPublicPortsFree(address);
  const l = C.httpsLayout(state.stateDir);
  await mkdir(l.dir, { recursive: true, mode: 0o700 });
  await createServingCert(pki, { cert: l.pebbleCert, key: l.pebbleKey, commonName: 'pebble', sans: ['IP:127.0.0.1', 'DNS:localhost'] });
  await writeFile(l.pebbleConfig, JSON.stringify(C.pebbleConfig(l, ports), null, 2));
  await writeFile(l.traefikConfig, stringify(C.traefikConfig(ports, address)));
  const https = C.httpsState(state.stateDir, ports, state.realNode.slot);

  await ctx.launch('pebble-challtestsrv', tools.pebbleChalltestsrv, C.challtestsrvArgs(ports, address));
  await waitUntil('challtestsrv management', async () => (await probe(`http://127.0.0.1:${ports.dnsManagement}/`)) !== 0, 30_000, dead);

  await ctx.launch('pebble', tools.pebble, C.pebbleArgs(l, ports), {}, { ...process.env, ...C.PEBBLE_ENV });
  await waitUntil('Pebble GET /dir', async () => (await probe(https.acmeDirectory, pki)) === 200, 30_000, dead);
  const labCa = await readFile(pki.caCert);
  // a new root on every start: what clients of the lab's hosts trust
  await writeFile(l.acmeRootCa, await getText(`https://127.0.0.1:${ports.acmeManagement}/roots/0`, labCa));

  const objects = C.httpsObjects(https.acmeDirectory, labCa.toString('utf8'));
  const issuer = objects.filter((o) => o.kind === 'ClusterIssuer');
  await kubectl(
    ['apply', '-f', '-'],
    objects
      .filter((o) => o.kind !== 'ClusterIssuer')
      .map((o) => stringify(o))
      .join('---\n'),
  );

  await ctx.launch('traefik', tools.traefik, [`--configFile=${l.traefikConfig}`], {}, { ...process.env, KUBECONFIG: ctx.kubeconfig });
  await waitUntil('Traefik /ping', async () => (await probe(`http://127.0.0.1:${ports.traefik}/ping`)) === 200, 60_000, dead);
  const accepted = `jsonpath={.status.conditions[?(@.type=="Accepted")].status}`;
  await waitUntil(
    `GatewayClass ${C.GATEWAY_CLASS} accepted by Traefik`,
    async () => (await kubectl(['get', 'gatewayclass', C.GATEWAY_CLASS, '-o', accepted]).catch(() => undefined))?.stdout === 'True',
    60_000,
    dead,
  );

  const certManager = versions().goTools.find((t) => t.name === 'cert-manager-acmesolver')?.version ?? 'unknown';
  const solverImage = `${state.registry}/lab/acmesolver:${certManager}`;
  await pushScratchImage(
    { bin: tools.buildah, ...buildahDirs(state.stateDir) },
    { binary: tools.acmesolver, path: '/acmesolver', ref: solverImage },
  );
  await ctx.launch('cert-manager-controller', tools.certManagerController, C.certManagerArgs(ctx.kubeconfig, ports, solverImage));
  await waitUntil(
    'cert-manager metrics',
    async () => (await probe(`http://127.0.0.1:${ports.certManagerMetrics}/metrics`)) === 200,
    60_000,
    dead,
  );
  await kubectl(['apply', '-f', '-'], issuer.map((o) => stringify(o)).join('---\n'));
  const ready = `jsonpath={.status.conditions[?(@.type=="Ready")].status}`;
  await waitUntil(
    `ClusterIssuer ${C.LAB_ISSUER} Ready (its ACME account registered with Pebble)`,
    async () => (await kubectl(['get', 'clusterissuer', C.LAB_ISSUER, '-o', ready]).catch(() => undefined))?.stdout === 'True',
    60_000,
    dead,
  );
  state.https = https;
  await ctx.save();
  return https;
}
