import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { formatSize } from '@todo-deploy/inputs';
import { buildahEnv, labEnv } from '@todo-deploy/lab';
import { derivedForms } from '@todo-deploy/secrets';
import { MARKER, forgedCommands } from '@todo-deploy/testkit';
import { MANIFEST_TYPES, labRegistry } from './support/lab-registry.js';

jest.setTimeout(180_000);
const lab = await labEnv();
const fixtures = join(repoRoot(), 'actions/build-images/test/fixtures');

// buildah as the lab runs it: the lab's vfs storage, chroot isolation (no container runtime here)
const buildEnv = buildahEnv(lab);

const newSha = (): string => randomBytes(20).toString('hex');
const repository = (): string => `bi-test/r${randomBytes(4).toString('hex')}`;

function build(inputs: Record<string, string>, context: Record<string, string>): Promise<ActionRun> {
  return runAction('build-images', {
    inputs: { registry: lab.registry, 'tls-verify': 'false', ...inputs },
    env: buildEnv,
    context: { GITHUB_REPOSITORY: 'octo/hackathon-todo', ...context },
  });
}

const errorOf = (run: ActionRun): string => run.annotations.find((a) => a.level === 'error')?.message ?? '';

const registry = labRegistry(lab);
const registryTags = registry.tags;
const manifestDigest = registry.digest;
const imageLabels = async (name: string, digest: string) => (await registry.image(name, digest)).labels;

/** A fixture's folder copied where a test may change it. */
function copyFixture(name: string): string {
  const to = join(mkdtempSync(join(tmpdir(), `bi-${name}-`)), name);
  cpSync(join(fixtures, name), to, { recursive: true });
  return to;
}

describe('build-images against the lab registry (buildah, vfs, chroot)', () => {
  it('builds and pushes every service with the tag policy of main, a release tag and a pull request; digests match the registry', async () => {
    const repo = repository();
    const services = `backend=${fixtures}/backend\nfrontend=${fixtures}/frontend`;
    const main = newSha();
    const onMain = await build(
      { services, repository: repo, 'build-args': 'GREETING=hello=lab' },
      {
        GITHUB_REF: 'refs/heads/main',
        GITHUB_SHA: main,
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: 'octo/hackathon-todo',
      },
    );
    expect(onMain.exitCode).toBe(0);
    // builder auto: this docker CLI has no daemon and no buildx builder, so buildah builds
    expect(onMain.stdout).toMatch(/Builder: buildah \(no buildx builder answers \(.+\)\)/);
    expect(onMain.outputs['image-tag']).toBe(`sha-${main.slice(0, 7)}`);
    expect(onMain.outputs.tags).toBe(`sha-${main.slice(0, 7)} main-latest`);
    const digests = JSON.parse(onMain.outputs.digests ?? '{}') as Record<string, string>;
    expect(Object.keys(digests).sort()).toEqual(['backend', 'frontend']);
    expect(JSON.parse(onMain.outputs.images ?? '{}')).toEqual({
      backend: `${lab.registry}/${repo}/backend@${digests.backend}`,
      frontend: `${lab.registry}/${repo}/frontend@${digests.frontend}`,
    });
    for (const service of ['backend', 'frontend']) {
      expect(await registryTags(`${repo}/${service}`)).toEqual(['main-latest', `sha-${main.slice(0, 7)}`]);
      for (const tag of ['main-latest', `sha-${main.slice(0, 7)}`])
        expect(await manifestDigest(`${repo}/${service}`, tag)).toBe(digests[service]);
      // one buildah push (the immutable tag); the other tag gets the same manifest through the registry API
      expect(onMain.stdout).toContain(`Pushed ${lab.registry}/${repo}/${service}:sha-${main.slice(0, 7)} (${digests[service]})`);
      expect(onMain.stdout).toContain(`Tagged ${lab.registry}/${repo}/${service}:main-latest (${digests[service]})`);
    }
    const labels = await imageLabels(`${repo}/backend`, digests.backend ?? '');
    expect(labels['org.todo.greeting']).toBe('hello=lab');
    // the OCI labels, read back from the pushed image's config
    const built = Date.now();
    expect({
      title: labels['org.opencontainers.image.title'],
      revision: labels['org.opencontainers.image.revision'],
      version: labels['org.opencontainers.image.version'],
      source: labels['org.opencontainers.image.source'],
    }).toEqual({ title: 'backend', revision: main, version: `sha-${main.slice(0, 7)}`, source: 'https://github.com/octo/hackathon-todo' });
    const created = Date.parse(labels['org.opencontainers.image.created'] ?? '');
    expect(labels['org.opencontainers.image.created']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(built - created).toBeGreaterThanOrEqual(0);
    expect(built - created).toBeLessThan(10 * 60_000);
    expect((await imageLabels(`${repo}/frontend`, digests.frontend ?? ''))['org.opencontainers.image.title']).toBe('frontend');
    expect(onMain.summary).toContain('### ✅ build-images: 2 of 2 images done');
    // the size is what a pull moves: the config and the layers of the pushed manifest
    const pushed = (await (
      await fetch(`http://${lab.registry}/v2/${repo}/backend/manifests/${digests.backend}`, { headers: { Accept: MANIFEST_TYPES } })
    ).json()) as { config: { size: number }; layers: Array<{ size: number }> };
    const bytes = pushed.config.size + pushed.layers.reduce((sum, l) => sum + l.size, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(onMain.summary).toContain(
      `| backend | ${lab.registry}/${repo}/backend | ✅ pushed | \`${digests.backend}\` | ${formatSize(bytes)} |`,
    );
    expect(onMain.summary).toContain('(a commit on main)');

    const release = newSha();
    const tagged = await build(
      { services, repository: repo },
      { GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_SHA: release, SOURCE_DATE_EPOCH: '1700000000' },
    );
    expect(tagged.exitCode).toBe(0);
    expect(tagged.outputs.tags).toBe(`sha-${release.slice(0, 7)} v1.2.3`);
    const taggedDigests = JSON.parse(tagged.outputs.digests ?? '{}') as Record<string, string>;
    const releaseLabels = await imageLabels(`${repo}/backend`, taggedDigests.backend ?? '');
    expect([releaseLabels['org.opencontainers.image.version'], releaseLabels['org.opencontainers.image.created']]).toEqual([
      'v1.2.3',
      '2023-11-14T22:13:20Z',
    ]);
    const pr = newSha();
    const pull = await build(
      { services: `backend=${fixtures}/backend`, repository: repo },
      { GITHUB_REF: 'refs/pull/7/merge', GITHUB_SHA: pr },
    );
    expect(pull.exitCode).toBe(0);
    expect(pull.outputs.tags).toBe(`sha-${pr.slice(0, 7)}`);
    expect(await registryTags(`${repo}/backend`)).toEqual(
      ['main-latest', `sha-${main.slice(0, 7)}`, `sha-${pr.slice(0, 7)}`, `sha-${release.slice(0, 7)}`, 'v1.2.3'].sort(),
    );
    expect(await registryTags(`${repo}/frontend`)).toEqual(
      ['main-latest', `sha-${main.slice(0, 7)}`, `sha-${release.slice(0, 7)}`, 'v1.2.3'].sort(),
    );
    // the main-latest tag still points at the commit on main
    expect(await manifestDigest(`${repo}/backend`, 'main-latest')).toBe(digests.backend);
  });

  it('keeps each service’s layers in the registry: a runner with empty storage takes them from there instead of building them', async () => {
    const repo = repository();
    // the frontend's Dockerfile has no ARG: buildah before 1.33 (the lab's is Debian's 1.28) never
    // looks an ARG step up in the registry and stops looking after the first miss; 1.33 and later do
    const context = copyFixture('frontend');
    const services = `frontend=${context}`;
    const inputs = { services, repository: repo, cache: 'true' };
    const first = await build(inputs, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: newSha() });
    expect(first.exitCode).toBe(0);
    expect(first.summary).toContain('(cache: 0 layers from the registry');
    const cacheTags = await registryTags(`${repo}/frontend-buildcache`);
    expect(cacheTags.length).toBeGreaterThan(0);
    // nothing of it under the image's own tags
    expect((await registryTags(`${repo}/frontend`)).every((t) => t.startsWith('sha-') || t === 'main-latest')).toBe(true);

    // a second runner: storage of its own, empty; a file the build does not read is new, so the
    // inputs differ (no reuse of the whole image) while every layer is the same
    writeFileSync(join(context, 'NOTES.txt'), 'not copied into the image\n');
    const root = mkdtempSync(join(tmpdir(), 'bi-fresh-runner-'));
    try {
      const second = await runAction('build-images', {
        inputs: { registry: lab.registry, 'tls-verify': 'false', ...inputs },
        env: buildahEnv(lab, root),
        context: { GITHUB_REPOSITORY: 'octo/hackathon-todo', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: newSha() },
      });
      expect(second.exitCode).toBe(0);
      expect(second.everything).toContain(`--> Cache pulled from remote ${lab.registry}/${repo}/frontend-buildcache:`);
      const hits = Number(/\(cache: (\d+) layers? from the registry/.exec(second.summary)?.[1] ?? '0');
      expect(hits).toBeGreaterThan(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('builds without pushing when push is false', async () => {
    const repo = repository();
    const run = await build(
      { services: `backend=${fixtures}/backend`, repository: repo, push: 'false' },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: newSha() },
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.digests).toBe('{}');
    expect(run.summary).toContain('✅ built (not pushed)');
    expect(await registryTags(`${repo}/backend`)).toEqual([]);
  });

  it('stops at a failing build, naming the service and the cause; what was pushed stays in the outputs', async () => {
    const repo = repository();
    const run = await build(
      { services: `frontend=${fixtures}/frontend\nbroken=${fixtures}/broken\nbackend=${fixtures}/backend`, repository: repo },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: newSha() },
    );
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toMatch(/^broken: build failed: building at STEP "COPY missing.txt \/missing.txt": .*no such file or directory$/);
    expect(Object.keys(JSON.parse(run.outputs.digests ?? '{}') as object)).toEqual(['frontend']);
    expect(run.summary).toContain('| backend |');
    expect(run.summary).toContain('⏭️ not built (an earlier service failed)');
    expect(await registryTags(`${repo}/backend`)).toEqual([]);
  });

  it('tries an unreachable registry three times and names it with the cause', async () => {
    const run = await build(
      { services: `backend=${fixtures}/backend`, repository: repository(), registry: '127.0.0.1:1' },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: newSha() },
    );
    expect(run.exitCode).toBe(1);
    expect(errorOf(run)).toMatch(
      /^backend: push of 127\.0\.0\.1:1\/bi-test\/\w+\/backend:sha-\w{7} to 127\.0\.0\.1:1 failed after 3 attempts: .*connection refused$/,
    );
    expect(run.stdout.match(/trying again/g)).toHaveLength(2);
  });

  it('logs in with the password on standard input, never prints it, and leaves no credentials file', async () => {
    const password = 'Regi5try-Pa55word!';
    const run = await build(
      { services: `backend=${fixtures}/backend`, repository: repository(), username: 'octo', password },
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: newSha() },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`Logged in to ${lab.registry} as octo`);
    expect(run.masks).toContain(password);
    for (const form of derivedForms(password)) expect(run.everything).not.toContain(form);
    expect(run.post?.exitCode).toBe(0);
    const temp = join(run.workDir, 'temp');
    expect(existsSync(temp) ? readdirSync(temp).filter((name) => name.startsWith('build-images-')) : []).toEqual([]);
  });

  it("prints buildah's output line by line without honouring a workflow command in it", async () => {
    // a Dockerfile is the project's, but its text (and a base image's) reaches the log through buildah
    const context = mkdtempSync(join(tmpdir(), 'bi-hostile-'));
    copyFileSync(join(fixtures, 'backend', 'hello.txt'), join(context, 'hello.txt'));
    writeFileSync(
      join(context, 'Dockerfile'),
      `FROM scratch\nLABEL note="##[set-output name=digests;]${MARKER}-build ##[save-state name=folder;]${MARKER}-state"\nCOPY hello.txt /hello.txt\n`,
    );
    const run = await build(
      { services: `backend=${context}`, repository: repository() },
      { GITHUB_SHA: newSha(), GITHUB_REF: 'refs/heads/main' },
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`${MARKER}-build`); // printed, as data
    expect(forgedCommands([...run.commands, ...(run.post?.commands ?? [])])).toEqual([]);
    expect(run.outputs.digests).not.toContain(MARKER);
    expect(Object.values(run.state).join(' ')).not.toContain(MARKER);
  });
});
