import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { labEnv, labTools, pushSbomScanner, startBuildkit, type LabBuildkit } from '@todo-deploy/lab';
import { runProcess } from '@todo-deploy/process';
import { startGhaCacheService } from './support/gha-cache-service.js';

// build-images with BuildKit for real: a rootful buildkitd (OCI worker, Debian's runc) that
// the lab builds from github.com/moby/buildkit, driven by docker buildx (github.com/docker/buildx)
// as a plugin of the docker CLI through the remote driver; no Docker daemon. Images go to the
// lab registry and are read back through its API: tags, digests, labels, attestations.

jest.setTimeout(300_000);
const lab = await labEnv();
const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
let bk: LabBuildkit;

beforeAll(async () => {
  bk = await startBuildkit(lab);
});
afterAll(async () => {
  await bk?.stop();
});

/**
 * Five stand-in services in the seed's shape: the frontend from its own folder, the four
 * others from one backend folder with a Dockerfile each, all sharing a first stage (a shell
 * that a RUN step uses, and a dependency file), so one session builds that stage once.
 */
function fiveServices(): { services: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bk-five-'));
  const backend = join(dir, 'backend');
  const frontend = join(dir, 'frontend');
  mkdirSync(backend);
  mkdirSync(frontend);
  for (const ctx of [backend, frontend]) {
    copyFileSync(labTools().busybox, join(ctx, 'busybox'));
    writeFileSync(join(ctx, 'deps.txt'), `the dependencies of ${ctx === frontend ? 'the frontend' : 'the backend'}\n`);
  }
  const dockerfile = (name: string, from: string) =>
    [
      'FROM scratch AS deps',
      'COPY busybox /bin/busybox',
      'COPY deps.txt /deps.txt',
      'RUN ["/bin/busybox", "sh", "-c", "/bin/busybox sha256sum /deps.txt > /deps.sum"]',
      'FROM deps',
      `COPY ${from} /app.txt`,
      `RUN ["/bin/busybox", "sh", "-c", "echo ${name} built > /built.txt"]`,
      '',
    ].join('\n');
  writeFileSync(join(frontend, 'index.html'), '<p>todo</p>\n');
  writeFileSync(join(frontend, 'Dockerfile'), dockerfile('frontend', 'index.html'));
  const lines = [`frontend=${frontend}`];
  for (const name of ['backend', 'mcp', 'notification', 'sse-gateway']) {
    writeFileSync(join(backend, `${name}.txt`), `${name}\n`);
    writeFileSync(join(backend, `${name}.Dockerfile`), dockerfile(name, `${name}.txt`));
    lines.push(`${name}=${backend}:${join(backend, `${name}.Dockerfile`)}`);
  }
  return { services: lines.join('\n'), dir };
}

const repository = (): string => `bk-test/r${randomBytes(4).toString('hex')}`;
const errorOf = (run: ActionRun): string => run.annotations.find((a) => a.level === 'error')?.message ?? '';

function build(inputs: Record<string, string>, env: Record<string, string> = bk.env, sha = randomBytes(20).toString('hex')) {
  return runAction('build-images', {
    inputs: { registry: lab.registry, 'tls-verify': 'false', sbom: 'false', ...inputs },
    env,
    context: {
      GITHUB_REPOSITORY: 'octo/hackathon-todo',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: sha,
      GITHUB_SERVER_URL: 'https://github.com',
    },
  });
}

async function getJson<T>(path: string, accept: string): Promise<{ json: T; digest: string | null; type: string | null }> {
  const response = await fetch(`http://${lab.registry}/v2/${path}`, { headers: { Accept: accept } });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  return {
    json: (await response.json()) as T,
    digest: response.headers.get('docker-content-digest'),
    type: response.headers.get('content-type'),
  };
}

interface Index {
  manifests: { digest: string; platform?: { os: string }; annotations?: Record<string, string> }[];
}
interface ImageManifest {
  config: { digest: string };
  layers: { digest: string; annotations?: Record<string, string> }[];
}

describe('build-images with BuildKit (buildkitd + docker buildx bake, remote driver)', () => {
  it('builds the five services in one bake, pushes them with the tag policy, and attaches provenance; digests, labels and attestations read back from the registry', async () => {
    const { services } = fiveServices();
    const repo = repository();
    const sha = randomBytes(20).toString('hex');
    const run = await build({ services, repository: repo, builder: 'buildkit', cache: 'true' }, bk.env, sha);
    expect(errorOf(run)).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Builder: buildkit (buildx builder '${bk.builder}' (driver remote))`);
    // one BuildKit session: bake reads its definition once for all five
    expect(run.stdout.match(/\[internal\] load local bake definitions/g)).toHaveLength(1);
    // the shared first stage ran once for the four services of the backend folder (the others
    // show it CACHED), once for the frontend's own folder: two runs of its RUN step, not five
    // a vertex's header repeats when its output interleaves with other vertices': each vertex once
    const depsRuns = [...new Set([...run.stdout.matchAll(/^#(\d+) \[[^\]]+ deps 3\/3\] RUN .*sha256sum/gm)].map((m) => m[1]))];
    expect(depsRuns.length).toBeGreaterThanOrEqual(5);
    expect(depsRuns.filter((id) => new RegExp(`^#${id} DONE`, 'm').test(run.stdout))).toHaveLength(2);
    const digests = JSON.parse(run.outputs.digests ?? '{}') as Record<string, string>;
    expect(Object.keys(digests).sort()).toEqual(['backend', 'frontend', 'mcp', 'notification', 'sse-gateway']);
    const short = `sha-${sha.slice(0, 7)}`;
    expect(run.outputs.tags).toBe(`${short} main-latest`);
    for (const [service, digest] of Object.entries(digests)) {
      const name = `${repo}/${service}`;
      const tags = await getJson<{ tags: string[] }>(`${name}/tags/list`, 'application/json');
      expect(tags.json.tags.sort()).toEqual(['main-latest', short]);
      const index = await getJson<Index>(`${name}/manifests/${short}`, INDEX);
      expect(index.digest).toBe(digest);
      expect(index.type).toBe(INDEX);
      const image = index.json.manifests.find((m) => m.platform?.os === 'linux');
      const attestation = index.json.manifests.find((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
      expect(image).toBeDefined();
      expect(attestation?.annotations?.['vnd.docker.reference.digest']).toBe(image?.digest);
      const statement = await getJson<ImageManifest>(`${name}/manifests/${attestation?.digest}`, MANIFEST);
      expect(statement.json.layers.map((l) => l.annotations?.['in-toto.io/predicate-type'])).toContain('https://slsa.dev/provenance/v1');
      const manifest = await getJson<ImageManifest>(`${name}/manifests/${image?.digest}`, MANIFEST);
      const config = (await (await fetch(`http://${lab.registry}/v2/${name}/blobs/${manifest.json.config.digest}`)).json()) as {
        config: { Labels?: Record<string, string> };
      };
      expect(config.config.Labels).toMatchObject({ 'org.opencontainers.image.title': service, 'org.opencontainers.image.revision': sha });
      expect(run.summary).toMatch(
        new RegExp(
          `\\| ${service} \\| ${lab.registry}/${name} \\| ✅ pushed \\(cache: \\d+ steps? cached\\); attestations: SLSA provenance v1 \\| \`${digest}\``,
        ),
      );
    }
    // each service's cache sits beside it, under the branch's tag
    const cache = await getJson<{ tags: string[] }>(`${repo}/mcp-buildcache/tags/list`, 'application/json');
    expect(cache.json.tags).toEqual(['buildkit-main']);
  });

  it('rebuilds from the registry cache after BuildKit lost its own (pruned), one changed service rebuilt', async () => {
    const { services, dir } = fiveServices();
    const repo = repository();
    const first = await build({ services, repository: repo, builder: 'buildkit', cache: 'true' });
    expect(first.exitCode).toBe(0);
    const pruned = await runProcess([labTools().buildctl, '--addr', bk.endpoint, 'prune', '--all']);
    expect(pruned.exitCode).toBe(0);
    writeFileSync(join(dir, 'backend', 'mcp.txt'), 'mcp, changed\n');
    const second = await build({ services, repository: repo, builder: 'buildkit', cache: 'true' });
    expect(errorOf(second)).toBe('');
    expect(second.stdout).toMatch(/importing cache manifest from .*\/mcp-buildcache:buildkit-main/);
    const cached = (service: string) =>
      Number(new RegExp(`\\| ${service} \\| [^|]+ \\| ✅ pushed \\(cache: (\\d+) steps? cached\\)`).exec(second.summary)?.[1] ?? -1);
    // the unchanged services took every step from the registry cache; mcp rebuilt its own steps
    expect(cached('backend')).toBeGreaterThanOrEqual(4);
    expect(cached('mcp')).toBeGreaterThanOrEqual(1);
    expect(cached('mcp')).toBeLessThan(cached('backend'));
    const digests = (run: ActionRun) => JSON.parse(run.outputs.digests ?? '{}') as Record<string, string>;
    expect(digests(second).mcp).not.toBe(digests(first).mcp);
  });

  it("cache-backend: gha against a stand-in of GitHub's Actions cache service: a branch's rebuild after BuildKit lost its own cache takes the unchanged steps from main's scope and writes only its own", async () => {
    const gha = await startGhaCacheService();
    try {
      const { services, dir } = fiveServices();
      const repo = repository();
      const inputs = { services, repository: repo, builder: 'buildkit', cache: 'true', 'cache-backend': 'gha', provenance: 'false' };
      const first = await build(inputs, { ...bk.env, ...gha.env });
      expect(errorOf(first)).toBe('');
      expect(first.exitCode).toBe(0);
      const onMain = gha.entries();
      // every service has its own index, in the scope of the ref that wrote it (main)
      for (const service of ['frontend', 'backend', 'mcp', 'notification', 'sse-gateway'])
        expect(onMain.filter((e) => e.key.startsWith(`index-${repo}/${service}-`)).map((e) => e.scope)).toEqual(['refs/heads/main']);
      const pruned = await runProcess([labTools().buildctl, '--addr', bk.endpoint, 'prune', '--all']);
      expect(pruned.exitCode).toBe(0);
      writeFileSync(join(dir, 'backend', 'mcp.txt'), 'mcp, changed on a branch\n');
      // a run on a branch: its token writes the branch's scope and reads main's (GitHub's cache isolation)
      const branch = gha.mintToken([
        { scope: 'refs/heads/main', permission: 1 },
        { scope: 'refs/heads/feature/fast-login', permission: 3 },
      ]);
      const second = await build(
        { ...inputs, ref: 'refs/heads/feature/fast-login' },
        { ...bk.env, ...gha.env, ACTIONS_RUNTIME_TOKEN: branch },
      );
      expect(errorOf(second)).toBe('');
      expect(second.stdout).toMatch(/importing cache manifest from gha:/);
      // the runner's token reaches buildx through the environment only, and is masked
      expect(second.everything).not.toContain(branch);
      expect(second.masks).toContain(branch);
      const cached = (service: string) =>
        Number(new RegExp(`\\| ${service} \\| [^|]+ \\| ✅ pushed \\(cache: (\\d+) steps? cached\\)`).exec(second.summary)?.[1] ?? -1);
      expect(cached('backend')).toBeGreaterThanOrEqual(4);
      expect(cached('mcp')).toBeGreaterThanOrEqual(1);
      expect(cached('mcp')).toBeLessThan(cached('backend'));
      // main's entries are as they were; what the branch wrote is in its own scope
      const after = gha.entries();
      expect(after.filter((e) => e.scope === 'refs/heads/main')).toEqual(onMain);
      expect(after.length).toBeGreaterThan(onMain.length);
      expect(after.slice(onMain.length).every((e) => e.scope === 'refs/heads/feature/fast-login')).toBe(true);
    } finally {
      await gha.close();
    }
  });

  it('tries a bake whose push cannot reach the registry three times, then names the registry and the cause', async () => {
    const run = await build({
      services: `frontend=${join(repoRoot(), 'actions/build-images/test/fixtures/frontend')}`,
      repository: repository(),
      registry: '127.0.0.1:1',
      builder: 'buildkit',
      provenance: 'false',
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout.match(/The bake failed reaching a registry \(.*connection refused.*\); trying again/g)).toHaveLength(2);
    expect(run.stdout).toContain('Bake 1 image (frontend), attempt 3');
    expect(errorOf(run)).toMatch(/^frontend: bake failed: .*127\.0\.0\.1:1.*connection refused.* \(after 3 attempts\)$/);
  });

  it('names the service whose build fails, and fails the run', async () => {
    const repo = repository();
    const broken = join(repoRoot(), 'actions/build-images/test/fixtures/broken');
    const { services } = fiveServices();
    const run = await build({ services: `${services}\nbroken=${broken}`, repository: repo, builder: 'buildkit' });
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toMatch(/^broken: bake failed: .*missing\.txt/);
    expect(run.summary).toMatch(/\| broken \| [^|]+ \| ❌ failed: bake failed: /);
    expect(run.outputs.digests ?? '{}').not.toContain('broken');
  });

  it('with sbom on and no way to pull BuildKit’s scanner image (no internet here), fails saying so', async () => {
    const run = await build({
      services: `frontend=${join(repoRoot(), 'actions/build-images/test/fixtures/frontend')}`,
      repository: repository(),
      builder: 'buildkit',
      sbom: 'true',
    });
    expect(run.exitCode).toBe(1);
    // a registry it cannot reach (here Docker Hub, for the scanner image) is tried three times, then named
    expect(errorOf(run)).toMatch(/^frontend: bake failed: .*buildkit-syft-scanner.*no such host \(after 3 attempts\)$/);
  });

  it("with sbom-generator (the lab's stand-in for docker/buildkit-syft-scanner, from BuildKit's SBOM protocol): an SPDX SBOM of the image's files beside the provenance, read back from the registry", async () => {
    const generator = await pushSbomScanner();
    const repo = repository();
    const run = await build({
      services: `frontend=${join(repoRoot(), 'actions/build-images/test/fixtures/frontend')}`,
      repository: repo,
      builder: 'buildkit',
      sbom: 'true',
      'sbom-generator': generator,
    });
    expect(errorOf(run)).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`generating sbom using ${generator}`);
    expect(run.summary).toMatch(
      /\| frontend \| [^|]+ \| ✅ pushed; attestations: (SLSA provenance v1, SPDX SBOM|SPDX SBOM, SLSA provenance v1) \|/,
    );
    const index = await getJson<Index>(`${repo}/frontend/manifests/${run.outputs['image-tag']}`, INDEX);
    const attestation = index.json.manifests.find((m) => m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest');
    const statement = await getJson<ImageManifest>(`${repo}/frontend/manifests/${attestation?.digest}`, MANIFEST);
    const sbomLayer = statement.json.layers.find((l) => l.annotations?.['in-toto.io/predicate-type'] === 'https://spdx.dev/Document');
    expect(sbomLayer).toBeDefined();
    const sbom = (await (await fetch(`http://${lab.registry}/v2/${repo}/frontend/blobs/${sbomLayer?.digest}`)).json()) as {
      predicateType: string;
      subject: { name: string; digest: { sha256: string } }[];
      predicate: { spdxVersion: string; files: { fileName: string; checksums: { algorithm: string; checksumValue: string }[] }[] };
    };
    expect(sbom.predicateType).toBe('https://spdx.dev/Document');
    expect(sbom.predicate.spdxVersion).toBe('SPDX-2.3');
    // the one file of the image, with the SHA-256 of the fixture it was copied from
    const html = readFileSync(join(repoRoot(), 'actions/build-images/test/fixtures/frontend/index.html'));
    expect(sbom.predicate.files.map((f) => f.fileName)).toEqual(['./srv/index.html']);
    expect(sbom.predicate.files[0]?.checksums).toContainEqual({
      algorithm: 'SHA256',
      checksumValue: createHash('sha256').update(html).digest('hex'),
    });
    // BuildKit names the image as the statement's subject
    expect(sbom.subject.map((s) => `sha256:${s.digest.sha256}`)).toContain(attestation?.annotations?.['vnd.docker.reference.digest']);
  });

  it('auto takes BuildKit when a builder answers and buildah when none does; builder: buildkit without one fails before building', async () => {
    const frontend = `frontend=${join(repoRoot(), 'actions/build-images/test/fixtures/frontend')}`;
    const withBuildkit = await build({ services: frontend, repository: repository(), provenance: 'false' });
    expect(withBuildkit.exitCode).toBe(0);
    expect(withBuildkit.stdout).toContain('Builder: buildkit');
    const empty = mkdtempSync(join(tmpdir(), 'docker-empty-'));
    mkdirSync(join(empty, 'cli-plugins'));
    copyFileSync(labTools().buildx, join(empty, 'cli-plugins', 'docker-buildx'));
    const noBuilder = { DOCKER_CONFIG: empty, DOCKER_HOST: 'unix:///nonexistent/docker.sock' };
    const refused = await build({ services: frontend, repository: repository(), builder: 'buildkit' }, noBuilder);
    expect(refused.exitCode).toBe(1);
    expect(errorOf(refused)).toMatch(/^builder: buildkit, but no buildx builder answers \(.+\): add docker\/setup-buildx-action/);
    expect(refused.stdout).not.toContain('Bake ');
  });
});
