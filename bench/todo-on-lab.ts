// What the helm-deploy benchmarks share: the lab, the helm binary under test, a namespace
// with the Secret the Todo chart needs, and for the real node: demo images, the values that
// pin the chart there, and traffic sent to a Service's ready endpoints the way its proxy would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { kubectl, labEnv, pushDemoImage, REAL_NODE_SCHEDULING, requireRealNode } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';

export const root = repoRoot();
export const lab = await labEnv();
export type Major = 3 | 4;
export const MAJOR: Major = process.env.BENCH_HELM === '4' ? 4 : 3;
export const helmOf = (major: Major): string => (major === 3 ? lab.helm3 : lab.helm4);
/** PATH with the helm under test first, so helm-deploy runs the same helm as the baseline. */
export const pathOf = (major: Major): string => `${dirname(helmOf(major))}:${lab.binDir}:${process.env.PATH ?? ''}`;
export const helmBinary = helmOf(MAJOR);
export const benchPath = pathOf(MAJOR);
export const OWNER = 'octo-bench';
export const pipelineValues = [`global.owner=${OWNER}`, 'global.domain=example.test'];
export const newTag = (): string => `sha-${randomBytes(4).toString('hex').slice(0, 7)}`;
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fresh namespace holding app-secrets with fake values for every key the chart reads. */
export async function namespaceWithSecret(name: string): Promise<string> {
  await kubectl(['delete', 'namespace', name, '--ignore-not-found', '--wait=true'], { timeoutMs: 120_000 });
  await kubectl(['create', 'namespace', name]);
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-secrets', namespace: name },
    stringData: {
      // the services' keys (secretKeyRef: a pod on the real node does not start without them)
      DATABASE_URL: 'postgres://bench:bench-only@db.invalid:5432/todo',
      BETTER_AUTH_SECRET: 'bench-only',
      OPENAI_API_KEY: 'bench-only',
      // the Dapr Component's keys
      KAFKA_BROKERS: 'kafka:9092',
      KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD: 'bench-only',
    },
  };
  await kubectl(['apply', '-f', '-'], { input: JSON.stringify(secret) });
  return name;
}

/** helm-deploy (the bundle, as the runner runs it) upgrading the Todo chart with staging values (then valuesFiles). */
export async function deployWithAction(
  namespace: string,
  tag: string,
  setStrings: readonly string[],
  major: Major = MAJOR,
  valuesFiles: readonly string[] = [],
): Promise<ActionRun & { ms: number }> {
  const started = performance.now();
  const result = await runAction('helm-deploy', {
    inputs: {
      release: 'todo',
      namespace,
      chart: join(root, 'chart'),
      'values-files': [join(root, 'chart/values-staging.yaml'), ...valuesFiles].join('\n'),
      'image-tag': tag,
      'set-string': setStrings.join('\n'),
      timeout: '5m',
    },
    env: { KUBECONFIG: lab.kubeconfig, PATH: pathOf(major) },
  });
  return { ...result, ms: performance.now() - started };
}

/** argv (without the helm binary) of a raw `helm upgrade --install todo` with the same chart and values as deployWithAction. */
export function helmUpgradeArgs(
  namespace: string,
  tag: string,
  setStrings: readonly string[],
  extra: readonly string[],
  valuesFiles: readonly string[] = [],
): string[] {
  const args = ['upgrade', '--install', 'todo', join(root, 'chart'), '-n', namespace];
  for (const file of [join(root, 'chart/values-staging.yaml'), ...valuesFiles]) args.push('--values', file);
  for (const value of [...setStrings, `global.imageTag=${tag}`]) args.push('--set-string', value);
  return [...args, ...extra];
}

/** Raw helm (helm 3 or 4 as given) upgrading the release; resolves even when helm fails. */
export async function helmUpgrade(
  major: Major,
  namespace: string,
  tag: string,
  setStrings: readonly string[],
  extra: readonly string[],
  valuesFiles: readonly string[] = [],
): Promise<{ ms: number; exitCode: number | null; stderr: string }> {
  const started = performance.now();
  const result = await runProcess([helmOf(major), ...helmUpgradeArgs(namespace, tag, setStrings, extra, valuesFiles)], {
    env: { ...lab.env, PATH: pathOf(major) },
  });
  return { ms: performance.now() - started, exitCode: result.exitCode, stderr: result.stderr };
}

/** `kubectl rollout status` of one Deployment of the release (or all of them); throws when it fails. */
export async function rolloutStatus(namespace: string, deployment?: string): Promise<void> {
  const target = deployment ? [`deployment/todo-${deployment}`] : ['deployment', '-l', 'app.kubernetes.io/instance=todo'];
  const status = await kubectl(['rollout', 'status', ...target, '-n', namespace, '--timeout', '5m']);
  if (status.exitCode !== 0) throw new Error(`kubectl rollout status in ${namespace} failed: ${status.stderr}`);
}

// ---------------------------------------------------------------------------------------------
// The real node: demo images, values that pin the chart there.

/** The Todo services and their ports (chart/values.yaml). */
export const SERVICES: Record<string, number> = { frontend: 3000, backend: 8000, mcp: 8001, notification: 8002, 'sse-gateway': 8003 };
/** The repository (in the lab registry) of a service's image: the chart's default with the bench owner. */
export const imageRepository = (service: string): string => `${OWNER}/hackathon-todo/${service}`;

/** Builds the demo-server image of every service at `tag` (its /version answers `<service> <version>`) and pushes it. */
export async function pushDemoImages(tag: string, version: string, env: Record<string, string> = {}): Promise<void> {
  for (const [service, port] of Object.entries(SERVICES))
    await pushDemoImage(imageRepository(service), tag, { service, version, port, env });
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** Tags every service's image `from` as `to` too (a manifest copy in the registry: the same digest, no build). */
export async function retagDemoImages(from: string, to: string): Promise<void> {
  for (const service of Object.keys(SERVICES)) {
    const url = (tag: string) => `http://${lab.registry}/v2/${imageRepository(service)}/manifests/${tag}`;
    const got = await fetch(url(from), { headers: { Accept: MANIFEST_TYPES } });
    if (!got.ok) throw new Error(`registry: GET ${imageRepository(service)}:${from}: status ${got.status}`);
    const type = got.headers.get('content-type') ?? 'application/vnd.oci.image.manifest.v1+json';
    const put = await fetch(url(to), { method: 'PUT', headers: { 'Content-Type': type }, body: Buffer.from(await got.arrayBuffer()) });
    if (!put.ok) throw new Error(`registry: PUT ${imageRepository(service)}:${to}: status ${put.status} ${await put.text()}`);
  }
}

type Values = { [key: string]: unknown };
const isMap = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged into `base` as helm merges values files: maps key by key, anything else replaced. */
function merged(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    out[key] = isMap(below) && isMap(value) ? merged(below, value) : value;
  }
  return out;
}

/**
 * A values file (after values-staging.yaml) that runs the release on the lab's real node: its
 * nodeSelector and toleration, images from the lab registry, and CPU requests of 10m. The
 * staging requests (1 CPU per release, 1.75 during a rolling update) would not let two
 * releases fit on the node's 2 CPUs beside other work; limits stay as staging sets them.
 */
export async function realNodeValuesFile(extra: Values = {}): Promise<string> {
  await requireRealNode();
  const services = Object.fromEntries(Object.keys(SERVICES).map((s) => [s, { resources: { requests: { cpu: '10m' } } }]));
  const values = merged({ global: { imageRegistry: lab.registry }, ...REAL_NODE_SCHEDULING, services }, extra);
  valuesDir ??= mkdtempSync(join(tmpdir(), 'bench-real-node-'));
  const dir = valuesDir;
  if (valuesFiles === 0) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, `values-real-node-${(valuesFiles += 1)}.yaml`);
  writeFileSync(file, `${JSON.stringify(values, null, 2)}\n`); // JSON is YAML
  return file;
}
let valuesDir: string | undefined;
let valuesFiles = 0;

// ---------------------------------------------------------------------------------------------
// The Kubernetes API, read with the lab kubeconfig's credentials.

interface KubeconfigFile {
  'current-context'?: string;
  contexts?: { name: string; context: { cluster: string; user: string } }[];
  clusters?: { name: string; cluster: { server: string; 'certificate-authority'?: string; 'certificate-authority-data'?: string } }[];
  users?: {
    name: string;
    user: { 'client-certificate'?: string; 'client-certificate-data'?: string; 'client-key'?: string; 'client-key-data'?: string };
  }[];
}

export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

export interface KubeApi {
  get<T>(path: string): Promise<T>;
  /** Streams a watch until the server ends it (resolves) or the signal aborts (rejects). */
  watch<T>(path: string, onEvent: (event: WatchEvent<T>) => void, signal: AbortSignal): Promise<void>;
  /** Closes the kept-alive connections. */
  close(): void;
}

function pem(file: string | undefined, data: string | undefined): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  return file ? readFileSync(file) : undefined;
}

/** A small client of the lab's API server (the kubeconfig's current context; client certificates). */
export function kubeApi(): KubeApi {
  const config = parse(readFileSync(lab.kubeconfig, 'utf8')) as KubeconfigFile;
  const context = config.contexts?.find((c) => c.name === config['current-context'])?.context;
  const cluster = config.clusters?.find((c) => c.name === context?.cluster)?.cluster;
  const user = config.users?.find((u) => u.name === context?.user)?.user;
  if (!cluster || !user) throw new Error(`${lab.kubeconfig}: no cluster and user for the current context`);
  const agent = new Agent({
    keepAlive: true,
    ca: pem(cluster['certificate-authority'], cluster['certificate-authority-data']),
    cert: pem(user['client-certificate'], user['client-certificate-data']),
    key: pem(user['client-key'], user['client-key-data']),
  });
  const open = (path: string, signal: AbortSignal, onResponse: (status: number, chunk: AsyncIterable<Buffer>) => Promise<void>) =>
    new Promise<void>((resolve, reject) => {
      const req = httpsRequest(new URL(path, cluster.server), { agent, signal, headers: { Accept: 'application/json' } }, (res) => {
        onResponse(res.statusCode ?? 0, res).then(resolve, reject);
      });
      req.on('error', reject);
      req.end();
    });
  return {
    close: () => agent.destroy(),
    async get<T>(path: string): Promise<T> {
      let body = '';
      await open(path, AbortSignal.timeout(10_000), async (status, stream) => {
        for await (const chunk of stream) body += chunk.toString('utf8');
        if (status !== 200) throw new Error(`GET ${path}: status ${status}: ${body.slice(0, 200)}`);
      });
      return JSON.parse(body) as T;
    },
    async watch<T>(path: string, onEvent: (event: WatchEvent<T>) => void, signal: AbortSignal): Promise<void> {
      await open(path, signal, async (status, stream) => {
        let buffered = '';
        for await (const chunk of stream) {
          if (status !== 200) throw new Error(`watch ${path}: status ${status}: ${chunk.toString('utf8').slice(0, 200)}`);
          buffered += chunk.toString('utf8');
          let newline = buffered.indexOf('\n');
          while (newline >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (line) onEvent(JSON.parse(line) as WatchEvent<T>);
            newline = buffered.indexOf('\n');
          }
        }
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// A Service's ready endpoints, kept current as a Service proxy keeps them.

interface EndpointSlice {
  metadata: { name: string; resourceVersion?: string };
  ports?: { name?: string; port?: number }[] | null;
  endpoints?: { addresses: string[]; conditions?: { ready?: boolean | null } }[] | null;
}

interface List<T> {
  metadata: { resourceVersion: string };
  items: T[];
}

/** The `ip:port` of every ready endpoint of a slice (ready unset counts as ready, as the API says consumers should). */
function readyAddresses(slice: EndpointSlice, portName: string): string[] {
  const port = (slice.ports ?? []).find((p) => p.name === portName)?.port ?? slice.ports?.[0]?.port;
  if (port === undefined) return [];
  return (slice.endpoints ?? []).filter((e) => e.conditions?.ready !== false).flatMap((e) => e.addresses.map((a) => `${a}:${port}`));
}

/**
 * The ready endpoints of one Service from its EndpointSlices: listed, then watched (re-listed
 * whenever the watch ends or fails), so that a change reaches `current` within the time the
 * API server takes to send it. There is no kube-proxy on the lab's real node; this is what it
 * would route to.
 */
export class ReadyEndpoints {
  readonly #slices = new Map<string, string[]>();
  #current: string[] = [];
  /** Every change of the set, with performance.now() of its arrival. */
  readonly changes: { at: number; endpoints: string[] }[] = [];
  readonly #abort = new AbortController();
  #loop: Promise<void> = Promise.resolve();

  private constructor(
    private readonly api: KubeApi,
    private readonly path: string,
    private readonly portName: string,
  ) {}

  static async start(api: KubeApi, namespace: string, service: string, portName = 'http'): Promise<ReadyEndpoints> {
    const selector = encodeURIComponent(`kubernetes.io/service-name=${service}`);
    const watcher = new ReadyEndpoints(
      api,
      `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices?labelSelector=${selector}`,
      portName,
    );
    const version = await watcher.#list();
    watcher.#loop = watcher.#run(version);
    return watcher;
  }

  get current(): readonly string[] {
    return this.#current;
  }

  #update(): void {
    const next = [...this.#slices.values()].flat().sort();
    if (next.join(' ') === this.#current.join(' ')) return;
    this.#current = next;
    this.changes.push({ at: performance.now(), endpoints: next });
  }

  async #list(): Promise<string> {
    const list = await this.api.get<List<EndpointSlice>>(this.path);
    this.#slices.clear();
    for (const slice of list.items) this.#slices.set(slice.metadata.name, readyAddresses(slice, this.portName));
    this.#update();
    return list.metadata.resourceVersion;
  }

  async #run(version: string): Promise<void> {
    let from = version;
    while (!this.#abort.signal.aborted) {
      try {
        await this.api.watch<EndpointSlice>(
          `${this.path}&watch=true&allowWatchBookmarks=true&timeoutSeconds=300&resourceVersion=${from}`,
          (event) => {
            if (event.type === 'ERROR') throw new Error(`watch error: ${JSON.stringify(event.object).slice(0, 200)}`);
            if (event.object.metadata.resourceVersion) from = event.object.metadata.resourceVersion;
            if (event.type === 'BOOKMARK') return;
            if (event.type === 'DELETED') this.#slices.delete(event.object.metadata.name);
            else this.#slices.set(event.object.metadata.name, readyAddresses(event.object, this.portName));
            this.#update();
          },
          this.#abort.signal,
        );
      } catch {
        if (this.#abort.signal.aborted) return;
        await sleep(100);
        from = await this.#list().catch(() => from);
      }
    }
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }
}

// ---------------------------------------------------------------------------------------------
// Traffic: requests round-robin over the ready endpoints, one connection each (a proxy picks
// an endpoint per connection), counted by the version that answered and by failure.

/** GET http://<endpoint><path> on a new connection; resolves with the status and body, rejects on a connection error or the timeout. */
export function getOnce(endpoint: string, path: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  const colon = endpoint.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: endpoint.slice(0, colon),
        port: Number(endpoint.slice(colon + 1)),
        path,
        agent: false,
        headers: { Connection: 'close' },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export interface Failure {
  /** ms since the traffic started. */
  at: number;
  endpoint: string;
  reason: string;
}

export interface Tally {
  total: number;
  failed: number;
  /** Answers by version (the second word of `/version`). */
  versions: Record<string, number>;
  /** Failures by reason. */
  reasons: Record<string, number>;
  /** The first few failures. */
  examples: Failure[];
  firstFailureMs?: number;
  lastFailureMs?: number;
  /** ms since the traffic started of the last answer of each version. */
  lastAnswerMs: Record<string, number>;
  durationMs: number;
}

export interface TrafficOptions {
  /** Concurrent request loops (default 4). */
  workers?: number;
  /** Each loop starts a request at most this often (default 20 ms: up to 200 requests/s with 4 loops). */
  intervalMs?: number;
  /** A request that has not answered in this long failed (default 2000). */
  timeoutMs?: number;
  path?: string;
}

function reasonOf(error: unknown): string {
  const e = error as { code?: string; name?: string; message?: string };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout';
  return e.code ?? e.message ?? String(error);
}

/**
 * Sends requests to the ready endpoints until stop(): every request picks the next endpoint
 * round-robin; no ready endpoint, a connection error, a timeout or a non-2xx answer is a failure.
 */
export function startTraffic(endpoints: ReadyEndpoints, options: TrafficOptions = {}): { stop: () => Promise<Tally>; tally: Tally } {
  const { workers = 4, intervalMs = 20, timeoutMs = 2000, path = '/version' } = options;
  const started = performance.now();
  const tally: Tally = { total: 0, failed: 0, versions: {}, reasons: {}, examples: [], lastAnswerMs: {}, durationMs: 0 };
  let next = 0;
  let stopped = false;
  const fail = (endpoint: string, reason: string) => {
    const at = performance.now() - started;
    tally.failed += 1;
    tally.reasons[reason] = (tally.reasons[reason] ?? 0) + 1;
    if (tally.examples.length < 5) tally.examples.push({ at, endpoint, reason });
    tally.firstFailureMs ??= at;
    tally.lastFailureMs = at;
  };
  const loop = async () => {
    while (!stopped) {
      const begun = performance.now();
      const ready = endpoints.current;
      tally.total += 1;
      const endpoint = ready[next++ % Math.max(ready.length, 1)];
      if (endpoint === undefined) fail('-', 'no ready endpoint');
      else {
        try {
          const { status, body } = await getOnce(endpoint, path, timeoutMs);
          if (status < 200 || status > 299) fail(endpoint, `status ${status}`);
          else {
            const version = body.trim().split(/\s+/)[1] ?? body.trim();
            tally.versions[version] = (tally.versions[version] ?? 0) + 1;
            tally.lastAnswerMs[version] = performance.now() - started;
          }
        } catch (error) {
          fail(endpoint, reasonOf(error));
        }
      }
      await sleep(Math.max(0, intervalMs - (performance.now() - begun)));
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    tally,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      tally.durationMs = performance.now() - started;
      return tally;
    },
  };
}

/** One line: `N requests, F failed (reasons), v1 a, v2 b`. */
export function tallyLine(t: Tally): string {
  const reasons = Object.entries(t.reasons)
    .map(([r, n]) => `${r}: ${n}`)
    .join(', ');
  const versions = Object.entries(t.versions)
    .sort()
    .map(([v, n]) => `${v} ${n}`)
    .join(', ');
  const window =
    t.firstFailureMs !== undefined
      ? `, failures from ${(t.firstFailureMs / 1000).toFixed(2)} s to ${((t.lastFailureMs ?? 0) / 1000).toFixed(2)} s`
      : '';
  return `${t.total} requests, ${t.failed} failed${reasons ? ` (${reasons})` : ''}${window}; answered ${versions || 'nothing'}`;
}

/** What each endpoint's /version answers (`<service> <version>`), or why it did not. */
export async function versionsOf(endpoints: readonly string[]): Promise<string[]> {
  return Promise.all(
    endpoints.map((endpoint) =>
      getOnce(endpoint, '/version', 2000).then(
        ({ status, body }) => (status === 200 ? (body.trim().split(/\s+/)[1] ?? body.trim()) : `status ${status}`),
        (error: unknown) => reasonOf(error),
      ),
    ),
  );
}
