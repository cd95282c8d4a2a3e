// Test tier 3: the example app's workflows (examples/todo-app/.github/workflows) run by a real
// runner, nektos/act in host mode, against the lab, with this working tree as
// octo-org/todo-deploy@v1. Push to main: the app's checks, five images in the lab registry,
// staging on the real node, verify-cert and smoke-test over HTTPS through the lab's ingress
// with a certificate from its ACME CA. A published release: the same digests promoted to
// vX.Y.Z and deployed to production. Bad release tags are refused before anything changes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActJob } from '@todo-deploy/harness';
import { helm, kubectl, requireHttps, requireRealNode, type LabEnv } from '@todo-deploy/lab';
import {
  appRepository,
  commitChange,
  ensureAppSecrets,
  labEnv,
  pushToMain,
  publishRelease,
  SERVICES,
  tempDir,
  todoDeploySnapshot,
  type PipelineRun,
} from '../pipeline.js';
import { startDigitalOceanStandIn } from './support/digitalocean-api.js';

jest.setTimeout(900_000);

/** Its own domain, so its hosts never meet the chart tests' (staging.todo.lab). */
const DOMAIN = 'pipe.lab';
const OWNER_PATH = 'octo-org/hackathon-todo';
let lab: LabEnv;
let node = '';
let snapshot = '';
let repo = '';
let sha = '';
let push: PipelineRun;

const job = (run: PipelineRun, name: string): ActJob => {
  const found = run.jobs[name];
  if (!found)
    throw new Error(`no job ${name} in the run (jobs: ${Object.keys(run.jobs).join(', ')}; act said: ${run.other.slice(-5).join(' | ')})`);
  return found;
};
/** The exit code and, when it is not 0, the last lines of each failed job: a failing run says why in the test output. */
const outcome = (run: PipelineRun) => ({
  exit: run.exitCode,
  failed: Object.values(run.jobs)
    .filter((j) => j.result === 'failure')
    .map((j) => `${j.name}:\n${j.log.slice(-25).join('\n')}`),
});
const everyStepPassed = (j: ActJob) => Object.entries(j.steps).filter(([, r]) => r !== 'success');

async function registryDigest(service: string, tag: string): Promise<string> {
  const r = await fetch(`http://${lab.registry}/v2/${OWNER_PATH}/${service}/manifests/${encodeURIComponent(tag)}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' },
  });
  return r.status === 200 ? (r.headers.get('docker-content-digest') ?? '') : `status ${r.status}`;
}

/** service -> the digest its running pods' containers were started from (containerd's imageID). */
async function runningDigests(namespace: string): Promise<Record<string, string[]>> {
  const r = await kubectl(['get', 'pods', '-n', namespace, '-l', 'app.kubernetes.io/instance=todo', '-o', 'json']);
  const pods = JSON.parse(r.stdout) as {
    items: {
      metadata: { labels: Record<string, string>; deletionTimestamp?: string };
      spec: { nodeName?: string };
      status: { containerStatuses?: { imageID: string; ready: boolean }[] };
    }[];
  };
  const out: Record<string, string[]> = {};
  for (const pod of pods.items) {
    if (pod.metadata.deletionTimestamp) continue;
    const service = pod.metadata.labels['app.kubernetes.io/component'] ?? '?';
    expect({ service, node: pod.spec.nodeName }).toEqual({ service, node });
    for (const c of pod.status.containerStatuses ?? []) (out[service] ??= []).push(c.imageID.replace(/^.*@/, ''));
  }
  return out;
}

async function releaseRevision(namespace: string): Promise<number> {
  const r = await helm(3, ['history', 'todo', '-n', namespace, '-o', 'json']);
  if (r.exitCode !== 0) return 0;
  return (JSON.parse(r.stdout) as { revision: number }[]).length;
}

/** What a user sees: each job's log and summaries, and act's own lines (act's JSON also holds add-mask values raw, which GitHub never shows). */
async function releaseStatus(namespace: string): Promise<string> {
  const r = await helm(3, ['status', 'todo', '-n', namespace, '-o', 'json']);
  return r.exitCode === 0 ? ((JSON.parse(r.stdout) as { info: { status: string } }).info.status ?? '') : 'none';
}

function noSecretsIn(run: PipelineRun): void {
  const text = [...Object.values(run.jobs).flatMap((j) => [...j.log, ...j.summaries]), ...run.other].join('\n');
  expect(text.length).toBeGreaterThan(1000);
  for (const secret of ['lab-registry-takes-any-token', 'lab-only-kafka-password', 'lab-only-auth-secret'])
    expect(text).not.toContain(secret);
}

beforeAll(async () => {
  lab = await labEnv();
  await requireHttps();
  node = await requireRealNode();
  // each run starts from no release: the namespaces are removed, and their removal waited for
  for (const ns of ['staging', 'production']) {
    const gone = await kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=true', '--timeout=180s']);
    if (gone.exitCode !== 0) throw new Error(`namespace ${ns} was not removed: ${gone.stderr}`);
    await ensureAppSecrets(ns);
  }
  const base = tempDir('pipeline-');
  snapshot = await todoDeploySnapshot(join(base, 'todo-deploy'));
  repo = join(base, 'hackathon-todo');
  sha = await appRepository(repo);
  push = await pushToMain(lab, repo, sha, { snapshot, domain: DOMAIN });
}, 900_000);

// the namespaces' removal is waited for: the real node tears down about fifteen pods, and the
// next suite should not start while its kubelet is busy with that
afterAll(async () => {
  for (const ns of ['staging', 'production'])
    await kubectl(['delete', 'namespace', ns, '--ignore-not-found', '--wait=true', '--timeout=180s']);
}, 400_000);

describe('push to main (examples/todo-app main.yml, run by act)', () => {
  it('runs every job of the pipeline to success: tests, secret scan, chart, images, staging', () => {
    expect(outcome(push)).toEqual({ exit: 0, failed: [] });
    for (const name of [
      'build/build/test',
      'build/build/secret-scan',
      'build/build/chart',
      'build/build/images',
      'staging/deploy/deploy',
    ]) {
      const j = job(push, name);
      expect({ name, result: j.result, failed: everyStepPassed(j) }).toEqual({ name, result: 'success', failed: [] });
    }
    expect(Object.keys(job(push, 'build/build/secret-scan').steps)).toContain('gitleaks (the files of this commit)');
    const chart = job(push, 'build/build/chart').log.join('\n');
    expect(chart).toMatch(/chart renders for staging/);
    expect(chart).toMatch(/chart renders for production/);
  });

  it('pushes five images under sha-<short> and main-latest with one digest each, as build-images summarises', async () => {
    const summary = job(push, 'build/build/images').summaries.join('\n');
    expect(summary).toContain('5 of 5 images done');
    const short = `sha-${sha.slice(0, 7)}`;
    for (const service of SERVICES) {
      const digest = await registryDigest(service, short);
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(await registryDigest(service, 'main-latest')).toBe(digest);
      expect(summary).toContain(digest);
    }
  });

  it('deploys staging with that tag on the real node, running exactly the pushed digests', async () => {
    const values = await helm(3, ['get', 'values', 'todo', '-n', 'staging', '-o', 'json']);
    expect((JSON.parse(values.stdout) as { global: { imageTag: string } }).global.imageTag).toBe(`sha-${sha.slice(0, 7)}`);
    const running = await runningDigests('staging');
    expect(Object.keys(running).sort()).toEqual([...SERVICES].sort());
    // pinned by digest (image-digests from build.yml), not only by tag
    const images = await kubectl([
      'get',
      'deployments',
      '-n',
      'staging',
      '-l',
      'app.kubernetes.io/instance=todo',
      '-o',
      'jsonpath={.items[*].spec.template.spec.containers[0].image}',
    ]);
    for (const image of images.stdout.trim().split(' '))
      expect(image).toMatch(new RegExp(`^${lab.registry}/octo-org/hackathon-todo/[a-z-]+@sha256:[0-9a-f]{64}$`));
    for (const service of SERVICES) expect(running[service]).toContain(await registryDigest(service, `sha-${sha.slice(0, 7)}`));
    expect(job(push, 'staging/deploy/deploy').summaries.join('\n')).toMatch(/helm-deploy: todo in staging: revision 1 deployed/);
  });

  it('verifies the certificate and smoke-tests staging over HTTPS, and prints no secret', () => {
    const summaries = job(push, 'staging/deploy/deploy').summaries.join('\n');
    expect(summaries).toMatch(/Certificates: 1 of 1 host valid/);
    expect(summaries).toMatch(/staging\.todo\.pipe\.lab \| ✅ valid \| CN=Pebble Intermediate CA/);
    expect(summaries).toMatch(/308 -> https:\/\/staging\.todo\.pipe\.lab\//);
    expect(summaries).toMatch(/Smoke test: 2 of 2 URLs healthy/);
    noSecretsIn(push);
  });
});

describe('a published release (examples/todo-app release.yml, run by act)', () => {
  let release: PipelineRun;
  // a version of its own each run: a release tag is given once
  const version = `v1.2.${Date.now() % 100000}`;
  beforeAll(async () => {
    release = await publishRelease(lab, repo, sha, version, { snapshot, domain: DOMAIN });
  }, 900_000);

  it('promotes the images staging runs to vX.Y.Z without a rebuild and deploys them to production', async () => {
    expect(outcome(release)).toEqual({ exit: 0, failed: [] });
    for (const name of ['promote/promote/promote', 'production/deploy/deploy']) {
      const j = job(release, name);
      expect({ name, result: j.result, failed: everyStepPassed(j) }).toEqual({ name, result: 'success', failed: [] });
    }
    const staging = await runningDigests('staging');
    const production = await runningDigests('production');
    for (const service of SERVICES) {
      const built = await registryDigest(service, `sha-${sha.slice(0, 7)}`);
      expect(await registryDigest(service, version)).toBe(built);
      expect(staging[service]).toContain(built);
      expect(production[service]).toContain(built);
    }
    const promoted = job(release, 'promote/promote/promote').summaries.join('\n');
    expect(promoted).toMatch(/5 of 5 images done/);
    expect(promoted).toContain('tagged (the same digest, not rebuilt)');
    // nothing was built: no buildah bud in the release run
    expect(release.stdout).not.toMatch(/STEP 1\/|Build frontend/);
  });

  it('checks production over HTTPS at todo.<domain>, with the version as the image tag', async () => {
    const summaries = job(release, 'production/deploy/deploy').summaries.join('\n');
    expect(summaries).toMatch(/todo\.pipe\.lab \| ✅ valid/);
    expect(summaries).toMatch(/Smoke test: 2 of 2 URLs healthy/);
    const values = await helm(3, ['get', 'values', 'todo', '-n', 'production', '-o', 'json']);
    expect((JSON.parse(values.stdout) as { global: { imageTag: string } }).global.imageTag).toBe(version);
    noSecretsIn(release);
  });

  it.each([
    ['a tag with shell text', 'v1.2.3$(id)'],
    ['a tag with a space', 'v1.2.3 '],
    ['a tag with a line break and a forged command', 'v1.2.4\n::error::forged by the tag'],
  ])('refuses %s before anything is tagged or deployed', async (_, tag) => {
    const before = await releaseRevision('production');
    const run = await publishRelease(lab, repo, sha, tag, { snapshot, domain: DOMAIN });
    expect(run.exitCode).not.toBe(0);
    const promote = job(run, 'promote/promote/promote');
    expect(promote.steps['Check the release tag']).toBe('failure');
    expect(promote.steps['octo-org/todo-deploy/build-images@v1']).toBeUndefined();
    expect(Object.values(run.jobs).some((j) => j.name.startsWith('production/') && Object.keys(j.steps).includes('Deploy'))).toBe(false);
    // the reason is in the step summary, which act reads from its file after the step. act's host
    // mode can drop what a step printed when it exits non-zero within milliseconds (exec returns on
    // the exit status and closes the terminal before copying what is left in it), so the printed
    // ::error line is not always in act's log; on GitHub it is.
    expect(promote.summaries.join('\n')).toMatch(/release tag 'v1\.2\.[34]\?.*' is not vX\.Y\.Z/);
    // the tag's text never became a command: at most the check's own error, never the forged one
    const errors = promote.commands.filter((c) => c.command === 'error');
    expect(errors.length).toBeLessThanOrEqual(1);
    expect(errors.map((e) => e.arg).join('|')).not.toContain('forged by the tag');
    expect(await releaseRevision('production')).toBe(before);
    expect(await registryDigest('backend', tag)).toMatch(/^status 4/);
  });
});

describe('a deploy cancelled mid-rollout (act stopped while helm waits for the pods)', () => {
  it('leaves no release pending, and the next run deploys', async () => {
    const before = await releaseRevision('staging');
    const slow = await commitChange(repo, 'a change whose backend starts slowly');
    const stop = new AbortController();
    // the backend of this commit starts listening 30 s after its start: the rollout is long enough to be cancelled in
    const running = pushToMain(lab, repo, slow, {
      snapshot,
      domain: DOMAIN,
      vars: { SET_STRING: 'services.backend.env.DEMO_START_DELAY=30s' },
      signal: stop.signal,
    });
    // mid-rollout: helm has recorded the new revision (helm-deploy runs helm without --wait, so
    // pending-upgrade lasts only while helm applies; the revision stays) and the backend, which
    // starts 30 s late, is not yet available. The run ending on its own fails the test, saying how.
    let ended: PipelineRun | undefined;
    void running.then((r) => (ended = r));
    let midRollout = false;
    const deadline = Date.now() + 300_000;
    while (!midRollout && !ended && Date.now() < deadline) {
      midRollout = (await releaseRevision('staging')) > before;
      if (!midRollout) await new Promise((r) => setTimeout(r, 250));
    }
    expect({ midRollout, endedEarly: ended ? outcome(ended) : undefined }).toEqual({ midRollout: true, endedEarly: undefined });
    stop.abort();
    const cancelled = await running;
    expect(cancelled.exitCode).not.toBe(0);
    // act kills the step (SIGKILL) and runs the post steps, as the runner does on a cancel: helm-deploy's post undoes the pending revision
    const log = (cancelled.jobs['staging/deploy/deploy']?.log ?? []).join('\n');
    expect(log).toMatch(/this step has been cancelled/);
    expect(log).toMatch(/The deploy of todo did not finish; settling the release/);
    expect(log).toMatch(/Rolled back todo to revision \d+|Undoing revision \d+/);

    // settled within a minute of the cancel: never left pending (which would block every later deploy)
    let status = await releaseStatus('staging');
    for (let i = 0; i < 60 && status.startsWith('pending-'); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      status = await releaseStatus('staging');
    }
    expect(status).not.toMatch(/^pending-/);

    const next = await commitChange(repo, 'the next change');
    const after = await pushToMain(lab, repo, next, { snapshot, domain: DOMAIN });
    expect(outcome(after)).toEqual({ exit: 0, failed: [] });
    expect(await releaseStatus('staging')).toBe('deployed');
    expect(await releaseRevision('staging')).toBeGreaterThan(before + 1);
    const values = await helm(3, ['get', 'values', 'todo', '-n', 'staging', '-o', 'json']);
    expect((JSON.parse(values.stdout) as { global: { imageTag: string } }).global.imageTag).toBe(`sha-${next.slice(0, 7)}`);
  });
});

describe('DigitalOcean Kubernetes: a kubeconfig minted for the job (against a stand-in of DigitalOcean’s API)', () => {
  it('mints a kubeconfig that expires within the job with doctl, deploys with it, and never prints either token', async () => {
    const apiToken = `dop_v1_${'5'.repeat(8)}${Date.now()}`;
    const api = await startDigitalOceanStandIn(apiToken);
    try {
      const next = await commitChange(repo, 'a change deployed through DOKS credentials');
      const run = await pushToMain(lab, repo, next, {
        snapshot,
        domain: DOMAIN,
        vars: { DOKS_CLUSTER: api.clusterName, DIGITALOCEAN_API_URL: api.url },
        // no kubeconfig secret: the DigitalOcean token is the only credential
        secrets: { KUBECONFIG: '', DIGITALOCEAN_TOKEN: apiToken },
      });
      expect(outcome(run)).toEqual({ exit: 0, failed: [] });
      const deploy = job(run, 'staging/deploy/deploy');
      expect(deploy.steps['Mint a kubeconfig for this job (DOKS)']).toBe('success');
      expect(deploy.log.join('\n')).toContain(`Minted a kubeconfig for cluster ${api.clusterName}, valid 1800 s`);
      // doctl resolved the name, then asked for a kubeconfig expiring within the job (not the 7-day default)
      expect(api.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')} ${r.authorized}`)).toEqual([
        'GET /v2/kubernetes/clusters true',
        `GET /v2/kubernetes/clusters/${api.clusterId}/kubeconfig true`,
      ]);
      expect(api.requests[1]?.path).toMatch(/[?&]expiry_seconds=1800(&|$)/);
      expect(api.minted.map((m) => m.expirySeconds)).toEqual([1800]);
      const values = await helm(3, ['get', 'values', 'todo', '-n', 'staging', '-o', 'json']);
      expect((JSON.parse(values.stdout) as { global: { imageTag: string } }).global.imageTag).toBe(`sha-${next.slice(0, 7)}`);
      const shown = [...Object.values(run.jobs).flatMap((j) => [...j.log, ...j.summaries]), ...run.other].join('\n');
      expect(shown).not.toContain(apiToken);
      for (const { token } of api.minted) {
        expect(shown).not.toContain(token);
        expect(shown).not.toContain(token.slice(0, 40));
      }
      // the minted token is masked before anything could print it
      expect(deploy.commands.filter((c) => c.command === 'add-mask').map((c) => c.arg)).toContain(api.minted[0]?.token);
    } finally {
      await api.close();
    }
  });
});

describe('a push whose values break the chart', () => {
  it('fails in the chart job, naming the cause, before any image is pushed or anything deployed', async () => {
    const before = await releaseRevision('staging');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(repo, 'deploy', 'values-bad.yaml'), 'services:\n  backend:\n    image:\n      tag: latest\n');
    const bad = await commitChange(repo, 'values that pin the backend to latest');
    const run = await pushToMain(lab, repo, bad, {
      snapshot,
      domain: DOMAIN,
      vars: { VALUES_FILE: 'deploy/values-bad.yaml' },
    });
    expect(run.exitCode).not.toBe(0);
    expect(job(run, 'build/build/chart').result).toBe('failure');
    expect(job(run, 'build/build/chart').log.join('\n')).toMatch(/values\.yaml: - at '\/services\/backend\/image\/tag'/);
    expect(run.jobs['build/build/images']?.steps['octo-org/todo-deploy/build-images@v1']).toBeUndefined();
    expect(await registryDigest('backend', `sha-${bad.slice(0, 7)}`)).toMatch(/^status 4/);
    expect(await releaseRevision('staging')).toBe(before);
  });
});
