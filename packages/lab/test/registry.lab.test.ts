import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildah, labEnv } from '../src/index.js';
import { expectOk } from './support.js';

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

describe('buildah and the registry', () => {
  const repo = `lab-test/hello-${process.pid}`;
  const tag = `t${Date.now()}`;
  let work = '';
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('pushes an image built by buildah and reads its tag and digest back through the registry API', async () => {
    const lab = await labEnv();
    work = await mkdtemp(join(tmpdir(), 'lab-buildah-'));
    await writeFile(join(work, 'hello.txt'), 'hello from the lab\n');

    const container = expectOk(await buildah(['from', '--name', `lab-${tag}`, 'scratch']), 'buildah from').stdout.trim();
    try {
      expectOk(await buildah(['copy', container, join(work, 'hello.txt'), '/hello.txt']), 'buildah copy');
      expectOk(await buildah(['config', '--label', 'org.opencontainers.image.title=lab-hello', container]), 'buildah config');
      expectOk(await buildah(['commit', '--format', 'oci', container, `localhost/${repo}:${tag}`]), 'buildah commit');
    } finally {
      await buildah(['rm', container]);
    }
    const digestFile = join(work, 'digest');
    expectOk(
      await buildah([
        'push',
        '--tls-verify=false',
        '--digestfile',
        digestFile,
        `localhost/${repo}:${tag}`,
        `docker://${lab.registry}/${repo}:${tag}`,
      ]),
      'buildah push',
    );
    const pushed = (await readFile(digestFile, 'utf8')).trim();
    expect(pushed).toMatch(/^sha256:[0-9a-f]{64}$/);

    const tags = await fetch(`http://${lab.registry}/v2/${repo}/tags/list`);
    expect(tags.status).toBe(200);
    expect(((await tags.json()) as { tags: string[] }).tags).toContain(tag);

    const head = await fetch(`http://${lab.registry}/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { Accept: MANIFEST_TYPES } });
    expect(head.status).toBe(200);
    expect(head.headers.get('docker-content-digest')).toBe(pushed);

    const byDigest = await fetch(`http://${lab.registry}/v2/${repo}/manifests/${pushed}`, { headers: { Accept: MANIFEST_TYPES } });
    expect(byDigest.status).toBe(200);
    const manifest = (await byDigest.json()) as { layers: unknown[] };
    expect(manifest.layers).toHaveLength(1);

    await buildah(['rmi', `localhost/${repo}:${tag}`]);
  }, 120_000);
});
