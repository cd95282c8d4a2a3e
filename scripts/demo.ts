// The demo: the main job on the lab, twice (a commit on main, then the next one). Each time
// the bundled build-images builds the five service images (stand-ins from
// examples/todo-app, the example app repository: the lab's demo-server answering each service's health path, page and
// metrics; the services live in the app repository) and pushes them to the lab registry with
// the tag policy, then the bundled helm-deploy deploys chart/ with values-staging.yaml and
// that tag to namespace staging, on the lab's real node when it has one (the pods really run
// and their readiness probes really pass; each service is then asked on its pod IP), on the
// kwok nodes otherwise. When the lab runs its HTTPS path, the release is served at
// https://staging.todo.lab through the lab's ingress with a certificate cert-manager gets from
// the lab's ACME CA, and the bundled smoke-test and verify-cert check it over HTTPS (the lab's
// address given as their connect-address, its ACME root as ca-cert). Every action runs the
// way the runner runs it; each job summary is printed as text. scripts/demo.sh starts the lab.
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { ACME_ISSUER_PREFIX, buildahEnv, kubectl, labEnv, labTools, REAL_NODE_SCHEDULING } from '@todo-deploy/lab';
import { summaryText } from './demo-summary.js';

const NAMESPACE = 'staging';
const OWNER = 'octo-demo';
const SERVICES = ['frontend', 'backend', 'mcp', 'notification', 'sse-gateway'];
const root = repoRoot();
const lab = await labEnv();
const work = await mkdtemp(join(tmpdir(), 'todo-demo-'));

/** Each service's build context: its Dockerfile from examples/todo-app (the seed's layout) and the demo-server binary. */
async function buildContexts(): Promise<Record<string, string>> {
  const contexts: Record<string, string> = {};
  for (const s of SERVICES) {
    const dir = join(work, 'contexts', s);
    await mkdir(dir, { recursive: true });
    const dockerfile = s === 'frontend' || s === 'backend' ? `${s}/Dockerfile` : `backend/Dockerfile.${s}`;
    await copyFile(join(root, 'examples/todo-app', dockerfile), join(dir, 'Dockerfile'));
    await copyFile(labTools().demoServer, join(dir, 'demo-server'));
    contexts[s] = dir;
  }
  return contexts;
}
const contexts = await buildContexts();

/**
 * Values that pin every pod to the real node (when the lab runs one). The node is this
 * machine (2 cores here): the demo asks for a sliver of CPU and memory per pod instead of the
 * staging requests, which are sized for the cluster; the limits stay.
 */
async function placementValues(): Promise<string[]> {
  if (!lab.realNode) return [];
  const file = join(work, 'real-node.yaml');
  const small = { resources: { requests: { cpu: '10m', memory: '32Mi' } } };
  await writeFile(file, stringify({ ...REAL_NODE_SCHEDULING, services: Object.fromEntries(SERVICES.map((s) => [s, small])) }));
  return [file];
}
const placement = await placementValues();

async function ensureStagingSecret(): Promise<void> {
  if ((await kubectl(['get', 'namespace', NAMESPACE])).exitCode !== 0) await kubectl(['create', 'namespace', NAMESPACE]);
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-secrets', namespace: NAMESPACE },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: 'postgresql://todo:demo-only@postgres.staging:5432/todo',
      KAFKA_BROKERS: 'kafka.staging:9092',
      KAFKA_SASL_USERNAME: 'todo',
      KAFKA_SASL_PASSWORD: 'demo-only-password',
      BETTER_AUTH_SECRET: randomBytes(16).toString('hex'),
      OPENAI_API_KEY: 'sk-demo-only',
    },
  };
  const applied = await kubectl(['apply', '-f', '-'], { input: JSON.stringify(secret) });
  if (applied.exitCode !== 0) throw new Error(`could not create the Secret app-secrets: ${applied.stderr}`);
}

/** Prints a step's log (without runner commands) and its job summary as text. */
function show(run: ActionRun): void {
  // runner commands are not shown, but for errors and warnings, as the runner shows them
  const log = run.stdout
    .split('\n')
    .map((line) => line.replace(/^::(error|warning)[^:]*::/, (_, kind: string) => `${kind === 'error' ? 'Error' : 'Warning'}: `))
    .filter((line) => !line.startsWith('::'))
    .join('\n')
    .trim();
  console.log(log.replace(/^/gm, '  │ '));
  console.log(`\nJob summary (exit ${run.exitCode}):\n`);
  console.log(summaryText(run.summary));
}

/** build-images for a commit on main; resolves with its image-tag output. */
async function buildImages(sha: string): Promise<{ run: ActionRun; tag: string }> {
  console.log(`\n▶ build-images: ${SERVICES.length} services, commit ${sha.slice(0, 7)} on main, registry ${lab.registry}`);
  const run = await runAction('build-images', {
    inputs: {
      services: SERVICES.map((s) => `${s}=${contexts[s]}`).join('\n'),
      'build-args': `DEMO_VERSION=sha-${sha.slice(0, 7)}`,
      registry: lab.registry,
      repository: `${OWNER}/hackathon-todo`,
      'tls-verify': 'false',
    },
    env: buildahEnv(lab),
    context: { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha, GITHUB_REPOSITORY: `${OWNER}/hackathon-todo` },
  });
  show(run);
  return { run, tag: run.outputs['image-tag'] ?? '' };
}

/** The host the release is served at, and what the deploy sets for it. */
const https = lab.https;
const host = `staging.todo.${https?.domain ?? 'example.test'}`;
const hostValues = https
  ? [`global.domain=${https.domain}`, `ingress.className=${https.ingressClass}`, `ingress.clusterIssuer=${https.issuer}`]
  : ['global.domain=example.test'];

async function deployTag(tag: string): Promise<ActionRun> {
  console.log(`\n▶ helm-deploy: release todo, namespace ${NAMESPACE}, image tag ${tag}, host ${host}`);
  const run = await runAction('helm-deploy', {
    inputs: {
      release: 'todo',
      namespace: NAMESPACE,
      chart: join(root, 'chart'),
      'values-files': [join(root, 'chart/values-staging.yaml'), ...placement].join('\n'),
      'image-tag': tag,
      'set-string': [`global.owner=${OWNER}`, `global.imageRegistry=${lab.registry}`, ...hostValues].join('\n'),
      timeout: '3m',
    },
    env: { KUBECONFIG: lab.kubeconfig, PATH: `${lab.binDir}:${process.env.PATH ?? ''}` },
  });
  show(run);
  return run;
}

interface PodList {
  items: {
    metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
    spec: { containers: { ports?: { containerPort: number }[]; readinessProbe?: { httpGet?: { path: string } } }[] };
    status: { podIP?: string };
  }[];
}

/** On the real node: each pod asked on its pod IP, at its readiness probe's path. */
async function askEachPod(): Promise<boolean> {
  if (!lab.realNode) {
    console.log('\n(no real node in this lab: the pods ran on kwok nodes, which run no code)');
    return true;
  }
  const listed = await kubectl(['get', 'pods', '-n', NAMESPACE, '-l', 'app.kubernetes.io/instance=todo', '-o', 'json']);
  const pods = JSON.parse(listed.stdout) as PodList;
  console.log(`\n▶ each pod on ${lab.realNode}, asked on its pod IP:`);
  let ok = true;
  for (const pod of pods.items) {
    const container = pod.spec.containers[0];
    const port = container?.ports?.[0]?.containerPort;
    const path = container?.readinessProbe?.httpGet?.path;
    if (!pod.status.podIP || !port || !path) continue;
    const url = `http://${pod.status.podIP}:${port}${path}`;
    const answer = await fetch(url, { signal: AbortSignal.timeout(3000) }).then(
      // one line: the JSON of a health path, or the title of the frontend's page
      async (r) => {
        const body = await r.text();
        return `${r.status} ${/<title>[^<]*<\/title>/.exec(body)?.[0] ?? body.trim().slice(0, 120)}`;
      },
      (e: unknown) => `no answer (${(e as Error).message})`,
    );
    if (!answer.startsWith('200 ')) ok = false;
    const draining = pod.metadata.deletionTimestamp ? ' (old revision, terminating: its preStop sleep drains it)' : '';
    console.log(`  ${pod.metadata.name.padEnd(40)} ${url} → ${answer}${draining}`);
  }
  return ok;
}

/** verify-cert and smoke-test over HTTPS, as the pipeline runs them after the deploy (the first run waits for the certificate). */
async function checkOverHttps(): Promise<boolean> {
  if (!https) {
    console.log('\n(no HTTPS path in this lab: smoke-test and verify-cert are left out)');
    return true;
  }
  const rootCa = await readFile(https.acmeRootCa, 'utf8');
  const reach = { 'connect-address': https.address, 'ca-cert': rootCa };
  // verify-cert first: it keeps checking until cert-manager has issued the certificate; smoke-test
  // never retries a certificate error
  console.log(`\n▶ verify-cert: ${host} (issuer of the lab's ACME CA, 30 days left at least, HTTP to HTTPS)`);
  const cert = await runAction('verify-cert', {
    inputs: {
      hosts: host,
      'expected-issuer': `^${ACME_ISSUER_PREFIX} `,
      'min-days-remaining': '30',
      'check-redirect': 'true',
      timeout: '3m',
      ...reach,
    },
  });
  show(cert);
  console.log(`\n▶ smoke-test: https://${host}/api/health and https://${host}/ (connect-address ${https.address})`);
  const smoke = await runAction('smoke-test', {
    inputs: { urls: `https://${host}/api/health\nhttps://${host}/`, 'consecutive-successes': '3', timeout: '3m', ...reach },
  });
  show(smoke);
  return smoke.exitCode === 0 && cert.exitCode === 0;
}

/** The main job for one commit: build and push the images, deploy their tag, check the app. */
async function mainJob(): Promise<boolean> {
  const built = await buildImages(randomBytes(20).toString('hex'));
  if (built.run.exitCode !== 0) return false;
  return (await deployTag(built.tag)).exitCode === 0 && (await askEachPod()) && (await checkOverHttps());
}

await ensureStagingSecret();
// two commits on main, one after the other: an install, then an upgrade
process.exitCode = (await mainJob()) && (await mainJob()) ? 0 : 1;
