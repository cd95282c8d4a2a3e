// Reuse of unchanged images (buildah, cache: true) against the lab registry: a service whose
// inputs gave an image before is tagged again under this build's labels, buildah not started for
// it; any change to what the build reads (a file, a base image's digest) builds it again.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { runAction, type ActionRun } from '@todo-deploy/harness';
import { buildahEnv, labEnv } from '@todo-deploy/lab';
import { labRegistry } from './support/lab-registry.js';

jest.setTimeout(180_000);
const lab = await labEnv();
const registry = labRegistry(lab);
const work = mkdtempSync(join(tmpdir(), 'bi-reuse-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const newSha = (): string => randomBytes(20).toString('hex');

function service(name: string, dockerfile: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

/** A run on a runner of its own (empty storage, as every GitHub-hosted job has); the storage is kept for a look. */
async function build(repository: string, services: string, sha: string): Promise<{ run: ActionRun; storage: string }> {
  const storage = mkdtempSync(join(work, 'storage-'));
  const run = await runAction('build-images', {
    inputs: { registry: lab.registry, 'tls-verify': 'false', repository, cache: 'true', builder: 'buildah', services },
    env: buildahEnv(lab, storage),
    context: { GITHUB_REPOSITORY: 'octo/hackathon-todo', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha },
  });
  return { run, storage };
}

/** The layers buildah stored on the runner (vfs keeps one folder per layer). */
const storedLayers = (storage: string): string[] => {
  try {
    return readdirSync(join(storage, 'graph', 'vfs', 'dir'));
  } catch {
    return [];
  }
};

describe('build-images reuses an unchanged image (buildah, cache: true, the lab registry)', () => {
  it('tags an image built from the same inputs again under the new labels, not starting buildah; a changed file builds again', async () => {
    const repo = `bi-reuse/r${randomBytes(4).toString('hex')}`;
    const web = service('web', 'FROM scratch\nCOPY index.html /srv/index.html\n', { 'index.html': '<h1>todo</h1>\n' });
    const api = service('api', 'FROM scratch\nCOPY app.txt /srv/app.txt\n', { 'app.txt': 'api v1\n' });
    const services = `web=${web}\napi=${api}`;
    const first = await build(repo, services, newSha());
    expect(first.run.exitCode).toBe(0);
    expect(first.run.summary).not.toContain('not rebuilt');
    expect(storedLayers(first.storage).length).toBeGreaterThan(0);
    const recorded = (await registry.tags(`${repo}/web-buildcache`)).filter((t) => t.startsWith('inputs-'));
    expect(recorded).toHaveLength(1);
    const built = await registry.image(`${repo}/web`, 'main-latest');

    const sha = newSha();
    const second = await build(repo, services, sha);
    expect(second.run.exitCode).toBe(0);
    for (const name of ['web', 'api']) {
      expect(second.run.stdout).toMatch(
        new RegExp(`Reused ${lab.registry}/${repo}/${name} from [0-9a-f]{40} \\(its inputs are unchanged\\)`),
      );
      expect(second.run.stdout).not.toContain(`Build ${name} (`);
    }
    expect(second.run.summary).toMatch(/inputs unchanged since [0-9a-f]{12}: its image tagged again, not rebuilt/);
    // buildah stored nothing: no layer was pulled, nothing was built
    expect(storedLayers(second.storage)).toEqual([]);
    const reused = await registry.image(`${repo}/web`, `sha-${sha.slice(0, 7)}`);
    expect(reused.layers).toEqual(built.layers);
    expect(reused.digest).not.toBe(built.digest);
    expect(reused.labels['org.opencontainers.image.revision']).toBe(sha);
    expect(reused.labels['org.opencontainers.image.version']).toBe(`sha-${sha.slice(0, 7)}`);
    expect(reused.labels['org.opencontainers.image.title']).toBe('web');
    expect(Date.parse(reused.created)).toBeGreaterThan(Date.parse(built.created));
    // every tag of the build points at the relabelled image, and the outputs give its digest
    expect(await registry.digest(`${repo}/web`, 'main-latest')).toBe(reused.digest);
    expect(JSON.parse(second.run.outputs.digests ?? '{}')).toMatchObject({ web: reused.digest });

    // one line changed in api: api is built (its layer from the cache where it can), web is reused
    writeFileSync(join(api, 'app.txt'), 'api v2\n');
    const third = await build(repo, services, newSha());
    expect(third.run.exitCode).toBe(0);
    expect(third.run.stdout).toContain(`Build api (`);
    expect(third.run.stdout).not.toContain(`Build web (`);
    expect(third.run.stdout).toMatch(new RegExp(`Reused ${lab.registry}/${repo}/web from `));
    const apiNow = await registry.image(`${repo}/api`, 'main-latest');
    expect(apiNow.layers).not.toEqual((await registry.image(`${repo}/api`, `sha-${sha.slice(0, 7)}`)).layers);
  });

  it('builds again when a base image moved, though no file changed', async () => {
    const repo = `bi-reuse/r${randomBytes(4).toString('hex')}`;
    const base = service('base', 'FROM scratch\nCOPY base.txt /base.txt\n', { 'base.txt': 'base 1\n' });
    expect((await build(repo, `base=${base}`, newSha())).run.exitCode).toBe(0);
    const app = service('app', `FROM ${lab.registry}/${repo}/base:main-latest\nCOPY app.txt /app.txt\n`, { 'app.txt': 'app\n' });
    const first = await build(repo, `app=${app}`, newSha());
    expect(first.run.exitCode).toBe(0);
    const again = await build(repo, `app=${app}`, newSha());
    expect(again.run.stdout).toMatch(new RegExp(`Reused ${lab.registry}/${repo}/app from `));

    // base:main-latest moves to new content; app's own files are the same
    writeFileSync(join(base, 'base.txt'), 'base 2\n');
    expect((await build(repo, `base=${base}`, newSha())).run.exitCode).toBe(0);
    const rebuilt = await build(repo, `app=${app}`, newSha());
    expect(rebuilt.run.exitCode).toBe(0);
    expect(rebuilt.run.stdout).toContain('Build app (');
    expect(rebuilt.run.stdout).not.toContain(`Reused ${lab.registry}/${repo}/app`);
    const [baseLayer] = (await registry.image(`${repo}/base`, 'main-latest')).layers;
    expect((await registry.image(`${repo}/app`, 'main-latest')).layers[0]).toBe(baseLayer);
  });

  it('builds, saying why, a service whose base image is named by a build argument', async () => {
    const repo = `bi-reuse/r${randomBytes(4).toString('hex')}`;
    const svc = service('byarg', 'ARG BASE=scratch\nFROM $BASE\nCOPY f.txt /f.txt\n', { 'f.txt': 'f\n' });
    for (let i = 0; i < 2; i += 1) {
      const { run } = await build(repo, `byarg=${svc}`, newSha());
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toContain("byarg is built, not reused: FROM '$BASE' is named by a build argument");
      expect(run.stdout).toContain('Build byarg (');
    }
  });
});
