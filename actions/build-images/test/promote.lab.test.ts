// Promotion against the lab registry: the images of a commit get its release tag by copying
// each manifest, so vX.Y.Z names the digests that were built; nothing is rebuilt, and a
// service without its sha-<short> image fails the run, naming it, before any tag is given.
import { randomBytes } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot, runAction, type ActionRun } from '@todo-deploy/harness';
import { buildahEnv, labEnv } from '@todo-deploy/lab';
import { join } from 'node:path';

jest.setTimeout(180_000);
const lab = await labEnv();
const fixtures = join(repoRoot(), 'actions/build-images/test/fixtures');
const MANIFEST_TYPES = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

const run = (inputs: Record<string, string>, context: Record<string, string>): Promise<ActionRun> =>
  runAction('build-images', {
    inputs: { registry: lab.registry, 'tls-verify': 'false', ...inputs },
    env: buildahEnv(lab),
    context: { GITHUB_REPOSITORY: 'octo/hackathon-todo', ...context },
  });

async function digestOf(name: string, tag: string): Promise<string | null> {
  const r = await fetch(`http://${lab.registry}/v2/${name}/manifests/${tag}`, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES } });
  return r.status === 200 ? r.headers.get('docker-content-digest') : null;
}

describe('build-images promote: a release tag for the images of a commit, without a rebuild', () => {
  const repo = `bi-promote/r${randomBytes(4).toString('hex')}`;
  const sha = randomBytes(20).toString('hex');
  const short = `sha-${sha.slice(0, 7)}`;
  const services = `backend=${fixtures}/backend\nfrontend=${fixtures}/frontend`;

  it('tags every service’s sha-<short> manifest as vX.Y.Z: the same digests, no build step', async () => {
    const built = await run({ services, repository: repo }, { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: sha });
    expect(built.exitCode).toBe(0);
    const digests = JSON.parse(built.outputs.digests ?? '{}') as Record<string, string>;

    // contexts are not read when promoting: a release checkout need not hold them
    const promoted = await run(
      { services: 'backend=not/checked/out\nfrontend=not/checked/out', repository: repo, promote: 'true' },
      { GITHUB_REF: 'refs/tags/v2.0.1', GITHUB_SHA: sha },
    );
    expect(promoted.exitCode).toBe(0);
    expect(JSON.parse(promoted.outputs.digests ?? '{}')).toEqual(digests);
    expect(promoted.outputs.tags).toBe(`${short} v2.0.1`);
    for (const service of ['backend', 'frontend']) {
      expect(await digestOf(`${repo}/${service}`, 'v2.0.1')).toBe(digests[service]);
      expect(await digestOf(`${repo}/${service}`, short)).toBe(digests[service]);
    }
    expect(promoted.stdout).not.toMatch(/::group::Build /);
    expect(promoted.stdout).toMatch(new RegExp(`Tagged ${lab.registry}/${repo}/backend:v2\\.0\\.1 \\(sha256:`));
    expect(promoted.summary).toContain('tagged (the same digest, not rebuilt)');
    // the same image, the same size: read from the manifest both times
    const sizeOf = (summary: string, service: string): string | undefined =>
      new RegExp(`^\\| ${service} \\| [^|]+ \\| [^|]+ \\| \`sha256:[0-9a-f]{64}\` \\| ([^|]+) \\|`, 'm').exec(summary)?.[1]?.trim();
    for (const service of ['backend', 'frontend']) {
      expect(sizeOf(built.summary, service)).toMatch(/^\d+(\.\d)? (B|KiB|MiB)$/);
      expect(sizeOf(promoted.summary, service)).toBe(sizeOf(built.summary, service));
    }
  });

  it('fails naming the service whose sha-<short> image is missing, and gives no tag to the others', async () => {
    const promoted = await run(
      { services: `backend=x\nworker=x`, repository: repo, promote: 'true' },
      { GITHUB_REF: 'refs/tags/v2.0.2', GITHUB_SHA: sha },
    );
    expect(promoted.exitCode).toBe(1);
    const error = promoted.annotations.find((a) => a.level === 'error')?.message ?? '';
    expect(error).toBe(
      `worker: ${lab.registry}/${repo}/worker:${short} does not exist (promotion never rebuilds: build this commit first)`,
    );
    expect(await digestOf(`${repo}/backend`, 'v2.0.2')).toBeNull();
  });

  it('refuses to promote where the ref gives no other tag than sha-<short>', async () => {
    const promoted = await run({ services, repository: repo, promote: 'true' }, { GITHUB_REF: 'refs/pull/7/merge', GITHUB_SHA: sha });
    expect(promoted.exitCode).toBe(1);
    expect(promoted.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /^promote: nothing to promote: refs\/pull\/7\/merge is neither main nor a release tag/,
    );
  });
});
