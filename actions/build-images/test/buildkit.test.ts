import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';
import { attestationKinds, indexEntries } from '../src/attestations.js';
import { bakeArgv, bakeCacheHits, bakeFile, bakeTarget, cacheTag, digestsFromMetadata, foldersRead } from '../src/bake.js';
import { chooseBuilder, exportsWanted, parseInspect, type BuilderProbe } from '../src/builder.js';
import { failedTarget } from '../src/buildkit-run.js';
import { transientBakeFailure } from '../src/push-failure.js';
import { privateDockerConfig } from '../src/docker-config.js';
import { readInputs, type BuildInputs } from '../src/inputs.js';
import { planImages } from '../src/plan.js';
import { summaryMarkdown } from '../src/report.js';
import { planTags } from '../src/tag-policy.js';

// The BuildKit builder's pure parts: which builder, the bake definition, bake's metadata and
// progress, the index BuildKit pushes. build.lab runs them against buildkitd and the lab registry.

const sha = '0123abcdef4567890123abcdef4567890123abcd';
const fixtures = 'actions/build-images/test/fixtures';
const env = { GITHUB_WORKSPACE: repoRoot(), GITHUB_REPOSITORY: 'octo/hackathon-todo', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha };
const inputs = (values: Record<string, string>): BuildInputs =>
  readInputs((name) => values[name] ?? (name === 'registry' ? 'ghcr.io' : ''), env);
const created = new Date('2026-12-03T10:00:00Z');
const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('chooseBuilder', () => {
  const remote: BuilderProbe = { answered: true, name: 'lab', driver: 'remote' };
  const docker: BuilderProbe = { answered: true, name: 'default', driver: 'docker' };
  const none: BuilderProbe = { answered: false, reason: 'Cannot connect to the Docker daemon' };
  const all = ['a cache', 'provenance'];
  it.each<[string, 'auto' | 'buildkit' | 'buildah', BuilderProbe | undefined, string[], string]>([
    ['buildah when asked', 'buildah', undefined, all, 'buildah'],
    ['auto: a remote BuildKit', 'auto', remote, all, 'buildkit'],
    ['auto: a docker-container builder', 'auto', { answered: true, name: 'x', driver: 'docker-container' }, all, 'buildkit'],
    ['auto: no builder answers (a docker CLI without a daemon)', 'auto', none, all, 'buildah'],
    ['auto: the docker driver cannot export what is asked', 'auto', docker, all, 'buildah'],
    ['auto: the docker driver with nothing to export', 'auto', docker, [], 'buildkit'],
    ['buildkit: a remote BuildKit', 'buildkit', remote, all, 'buildkit'],
  ])('%s', (_name, choice, probe, exports, builder) => {
    expect(chooseBuilder(choice, probe, { exports })).toMatchObject({ builder });
  });

  it('fails builder: buildkit before anything is built, saying why and what to do', () => {
    expect(chooseBuilder('buildkit', none, { exports: all })).toEqual({
      error:
        'builder: buildkit, but no buildx builder answers (Cannot connect to the Docker daemon): add docker/setup-buildx-action before this step (a docker-container builder) or point buildx at a BuildKit (driver remote), or use builder: buildah',
    });
    expect(chooseBuilder('buildkit', docker, { exports: ['provenance', 'an SBOM'] })).toEqual({
      error:
        "builder: buildkit, but the current buildx builder 'default' uses the docker driver, which cannot export provenance, an SBOM: add docker/setup-buildx-action before this step (a docker-container builder) or point buildx at a BuildKit (driver remote), or turn provenance, an SBOM off",
    });
  });

  it('never falls back to buildah for what only BuildKit does (a gha cache): fails saying why', () => {
    const wants = { exports: all, buildkitOnly: 'cache-backend: gha' };
    expect(chooseBuilder('auto', remote, wants)).toMatchObject({ builder: 'buildkit' });
    expect(chooseBuilder('auto', none, wants)).toEqual({
      error:
        'cache-backend: gha needs BuildKit, and no buildx builder answers (Cannot connect to the Docker daemon): add docker/setup-buildx-action before this step (a docker-container builder) or point buildx at a BuildKit (driver remote)',
    });
    expect(chooseBuilder('auto', docker, wants)).toMatchObject({
      error: expect.stringMatching(/^cache-backend: gha needs BuildKit, and the buildx builder 'default' uses the docker driver/),
    });
  });

  it('asks for exports only when pushing', () => {
    expect(exportsWanted({ push: false, cache: true, provenance: true, sbom: true })).toEqual([]);
    expect(exportsWanted({ push: true, cache: true, provenance: true, sbom: false })).toEqual(['a cache', 'provenance']);
  });

  it('reads docker buildx inspect', () => {
    const text =
      'Name:          lab-buildkit\nDriver:        remote\nLast Activity: 2026-12-03\n\nNodes:\nName:             lab-buildkit0\nEndpoint:         unix:///tmp/x.sock\nStatus:           running\nBuildKit version: v0.34.2\n';
    expect(parseInspect(text)).toEqual({ answered: true, name: 'lab-buildkit', driver: 'remote' });
    expect(parseInspect(text.replace('running', 'inactive'))).toEqual({ answered: false, reason: "builder 'lab-buildkit' is inactive" });
    // the default builder with no Docker daemon: exit 0, an empty driver and an Error line
    const noDaemon = 'Name:   default\nDriver: \nError:  failed to connect to the docker API at unix:///var/run/docker.sock\n\nNodes:\n';
    expect(parseInspect(noDaemon)).toEqual({
      answered: false,
      reason: 'failed to connect to the docker API at unix:///var/run/docker.sock',
    });
    expect(parseInspect('error')).toEqual({ answered: false, reason: 'buildx names no builder and driver' });
  });

  it('refuses a builder input it does not know, naming it', () => {
    expect(() => inputs({ services: `backend=${fixtures}/backend`, builder: 'kaniko' })).toThrow(
      "Input 'builder': 'kaniko' is not a builder: use auto, buildkit or buildah",
    );
    expect(inputs({ services: `backend=${fixtures}/backend` })).toMatchObject({ builder: 'auto', provenance: true, sbom: true });
  });
});

describe('bakeFile', () => {
  const services = `backend=${fixtures}/backend\nsse.gateway=${fixtures}/backend`;
  const tags = planTags('refs/heads/feature/Fast-Login', sha);

  it('gives each service its tags, labels, arguments, own cache (its branch and main read, its branch written), attestations and a registry output', () => {
    const given = inputs({
      services,
      registry: 'registry.lab:5000',
      cache: 'true',
      'tls-verify': 'false',
      'build-args': 'NODE_ENV=production',
      ref: 'refs/heads/feature/Fast-Login',
    });
    const bake = bakeFile(given, tags, planImages(given, tags, { created }), created);
    expect(bake.group.default.targets).toEqual(['backend', 'sse_gateway']);
    const backend = bake.target.backend;
    expect(backend).toMatchObject({
      context: join(repoRoot(), fixtures, 'backend'),
      dockerfile: join(repoRoot(), fixtures, 'backend', 'Dockerfile'),
      tags: ['registry.lab:5000/octo/hackathon-todo/backend:sha-0123abc'],
      args: { NODE_ENV: 'production' },
      'cache-from': [
        'type=registry,ref=registry.lab:5000/octo/hackathon-todo/backend-buildcache:buildkit-feature-fast-login,registry.insecure=true',
        'type=registry,ref=registry.lab:5000/octo/hackathon-todo/backend-buildcache:buildkit-main,registry.insecure=true',
      ],
      'cache-to': [
        'type=registry,ref=registry.lab:5000/octo/hackathon-todo/backend-buildcache:buildkit-feature-fast-login,mode=max,registry.insecure=true',
      ],
      attest: ['type=provenance,mode=max', 'type=sbom'],
      output: ['type=registry,registry.insecure=true'],
    });
    expect(backend?.labels['org.opencontainers.image.revision']).toBe(sha);
    expect(bake.target.sse_gateway?.['cache-to'][0]).toContain('/sse.gateway-buildcache:');
  });

  it('without a push: no cache written, no attestations, the cache only', () => {
    const given = inputs({ services, cache: 'true', push: 'false', ref: 'refs/pull/7/merge' });
    const target = bakeFile(given, tags, planImages(given, tags, { created }), created).target.backend;
    expect(target).toMatchObject({ 'cache-to': [], attest: [], output: ['type=cacheonly'] });
    expect(target?.['cache-from']).toHaveLength(2);
  });

  it("an SBOM from the generator image given (sbom-generator), BuildKit's default without one", () => {
    const given = inputs({ services, provenance: 'false', 'sbom-generator': 'registry.lab:5000/lab/sbom-scanner:1' });
    expect(bakeFile(given, tags, planImages(given, tags, { created }), created).target.backend?.attest).toEqual([
      'type=sbom,generator=registry.lab:5000/lab/sbom-scanner:1',
    ]);
    const pinned = `ghcr.io/octo/buildkit-syft-scanner:stable-1@sha256:${'ab'.repeat(32)}`;
    expect(inputs({ services, 'sbom-generator': ` ${pinned} ` }).sbomGenerator).toBe(pinned);
    expect(inputs({ services }).sbomGenerator).toBeUndefined();
  });

  it.each([
    ['docker/buildkit-syft-scanner,mode=max', 'a comma would add an attest option'],
    ['Docker/Scanner', 'an upper-case path'],
    ['https://ghcr.io/octo/scanner', 'a scheme'],
    ['ghcr.io/octo/scanner:stable 1', 'a space'],
    ['ghcr.io/octo/scanner@sha256:abc', 'a short digest'],
  ])('refuses sbom-generator %j (%s), naming the input', (value) => {
    expect(() => inputs({ services, 'sbom-generator': value })).toThrow(
      `Input 'sbom-generator': '${value}' is not an image reference ([host[:port]/]path[:tag][@sha256:digest], lower-case path)`,
    );
  });

  describe('cache-backend: gha', () => {
    const runner = {
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/',
    };
    const ghaInputs = (values: Record<string, string>, more: Record<string, string> = runner): BuildInputs =>
      readInputs((name) => values[name] ?? (name === 'registry' ? 'ghcr.io' : ''), { ...env, ...more });

    it("reads and writes GitHub's Actions cache, one scope per image, no token in the definition", () => {
      const given = ghaInputs({ services, cache: 'true', 'cache-backend': 'gha' });
      const bake = bakeFile(given, tags, planImages(given, tags, { created }), created);
      expect(bake.target.backend).toMatchObject({
        'cache-from': ['type=gha,scope=octo/hackathon-todo/backend'],
        'cache-to': ['type=gha,scope=octo/hackathon-todo/backend,mode=max'],
      });
      expect(bake.target.sse_gateway?.['cache-from']).toEqual(['type=gha,scope=octo/hackathon-todo/sse.gateway']);
      expect(JSON.stringify(bake)).not.toContain('runtime-token');
      // no registry cache repository beside it
      expect(planImages(given, tags, { created })[0]?.cacheRepository).toBeUndefined();
      // a pull request reads the cache and writes none
      const pr = ghaInputs({ services, cache: 'true', 'cache-backend': 'gha', push: 'false' });
      expect(bakeFile(pr, tags, planImages(pr, tags, { created }), created).target.backend).toMatchObject({
        'cache-from': ['type=gha,scope=octo/hackathon-todo/backend'],
        'cache-to': [],
      });
    });

    it.each<[string, Record<string, string>, Record<string, string>, string]>([
      [
        'a backend it does not know',
        { 'cache-backend': 's3' },
        runner,
        "Input 'cache-backend': 's3' is not a cache backend: use registry or gha",
      ],
      [
        'gha with buildah',
        { 'cache-backend': 'gha', builder: 'buildah' },
        runner,
        "Input 'cache-backend': gha is a BuildKit cache (type=gha) and builder is buildah: use builder: buildkit (or auto), or cache-backend: registry",
      ],
      [
        'gha outside GitHub Actions',
        { 'cache-backend': 'gha' },
        {},
        "Input 'cache-backend': gha needs GitHub's Actions cache service, which the runner gives a JavaScript action, and ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set: outside GitHub Actions use cache-backend: registry",
      ],
      [
        'gha without the token',
        { 'cache-backend': 'gha' },
        { ACTIONS_RESULTS_URL: 'https://results/' },
        "Input 'cache-backend': gha needs GitHub's Actions cache service, which the runner gives a JavaScript action, and ACTIONS_RUNTIME_TOKEN is not set: outside GitHub Actions use cache-backend: registry",
      ],
    ])('refuses %s before anything is built', (_name, values, more, message) => {
      expect(() => ghaInputs({ services, cache: 'true', ...values }, more)).toThrow(message);
    });

    it('asks nothing of the runner when the cache is off', () => {
      expect(ghaInputs({ services, 'cache-backend': 'gha' }, {}).cacheBackend).toBe('gha');
      expect(inputs({ services }).cacheBackend).toBe('registry');
    });
  });

  it('without the cache or attestations: none asked', () => {
    const given = inputs({ services, provenance: 'false', sbom: 'false' });
    expect(bakeFile(given, tags, planImages(given, tags, { created }), created).target.backend).toMatchObject({
      'cache-from': [],
      'cache-to': [],
      attest: [],
    });
  });

  it.each([
    ['refs/heads/main', 'buildkit-main'],
    ['refs/heads/feature/a b', 'buildkit-feature-a-b'],
    ['refs/pull/42/merge', 'buildkit-pr-42'],
    ['refs/tags/v1.2.3', 'buildkit-main'],
  ])('caches %s under %s', (ref, tag) => expect(cacheTag(ref)).toBe(tag));

  it('runs bake with plain progress and a metadata file', () => {
    expect(bakeArgv('/w/docker-bake.json', '/w/m.json')).toEqual([
      'buildx',
      'bake',
      '--file',
      '/w/docker-bake.json',
      '--metadata-file',
      '/w/m.json',
      '--progress',
      'plain',
    ]);
    const folders = foldersRead([
      { context: '/src/backend', dockerfile: '/src/backend/Dockerfile' },
      { context: '/src/backend', dockerfile: '/src/docker/mcp.Dockerfile' },
    ]);
    expect(folders).toEqual(['/src/backend', '/src/docker']);
    expect(bakeArgv('/w/b.json', '/w/m.json', folders).slice(-4)).toEqual([
      '--allow',
      'fs.read=/src/backend',
      '--allow',
      'fs.read=/src/docker',
    ]);
    expect(bakeTarget('a.b')).toBe('a_b');
  });
});

describe("bake's metadata and progress", () => {
  it('reads each service’s digest, and fails naming a service without one', () => {
    const text = JSON.stringify({
      backend: { 'containerimage.digest': digest('a'), 'image.name': 'r/backend:sha-1' },
      sse_gateway: { 'containerimage.digest': digest('b') },
    });
    expect(digestsFromMetadata(text, ['backend', 'sse.gateway'])).toEqual({ backend: digest('a'), 'sse.gateway': digest('b') });
    expect(() => digestsFromMetadata(text, ['backend', 'mcp'])).toThrow("bake's metadata names no digest for mcp");
    expect(() => digestsFromMetadata('{', ['backend'])).toThrow('not JSON');
  });

  it('counts cached steps per target', () => {
    const progress = [
      '#1 [internal] load local bake definitions',
      '#5 [backend 1/3] FROM scratch',
      '#6 [backend 2/3] COPY app /app',
      '#6 CACHED',
      '#7 [mcp 2/2] COPY x /x',
      '#7 CACHED',
      '#8 [mcp 3/3] RUN true',
      '#8 DONE 0.1s',
      '#6 CACHED',
    ].join('\n');
    expect(bakeCacheHits(progress, ['backend', 'mcp'])).toEqual({ backend: 2, mcp: 1 });
  });

  it('names the target a bake error names', () => {
    expect(failedTarget('bake failed: target mcp: failed to solve: process "/bin/sh -c exit 3" did not complete', ['backend', 'mcp'])).toBe(
      'mcp',
    );
    expect(failedTarget('bake failed: failed to solve: [backend 2/3] RUN false', ['backend', 'mcp'])).toBe('backend');
    expect(failedTarget('bake failed: connection refused', ['backend'])).toBeUndefined();
  });
});

describe('the index BuildKit pushes', () => {
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: digest('1'),
        size: 1,
        platform: { architecture: 'amd64', os: 'linux' },
      },
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: digest('2'),
        size: 1,
        annotations: { 'vnd.docker.reference.digest': digest('1'), 'vnd.docker.reference.type': 'attestation-manifest' },
        platform: { architecture: 'unknown', os: 'unknown' },
      },
    ],
  });
  it('tells the image from its attestations', () => {
    expect(indexEntries(index)).toEqual({ images: [digest('1')], attestations: [digest('2')] });
    expect(indexEntries('{"layers":[]}')).toBeUndefined();
    expect(indexEntries('not json')).toBeUndefined();
  });

  it('names the predicates of an attestation manifest', () => {
    const attestation = JSON.stringify({
      layers: [
        { mediaType: 'application/vnd.in-toto+json', annotations: { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' } },
        { mediaType: 'application/vnd.in-toto+json', annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v1' } },
        { mediaType: 'application/vnd.in-toto+json', annotations: { 'in-toto.io/predicate-type': 'https://example.com/custom' } },
      ],
    });
    expect(attestationKinds(attestation)).toEqual(['SPDX SBOM', 'SLSA provenance v1', 'https://example.com/custom']);
  });

  it('lists them in the summary, with BuildKit’s cached steps', () => {
    const md = summaryMarkdown(
      [
        {
          service: 'backend',
          image: 'r/backend',
          status: 'pushed',
          digest: digest('a'),
          durationMs: 1000,
          cache: { steps: 3 },
          attestations: ['SLSA provenance v1'],
        },
      ],
      planTags('refs/heads/main', sha),
      1000,
    );
    expect(md).toContain('✅ pushed (cache: 3 steps cached); attestations: SLSA provenance v1');
  });
});

describe('transientBakeFailure', () => {
  it.each<[string, boolean]>([
    [
      'bake failed: failed to push 127.0.0.1:1/o/r/frontend:sha-0123abc: failed to do request: Head "https://127.0.0.1:1/v2/o/r/frontend/blobs/sha256:ab": dial tcp 127.0.0.1:1: connect: connection refused',
      true,
    ],
    [
      'bake failed: failed to push ghcr.io/o/r/backend:sha-0123abc: unexpected status from PUT request to https://ghcr.io/v2/o/r/backend/manifests/sha-0123abc: 429 Too Many Requests',
      true,
    ],
    [
      'bake failed: failed to export cache: failed to do request: Put "https://ghcr.io/v2/o/r/mcp-buildcache/manifests/buildkit-main": i/o timeout',
      true,
    ],
    [
      'bake failed: failed to push ghcr.io/o/r/backend:sha-0123abc: unexpected status from POST request to https://ghcr.io/v2/o/r/backend/blobs/uploads/: 401 Unauthorized',
      false,
    ],
    ['bake failed: failed to push ghcr.io/o/r/backend:sha-0123abc: denied: permission_denied: write_package', false],
    // a build that fails is not tried again, whatever its output says
    ['bake failed: target backend: failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 1', false],
    ['bake failed: target backend: failed to solve: failed to compute cache key: "/missing.txt": not found', false],
  ])('%s: %s', (message, transient) => {
    expect(transientBakeFailure(message)).toBe(transient);
  });
});

describe('privateDockerConfig', () => {
  it('adds the registry’s credentials to a copy of the user’s configuration in the private folder, linking its builders', () => {
    const user = mkdtempSync(join(tmpdir(), 'docker-user-'));
    mkdirSync(join(user, 'buildx'));
    mkdirSync(join(user, 'cli-plugins'));
    writeFileSync(
      join(user, 'config.json'),
      JSON.stringify({ auths: { 'ghcr.io': { auth: 'b2xkOm9sZA==' } }, credHelpers: { 'registry.lab': 'pass' } }),
    );
    const folder = mkdtempSync(join(tmpdir(), 'private-'));
    const { dir, warning } = privateDockerConfig(folder, 'registry.lab', { username: 'u', password: 'p@ss' }, { DOCKER_CONFIG: user });
    expect(dir).toBe(join(folder, 'docker'));
    expect(warning).toBeUndefined();
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
      auths: Record<string, { auth: string }>;
      credHelpers: object;
    };
    expect(config.auths['registry.lab']?.auth).toBe(Buffer.from('u:p@ss').toString('base64'));
    expect(config.auths['ghcr.io']?.auth).toBe('b2xkOm9sZA==');
    expect(config.credHelpers).toEqual({});
    expect(readlinkSync(join(dir, 'buildx'))).toBe(join(user, 'buildx'));
    // the user's own configuration is left as it was
    expect(JSON.parse(readFileSync(join(user, 'config.json'), 'utf8')).auths).not.toHaveProperty(['registry.lab']);
  });

  it('warns when a credsStore may take precedence', () => {
    const user = mkdtempSync(join(tmpdir(), 'docker-user-'));
    writeFileSync(join(user, 'config.json'), JSON.stringify({ credsStore: 'desktop' }));
    const { warning } = privateDockerConfig(
      mkdtempSync(join(tmpdir(), 'private-')),
      'r.lab',
      { username: 'u', password: 'p' },
      { DOCKER_CONFIG: user },
    );
    expect(warning).toContain('credsStore (desktop)');
  });
});
