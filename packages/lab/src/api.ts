import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runChecked, runProcess, type RunOptions, type RunResult } from '@todo-deploy/process';
import { REAL_NODE_KEY } from './node/config.js';
import { pushScratchImage } from './node/images.js';
import { stateDir } from './paths.js';
import { toolPaths } from './tools.js';
import { labVariables } from './up/exports.js';
import { readState } from './up/state.js';

/** Paths and addresses of the running lab. */
export interface LabHttps {
  /** Where Traefik listens on :80 and :443, and every name of the lab's domain resolves (connect-address). */
  address: string;
  /** The domain of the lab's hosts (the chart's global.domain): staging.todo.lab. */
  domain: string;
  /** The ClusterIssuer that gets certificates from the lab's ACME CA (the chart's ingress.clusterIssuer). */
  issuer: string;
  ingressClass: string;
  gatewayClass: string;
  /** PEM file of the ACME CA's root of this lab run: what clients trust (ca-cert). */
  acmeRootCa: string;
}

export interface LabEnv {
  kubeconfig: string;
  stateDir: string;
  server: string;
  /** host:port of the OCI registry (plain HTTP on loopback). */
  registry: string;
  binDir: string;
  helm3: string;
  helm4: string;
  kubectl: string;
  kubeconform: string;
  kubeScore: string;
  actionlint: string;
  zizmor: string;
  buildah: string;
  buildahRoot: string;
  buildahRunroot: string;
  /** The real node's name, when the lab runs one. */
  realNode?: string;
  /** The HTTPS path, when the lab runs it. */
  https?: LabHttps;
  /** Environment for child processes: process.env plus KUBECONFIG, PATH with the tools first, LAB_*. */
  env: NodeJS.ProcessEnv;
}

function fromVariables(v: Record<string, string | undefined>): LabEnv | undefined {
  const need = (k: string) => v[k] ?? '';
  if (!v.KUBECONFIG || !v.LAB_REGISTRY || !v.LAB_HELM3 || !v.LAB_STATE_DIR) return undefined;
  const vars = Object.fromEntries(Object.entries(v).filter(([k]) => k === 'KUBECONFIG' || k.startsWith('LAB_'))) as Record<string, string>;
  return {
    kubeconfig: need('KUBECONFIG'),
    stateDir: need('LAB_STATE_DIR'),
    server: need('LAB_SERVER'),
    registry: need('LAB_REGISTRY'),
    binDir: need('LAB_BIN'),
    helm3: need('LAB_HELM3'),
    helm4: need('LAB_HELM4'),
    kubectl: need('LAB_KUBECTL'),
    kubeconform: need('LAB_KUBECONFORM'),
    kubeScore: need('LAB_KUBE_SCORE'),
    actionlint: need('LAB_ACTIONLINT'),
    zizmor: need('LAB_ZIZMOR'),
    buildah: need('LAB_BUILDAH'),
    buildahRoot: need('LAB_BUILDAH_ROOT'),
    buildahRunroot: need('LAB_BUILDAH_RUNROOT'),
    ...(v.LAB_REAL_NODE ? { realNode: v.LAB_REAL_NODE } : {}),
    ...(v.LAB_HTTPS_ADDRESS
      ? {
          https: {
            address: v.LAB_HTTPS_ADDRESS,
            domain: need('LAB_DOMAIN'),
            issuer: need('LAB_CLUSTER_ISSUER'),
            ingressClass: need('LAB_INGRESS_CLASS'),
            gatewayClass: need('LAB_GATEWAY_CLASS'),
            acmeRootCa: need('LAB_ACME_ROOT_CA'),
          },
        }
      : {}),
    env: { ...process.env, ...vars, PATH: `${need('LAB_BIN')}:${process.env.PATH ?? ''}` },
  };
}

/**
 * The running lab: from LAB_* variables when the jest global setup (or `eval "$(npm run -s lab -- env)"`)
 * set them, otherwise from the state directory. Throws when no lab is up.
 */
export async function labEnv(): Promise<LabEnv> {
  const fromProcess = fromVariables(process.env);
  if (fromProcess) return fromProcess;
  const state = await readState(stateDir());
  if (!state?.readyAt) throw new Error(`the lab is not up (no ready state in ${stateDir()}): run \`npm run lab -- up\``);
  const lab = fromVariables(labVariables(state));
  if (!lab) throw new Error('the lab state is incomplete');
  return lab;
}

/** Runs kubectl against the lab with an argv array; resolves even on a non-zero exit. */
export async function kubectl(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const lab = await labEnv();
  return runProcess([lab.kubectl, ...args], { env: lab.env, ...options });
}

/** Runs helm 3 or helm 4 against the lab with an argv array; resolves even on a non-zero exit. */
export async function helm(major: 3 | 4, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const lab = await labEnv();
  return runProcess([major === 3 ? lab.helm3 : lab.helm4, ...args], { env: lab.env, ...options });
}

/** The global flags that point buildah at the lab's vfs storage (use with BUILDAH_ISOLATION=chroot). */
export function buildahGlobalArgs(lab: LabEnv): string[] {
  return ['--root', lab.buildahRoot, '--runroot', lab.buildahRunroot, '--storage-driver', 'vfs'];
}

/**
 * The environment that points a buildah started by someone else (an action's bundle) at the
 * lab's vfs storage with chroot isolation: a storage.conf beside the storage, and
 * BUILDAH_ISOLATION. With `storageRoot`, storage of its own under that folder instead (graph/
 * and run/, the storage.conf beside them): a runner whose storage starts empty.
 */
export function buildahEnv(lab: LabEnv, storageRoot?: string): Record<string, string> {
  const graph = storageRoot ? join(storageRoot, 'graph') : lab.buildahRoot;
  const run = storageRoot ? join(storageRoot, 'run') : lab.buildahRunroot;
  const conf = storageRoot ? join(storageRoot, 'storage.conf') : join(dirname(lab.buildahRoot), 'storage.conf');
  mkdirSync(dirname(conf), { recursive: true });
  writeFileSync(conf, `[storage]\ndriver = "vfs"\ngraphroot = "${graph}"\nrunroot = "${run}"\n`);
  return { CONTAINERS_STORAGE_CONF: conf, BUILDAH_ISOLATION: 'chroot' };
}

/** Runs buildah with the lab's storage and chroot isolation. */
export async function buildah(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const lab = await labEnv();
  return runProcess([lab.buildah, ...buildahGlobalArgs(lab), ...args], {
    env: { ...lab.env, BUILDAH_ISOLATION: 'chroot', STORAGE_DRIVER: 'vfs' },
    ...options,
  });
}

/** A DNS-1123 namespace name: the prefix, cut and cleaned, plus a random suffix (pure but for the randomness). */
export function namespaceName(prefix: string, suffix = randomBytes(3).toString('hex')): string {
  const clean =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'test';
  return `${clean}-${suffix}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates a fresh namespace for one test and waits until pods can be created in it. */
export async function createTestNamespace(prefix: string): Promise<string> {
  const name = namespaceName(prefix);
  const lab = await labEnv();
  await runChecked([lab.kubectl, 'create', 'namespace', name], { env: lab.env });
  await runChecked([lab.kubectl, 'label', 'namespace', name, 'lab.todo-deploy.dev/test=true'], { env: lab.env });
  // the ServiceAccount admission plugin rejects pods until the controller manager made "default"
  for (let i = 0; i < 100; i++) {
    if ((await runProcess([lab.kubectl, 'get', 'serviceaccount', 'default', '-n', name], { env: lab.env })).exitCode === 0) return name;
    await sleep(100);
  }
  throw new Error(`namespace ${name}: the default ServiceAccount did not appear within 10 s`);
}

/** Deletes a test namespace without waiting for its finalizers. */
export async function deleteNamespace(name: string): Promise<void> {
  const lab = await labEnv();
  await runChecked([lab.kubectl, 'delete', 'namespace', name, '--wait=false', '--ignore-not-found'], { env: lab.env });
}

/** Values (and pod spec fields) that pin pods to the real node: its label and a toleration of its taint. */
export const REAL_NODE_SCHEDULING = {
  nodeSelector: { [REAL_NODE_KEY]: 'true' },
  tolerations: [{ key: REAL_NODE_KEY, operator: 'Exists', effect: 'NoSchedule' }],
};

/** The real node's name; throws, saying why, when the running lab has none (tests that need it fail rather than skip). */
export async function requireRealNode(): Promise<string> {
  const lab = await labEnv();
  if (lab.realNode) return lab.realNode;
  const state = await readState(lab.stateDir);
  throw new Error(`this test needs the lab's real node, and the running lab has none: ${state?.realNodeSkipped ?? 'unknown reason'}`);
}

/** The lab's HTTPS path (with the real node it runs on); throws naming why the running lab has none. */
export async function requireHttps(): Promise<LabHttps> {
  await requireRealNode();
  const lab = await labEnv();
  if (lab.https) return lab.https;
  const state = await readState(lab.stateDir);
  throw new Error(`this test needs the lab's HTTPS path, and the running lab has none: ${state?.httpsSkipped ?? 'unknown reason'}`);
}

export interface DemoImage {
  /** The service the image stands in for (DEMO_SERVICE). */
  service: string;
  /** What /version answers (DEMO_VERSION). */
  version: string;
  port: number;
  /** Extra environment baked into the image (behaviour switches, see packages/lab/images/README.md). */
  env?: Record<string, string>;
}

/** Builds the demo-server image FROM scratch for one service and pushes it to `<registry>/<repository>:<tag>`; resolves with its digest. */
export async function pushDemoImage(repository: string, tag: string, image: DemoImage): Promise<string> {
  const lab = await labEnv();
  return pushScratchImage(
    { bin: lab.buildah, root: lab.buildahRoot, runroot: lab.buildahRunroot },
    {
      binary: toolPaths().demoServer,
      path: '/demo-server',
      ref: `${lab.registry}/${repository}:${tag}`,
      env: { DEMO_SERVICE: image.service, DEMO_VERSION: image.version, PORT: String(image.port), ...image.env },
      ports: [image.port],
      labels: { 'org.opencontainers.image.title': `${image.service} (lab stand-in)`, 'org.opencontainers.image.version': image.version },
    },
  );
}

/**
 * Pushes the lab's SBOM generator image (sbom-scanner, a stand-in for docker/buildkit-syft-scanner,
 * which Docker Hub would serve) to `<registry>/lab/sbom-scanner:1`; resolves with the reference
 * to give BuildKit (`type=sbom,generator=<ref>`). It runs as root: BuildKit's output mount is root's.
 */
export async function pushSbomScanner(): Promise<string> {
  const lab = await labEnv();
  const ref = `${lab.registry}/lab/sbom-scanner:1`;
  await pushScratchImage(
    { bin: lab.buildah, root: lab.buildahRoot, runroot: lab.buildahRunroot },
    {
      binary: toolPaths().sbomScanner,
      path: '/sbom-scanner',
      ref,
      user: '0:0',
      labels: { 'org.opencontainers.image.title': 'sbom-scanner (lab stand-in for docker/buildkit-syft-scanner)' },
    },
  );
  return ref;
}
