import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';
import { buildahCause, cacheUnsupported, retriesOnItsOwn } from '../src/buildah.js';
import { transientPushFailure } from '../src/push-failure.js';
import { readInputs, type BuildInputs } from '../src/inputs.js';
import { buildTime, cacheHits, loginArgv, ociLabels, planImages, pushArgv } from '../src/plan.js';
import { digestOutputs, failureMessage, summaryMarkdown, type ImageResult } from '../src/report.js';
import { parseServices } from '../src/services.js';
import { planTags } from '../src/tag-policy.js';

const sha = '0123abcdef4567890123abcdef4567890123abcd';
const fixtures = 'actions/build-images/test/fixtures';
const env = { GITHUB_WORKSPACE: repoRoot(), GITHUB_REPOSITORY: 'Octo/Hackathon-Todo', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha };
const inputs = (values: Record<string, string>, environment: NodeJS.ProcessEnv = env): BuildInputs =>
  readInputs((name) => values[name] ?? '', environment);

describe('planTags', () => {
  it.each([
    ['refs/heads/main', ['sha-0123abc', 'main-latest'], 'a commit on main'],
    ['refs/tags/v1.4.2', ['sha-0123abc', 'v1.4.2'], 'release tag v1.4.2'],
    ['refs/tags/v2.0.0-rc.1', ['sha-0123abc', 'v2.0.0-rc.1'], 'release tag v2.0.0-rc.1'],
    ['refs/tags/1.4.2', ['sha-0123abc'], 'tag 1.4.2 is not a release tag vX.Y.Z, so only the commit tag'],
    ['refs/tags/v1.4', ['sha-0123abc'], 'tag v1.4 is not a release tag vX.Y.Z, so only the commit tag'],
    ['refs/tags/v1.4.2+build.7', ['sha-0123abc'], 'tag v1.4.2+build.7 is not a release tag vX.Y.Z, so only the commit tag'],
    ['refs/heads/feature/x', ['sha-0123abc'], 'refs/heads/feature/x is neither main nor a release tag'],
    ['refs/pull/12/merge', ['sha-0123abc'], 'refs/pull/12/merge is neither main nor a release tag'],
    ['refs/heads/mainline', ['sha-0123abc'], 'refs/heads/mainline is neither main nor a release tag'],
  ])('%s -> %j', (ref, tags, reason) => {
    expect(planTags(ref, sha)).toEqual({ tags, immutable: 'sha-0123abc', reason });
  });
});

describe('parseServices', () => {
  it('reads name=context and name=context:dockerfile, skipping blanks and comments', () => {
    expect(parseServices('services', '# the app\nbackend=services/backend\n\nsse-gateway = services/sse:docker/sse.Dockerfile\n')).toEqual([
      { name: 'backend', context: 'services/backend' },
      { name: 'sse-gateway', context: 'services/sse', dockerfile: 'docker/sse.Dockerfile' },
    ]);
  });

  it.each([
    ['backend', "Input 'services': line 'backend' is not key=value"],
    ['Backend=services/backend', "Input 'services': 'Backend' is not a valid image name"],
    ['back end=services/backend', "Input 'services': 'back end' is not a valid image name"],
    ['backend=a\nbackend=b', "Input 'services': service 'backend' is listed twice"],
    ['backend=', "Input 'services': service 'backend' has no build context"],
    ['backend=ctx:', "Input 'services': service 'backend' has an empty Dockerfile after ':'"],
    ['# nothing', "Input 'services': no service given"],
  ])('rejects %j', (text, message) => {
    expect(() => parseServices('services', text)).toThrow(message);
  });
});

describe('readInputs', () => {
  it('resolves the services against the workspace and defaults the repository, ref and sha from the workflow', () => {
    const got = inputs({
      services: `backend=${fixtures}/backend\nweb=${fixtures}/frontend:${fixtures}/frontend/Dockerfile`,
      registry: 'GHCR.io',
    });
    expect(got).toEqual({
      services: [
        { name: 'backend', context: join(repoRoot(), fixtures, 'backend'), dockerfile: join(repoRoot(), fixtures, 'backend/Dockerfile') },
        { name: 'web', context: join(repoRoot(), fixtures, 'frontend'), dockerfile: join(repoRoot(), fixtures, 'frontend/Dockerfile') },
      ],
      registry: 'ghcr.io',
      repository: 'octo/hackathon-todo',
      push: true,
      ref: 'refs/heads/main',
      sha,
      buildArgs: [],
      tlsVerify: true,
      promote: false,
      cache: false,
      cacheBackend: 'registry',
      builder: 'auto',
      provenance: true,
      sbom: true,
    });
  });

  const ok = { services: `backend=${fixtures}/backend`, registry: 'ghcr.io' };
  it.each([
    [{ services: `backend=${fixtures}/none` }, `Input 'services': the build context of 'backend' (${fixtures}/none) is not a folder`],
    [{ services: `broken=${fixtures}/backend:${fixtures}/backend/Nope` }, "Input 'services': the Dockerfile of 'broken'"],
    [{ services: `x=${fixtures}` }, `Input 'services': the Dockerfile of 'x' (${fixtures}/Dockerfile) does not exist`],
    [{ registry: 'https://ghcr.io' }, "Input 'registry': 'https://ghcr.io' has a scheme: give the host (and port) only"],
    [{ registry: 'ghcr.io/octo' }, "Input 'registry': 'ghcr.io/octo' is not a registry host[:port]"],
    [{ repository: 'Octo/Todo' }, "Input 'repository': 'Octo/Todo' is not a repository path"],
    [{ repository: 'octo//todo' }, "Input 'repository': 'octo//todo' is not a repository path"],
    [{ username: 'octo' }, "Input 'password': username and password go together"],
    [{ password: 'secret-123' }, "Input 'username': username and password go together"],
    [{ sha: 'not-a-sha' }, "Input 'sha': 'not-a-sha' is not a commit hash"],
    [{ push: 'maybe' }, "Input 'push': 'maybe' is not a boolean"],
    [{ 'build-args': 'NODE_ENV' }, "Input 'build-args': line 'NODE_ENV' is not key=value"],
  ])('rejects %j', (values, message) => {
    expect(() => inputs({ ...ok, ...values })).toThrow(message);
  });

  it('needs a repository and a commit outside a workflow', () => {
    expect(() => inputs(ok, { GITHUB_WORKSPACE: repoRoot(), GITHUB_SHA: sha })).toThrow(
      "Input 'repository': a value is required outside a workflow",
    );
    expect(() => inputs({ ...ok, repository: 'o/t' }, { GITHUB_WORKSPACE: repoRoot() })).toThrow("Input 'sha': no commit");
  });
});

describe('OCI labels', () => {
  const at = new Date('2026-12-02T10:11:12.999Z');
  it('name the service, the commit, the version (the release tag, else sha-<short>), the source and the time, in RFC 3339', () => {
    expect(ociLabels('mcp', { sha, source: 'https://github.com/octo/hackathon-todo' }, planTags('refs/tags/v1.2.3', sha), at)).toEqual({
      'org.opencontainers.image.title': 'mcp',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.version': 'v1.2.3',
      'org.opencontainers.image.source': 'https://github.com/octo/hackathon-todo',
      'org.opencontainers.image.created': '2026-12-02T10:11:12Z',
    });
    expect(ociLabels('mcp', { sha }, planTags('refs/heads/main', sha), at)['org.opencontainers.image.version']).toBe('sha-0123abc');
    expect(ociLabels('mcp', { sha }, planTags('refs/heads/main', sha), at)).not.toHaveProperty(['org.opencontainers.image.source']);
  });

  it('take the source from the workflow (GITHUB_SERVER_URL and GITHUB_REPOSITORY) only when it is a plain https address', () => {
    const base = { services: `backend=${fixtures}/backend`, registry: 'ghcr.io', repository: 'o/t', sha };
    expect(
      inputs(base, { GITHUB_WORKSPACE: repoRoot(), GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'Octo/Todo' }).source,
    ).toBe('https://github.com/Octo/Todo');
    expect(
      inputs(base, { GITHUB_WORKSPACE: repoRoot(), GITHUB_SERVER_URL: 'https://github.com\n::warning::x', GITHUB_REPOSITORY: 'o/t' })
        .source,
    ).toBeUndefined();
  });

  it('date the build by SOURCE_DATE_EPOCH when set (reproducible builds), else now; refuse a SOURCE_DATE_EPOCH that is not seconds', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    expect(buildTime({}, now)).toBe(now);
    expect(buildTime({ SOURCE_DATE_EPOCH: '1700000000' }, now).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(() => buildTime({ SOURCE_DATE_EPOCH: 'yesterday' }, now)).toThrow(
      "SOURCE_DATE_EPOCH 'yesterday' is not a whole number of seconds",
    );
  });
});

describe('the layer cache', () => {
  const created = new Date('2026-12-02T10:11:12Z');
  const cached = (values: Record<string, string>) =>
    inputs({ services: `backend=${fixtures}/backend\nmcp=${fixtures}/backend`, registry: 'registry.lab:5000', cache: 'true', ...values });

  it('reads and writes each service’s own cache repository beside its image, with the credentials and TLS setting of the pushes', () => {
    const plans = planImages(cached({ 'tls-verify': 'false' }), planTags('refs/heads/main', sha), {
      created,
      authFile: '/tmp/w/auth.json',
    });
    expect(plans.map((p) => p.cacheRepository)).toEqual([
      'registry.lab:5000/octo/hackathon-todo/backend-buildcache',
      'registry.lab:5000/octo/hackathon-todo/mcp-buildcache',
    ]);
    const argv = plans[0]?.buildArgv ?? [];
    const cacheArgs = argv.slice(argv.indexOf('--layers'), -1);
    expect(cacheArgs).toEqual([
      '--layers',
      '--cache-from',
      'registry.lab:5000/octo/hackathon-todo/backend-buildcache',
      '--cache-to',
      'registry.lab:5000/octo/hackathon-todo/backend-buildcache',
      '--tls-verify=false',
      '--authfile',
      '/tmp/w/auth.json',
    ]);
    expect(argv.at(-1)).toBe(join(repoRoot(), fixtures, 'backend'));
  });

  it('only reads the cache when nothing is pushed (a pull request writes no cache), and is off unless asked for', () => {
    const [pull] = planImages(cached({ push: 'false' }), planTags('refs/pull/1/merge', sha), { created });
    expect(pull?.buildArgv).toContain('--cache-from');
    expect(pull?.buildArgv).not.toContain('--cache-to');
    const [off] = planImages(inputs({ services: `backend=${fixtures}/backend`, registry: 'r:5000' }), planTags('refs/heads/main', sha), {
      created,
    });
    expect(off?.buildArgv).not.toContain('--layers');
    expect(() => cached({ cache: 'sometimes' })).toThrow("Input 'cache'");
  });

  it('counts the layers buildah took from its local storage and from the registry', () => {
    const output = [
      'STEP 1/3: FROM scratch',
      'STEP 2/3: COPY a /a',
      '--> Using cache 0f1e2d3c',
      '--> 0f1e2d3c4b5a',
      'STEP 3/3: COPY b /b',
      '--> Cache pulled from remote registry.lab:5000/o/backend-buildcache:9a8b7c',
      '--> Pushing cache registry.lab:5000/o/backend-buildcache:9a8b7c',
    ].join('\n');
    expect(cacheHits(output)).toEqual({ local: 1, remote: 1 });
    expect(cacheHits('STEP 1/1: FROM scratch\n')).toEqual({ local: 0, remote: 0 });
  });
});

describe('buildah command lines', () => {
  it('tags every image with every tag, passes build args and the revision label, and pushes each ref with its digest file', () => {
    const got = inputs({ services: `backend=${fixtures}/backend`, registry: 'registry.lab:5000', 'build-args': 'GREETING=hi=there' });
    const [plan] = planImages(got, planTags('refs/heads/main', sha), { created: new Date('2026-12-02T10:11:12.345Z') });
    expect(plan?.cacheRepository).toBeUndefined();
    expect(plan?.image).toBe('registry.lab:5000/octo/hackathon-todo/backend');
    expect(plan?.refs).toEqual([
      'registry.lab:5000/octo/hackathon-todo/backend:sha-0123abc',
      'registry.lab:5000/octo/hackathon-todo/backend:main-latest',
    ]);
    expect(plan?.buildArgv).toEqual([
      'bud',
      '--file',
      join(repoRoot(), fixtures, 'backend/Dockerfile'),
      '--tag',
      'registry.lab:5000/octo/hackathon-todo/backend:sha-0123abc',
      '--tag',
      'registry.lab:5000/octo/hackathon-todo/backend:main-latest',
      '--build-arg',
      'GREETING=hi=there',
      '--label',
      'org.opencontainers.image.title=backend',
      '--label',
      `org.opencontainers.image.revision=${sha}`,
      '--label',
      'org.opencontainers.image.version=sha-0123abc',
      '--label',
      'org.opencontainers.image.created=2026-12-02T10:11:12Z',
      join(repoRoot(), fixtures, 'backend'),
    ]);
    expect(pushArgv('r/x:t', '/tmp/d', { tlsVerify: false, authFile: '/tmp/a.json' })).toEqual([
      'push',
      '--tls-verify=false',
      '--authfile',
      '/tmp/a.json',
      '--digestfile',
      '/tmp/d',
      'r/x:t',
      'docker://r/x:t',
    ]);
    expect(pushArgv('r/x:t', '/tmp/d', { tlsVerify: true })).toEqual(['push', '--digestfile', '/tmp/d', 'r/x:t', 'docker://r/x:t']);
    expect(pushArgv('r/x:t', '/tmp/d', { tlsVerify: true, noOwnRetries: true }).slice(0, 3)).toEqual(['push', '--retry', '0']);
    expect(loginArgv('ghcr.io', 'octo', '/tmp/a.json', true)).toEqual([
      'login',
      '--authfile',
      '/tmp/a.json',
      '--username',
      'octo',
      '--password-stdin',
      'ghcr.io',
    ]);
  });

  it("reads buildah's cause and tells network trouble from a refusal", () => {
    const stderr =
      'Error: pushing image "r/x:t" to "docker://r/x:t": writing blob: Patch "http://r/v2/": dial tcp 127.0.0.1:1: connect: connection refused\n';
    const cause = buildahCause({ stderr, stdout: '', exitCode: 125 });
    expect(cause).toBe('writing blob: Patch "http://r/v2/": dial tcp 127.0.0.1:1: connect: connection refused');
    expect(transientPushFailure(cause)).toBe(true);
    expect(transientPushFailure('received unexpected HTTP status: 503 Service Unavailable')).toBe(true);
    expect(transientPushFailure('unauthorized: authentication required')).toBe(false);
    expect(transientPushFailure('denied: permission_denied: write_package')).toBe(false);
    expect(buildahCause({ stderr: '', stdout: '', exitCode: 3 })).toBe('exit 3');
  });

  it('knows which buildah retries pushes by itself', () => {
    expect(retriesOnItsOwn('buildah version 1.28.2 (image-spec 1.1.0-rc2, runtime-spec 1.0.2-dev)')).toBe(true);
    expect(retriesOnItsOwn('buildah version 1.33.7 (image-spec 1.1.0, runtime-spec 1.1.0)')).toBe(true);
    expect(retriesOnItsOwn('buildah version 1.23.1 (image-spec 1.0.1-dev, runtime-spec 1.0.2-dev)')).toBe(false);
    expect(retriesOnItsOwn('something else')).toBe(false);
  });

  it('refuses the registry cache on a buildah without --cache-from, naming the version and the way out', () => {
    expect(cacheUnsupported('buildah version 1.27.0 (image-spec 1.0.2, runtime-spec 1.0.2-dev)')).toBeUndefined();
    expect(cacheUnsupported('buildah version 1.33.7 (image-spec 1.1.0, runtime-spec 1.1.0)')).toBeUndefined();
    expect(cacheUnsupported('buildah version 1.23.1 (image-spec 1.0.1-dev, runtime-spec 1.0.2-dev)')).toBe(
      'cache: true needs buildah 1.27 or later (--cache-from, --cache-to); this runner has 1.23.1: install a newer buildah or set cache: false',
    );
    expect(cacheUnsupported('something else')).toMatch(/could not be read: install a newer buildah or set cache: false$/);
  });
});

describe('report', () => {
  const results: ImageResult[] = [
    { service: 'frontend', image: 'r/o/frontend', status: 'pushed', digest: 'sha256:aa', sizeBytes: 33_240_000, durationMs: 1200 },
    { service: 'backend', image: 'r/o/backend', status: 'failed', error: 'build failed: COPY missing.txt: no such file', durationMs: 300 },
    { service: 'mcp', image: 'r/o/mcp', status: 'not built', durationMs: 0 },
  ];
  it('names the failed service and its cause in one line', () => {
    expect(failureMessage(results)).toBe('backend: build failed: COPY missing.txt: no such file');
    expect(failureMessage(results.slice(0, 1))).toBe('');
  });
  it('gives digests and pinned images of the pushed services only', () => {
    expect(digestOutputs(results)).toEqual({ digests: '{"frontend":"sha256:aa"}', images: '{"frontend":"r/o/frontend@sha256:aa"}' });
  });
  it('summarises one row per service and the tag decision', () => {
    const text = summaryMarkdown(results, planTags('refs/heads/main', sha), 1500);
    expect(text).toContain('### ❌ build-images: 1 of 3 images done in 1.5s');
    expect(text).toContain('| Service | Image | Result | Digest | Size | Time |');
    expect(text).toContain('| frontend | r/o/frontend | ✅ pushed | `sha256:aa` | 31.7 MiB | 1.2s |');
    expect(text).toContain('| backend | r/o/backend | ❌ failed: build failed: COPY missing.txt: no such file |  |  | 300ms |');
    expect(text).toContain('| mcp | r/o/mcp | ⏭️ not built (an earlier service failed) |  |  | 0ms |');
    expect(text).toContain('Tags: `sha-0123abc`, `main-latest` (a commit on main).');
  });
});

describe('readInputs with promote', () => {
  it('reads only the service names: the contexts of a release checkout need not exist', () => {
    const got = readInputs(
      (name) =>
        ({
          services: 'backend=gone\nmcp=gone:gone/Dockerfile.mcp',
          registry: 'ghcr.io',
          repository: 'octo/todo',
          promote: 'true',
          sha: 'abcdef0',
        })[name] ?? '',
      { GITHUB_WORKSPACE: '/w' },
    );
    expect(got.promote).toBe(true);
    expect(got.services.map((s) => s.name)).toEqual(['backend', 'mcp']);
  });

  it('still checks the contexts when building', () => {
    expect(() =>
      readInputs((name) => ({ services: 'backend=gone', registry: 'ghcr.io', repository: 'octo/todo', sha: 'abcdef0' })[name] ?? '', {
        GITHUB_WORKSPACE: '/w',
      }),
    ).toThrow(/the build context of 'backend' \(gone\) is not a folder/);
  });
});
