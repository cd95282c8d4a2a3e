import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { contextDigest } from '../src/context-digest.js';
import {
  EMPTY_BLOB,
  baseImages,
  configOf,
  imageLocation,
  readRecord,
  recordManifest,
  relabel,
  reuseKey,
  reuseTag,
  type ReuseKeyParts,
} from '../src/reuse-key.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('imageLocation', () => {
  it.each([
    ['node:24-alpine', { host: 'registry-1.docker.io', repository: 'library/node', reference: '24-alpine' }],
    ['node', { host: 'registry-1.docker.io', repository: 'library/node', reference: 'latest' }],
    ['bitnami/kafka:3.9', { host: 'registry-1.docker.io', repository: 'bitnami/kafka', reference: '3.9' }],
    ['docker.io/library/python:3.13-slim', { host: 'registry-1.docker.io', repository: 'library/python', reference: '3.13-slim' }],
    ['ghcr.io/octo/base', { host: 'ghcr.io', repository: 'octo/base', reference: 'latest' }],
    ['127.0.0.1:5000/a/b:v1', { host: '127.0.0.1:5000', repository: 'a/b', reference: 'v1' }],
    ['localhost/base:1', { host: 'localhost', repository: 'base', reference: '1' }],
    [`node:24@${D}`, { host: 'registry-1.docker.io', repository: 'library/node', reference: D, digest: D }],
  ])('%s', (ref, where) => {
    expect(imageLocation(ref)).toEqual(where);
  });

  it('refuses what is not an image reference, naming it', () => {
    expect(() => imageLocation('Node:24')).toThrow("'Node:24' is not an image reference");
    expect(() => imageLocation('node@sha256:123')).toThrow("'node@sha256:123' has a digest that is not sha256:<64 hex>");
  });
});

describe('baseImages', () => {
  it('lists the images outside the build: FROM and --from that are not scratch or a stage', () => {
    const dockerfile = [
      '# syntax=docker/dockerfile:1',
      'FROM --platform=$BUILDPLATFORM node:24-alpine AS deps',
      'RUN --mount=type=cache,target=/root/.npm \\',
      '    npm ci',
      'FROM deps AS build',
      'COPY --from=ghcr.io/octo/tools:1 /bin/tool /bin/tool',
      'RUN --mount=type=bind,from=busybox:1.37,source=/bin,target=/b true',
      'FROM scratch',
      'COPY --from=build /app /app',
      'COPY --from=0 /x /x',
      '',
    ].join('\n');
    expect(baseImages(dockerfile)).toEqual({ images: ['busybox:1.37', 'ghcr.io/octo/tools:1', 'node:24-alpine'] });
  });

  it('gives a reason when what the build reads is only known while building', () => {
    expect(baseImages('ARG BASE=node:24\nFROM $BASE\n')).toEqual({ reason: "FROM '$BASE' is named by a build argument" });
    expect(baseImages('FROM scratch\nCOPY --from=${TOOLS} /t /t\n')).toEqual({
      reason: "COPY --from '${TOOLS}' is named by a build argument",
    });
    expect(baseImages('FROM scratch\nADD https://example.com/a.tgz /a\n')).toEqual({
      reason: 'ADD https://example.com/a.tgz: what it fetches is not known before building',
    });
    expect(baseImages('FROM scratch\nADD git@github.com:octo/x.git /x\n')).toMatchObject({
      reason: expect.stringContaining('git@github.com'),
    });
  });

  it('keeps a stage name apart from an image of the same letters only when it was declared before', () => {
    expect(baseImages('FROM base\nFROM alpine AS base\nFROM base\n')).toEqual({ images: ['alpine', 'base'] });
  });

  it('honours an escape directive', () => {
    expect(baseImages('# escape=`\nFROM `\n  node:24\n')).toEqual({ images: ['node:24'] });
  });
});

describe('reuseKey', () => {
  const parts: ReuseKeyParts = {
    dockerfile: 'FROM node:24\nCOPY . .\n',
    contextDigest: D,
    buildArgs: [
      { key: 'A', value: '1' },
      { key: 'B', value: '2' },
    ],
    bases: [{ ref: 'node:24', digest: D }],
    platform: 'linux/x64',
  };

  it('is the same for the same inputs, whatever the order of the build arguments', () => {
    expect(reuseKey(parts)).toMatch(/^[0-9a-f]{64}$/);
    expect(reuseKey({ ...parts, buildArgs: [...parts.buildArgs].reverse() })).toBe(reuseKey(parts));
  });

  it.each<[string, Partial<ReuseKeyParts>]>([
    ['the Dockerfile', { dockerfile: 'FROM node:24\nCOPY . /app\n' }],
    ['a context file', { contextDigest: `sha256:${'b'.repeat(64)}` }],
    [
      'a build argument',
      {
        buildArgs: [
          { key: 'A', value: '1' },
          { key: 'B', value: '3' },
        ],
      },
    ],
    ['a build argument more', { buildArgs: [...parts.buildArgs, { key: 'C', value: '' }] }],
    ['where a base image points', { bases: [{ ref: 'node:24', digest: `sha256:${'c'.repeat(64)}` }] }],
    ['the platform', { platform: 'linux/arm64' }],
  ])('changes with %s', (_what, change) => {
    expect(reuseKey({ ...parts, ...change })).not.toBe(reuseKey(parts));
  });

  it('cannot be made the same by moving text between parts', () => {
    const a = reuseKey({ ...parts, buildArgs: [{ key: 'A', value: '1\narg B 1\n2' }] });
    const b = reuseKey({
      ...parts,
      buildArgs: [
        { key: 'A', value: '1' },
        { key: 'B', value: '2' },
      ],
    });
    expect(a).not.toBe(b);
  });

  it('makes a tag a registry takes', () => {
    expect(reuseTag(reuseKey(parts))).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/);
  });
});

describe('the record of which inputs gave which image', () => {
  it('reads back what it wrote, and nothing else', () => {
    const sha = '0123abcdef4567890123abcdef4567890123abcd';
    const body = recordManifest(D, sha);
    expect(readRecord(body)).toEqual({ imageDigest: D, revision: sha });
    const parsed = JSON.parse(body.toString()) as { config: { digest: string; size: number } };
    expect(parsed.config).toEqual({
      mediaType: 'application/vnd.oci.empty.v1+json',
      digest: `sha256:${createHash('sha256').update(EMPTY_BLOB).digest('hex')}`,
      size: 2,
    });
    expect(parsed.config.digest).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
    expect(readRecord(Buffer.from('{"annotations":{"dev.todo-deploy.image.digest":"sha256:1"}}'))).toBeUndefined();
    expect(readRecord(Buffer.from('not json'))).toBeUndefined();
    expect(readRecord(recordManifest(D, '::error::forged'))).toEqual({ imageDigest: D, revision: 'an unknown commit' });
  });
});

describe('relabel', () => {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      created: '2026-01-01T00:00:00Z',
      config: { Labels: { 'org.opencontainers.image.revision': 'old', keep: 'me' }, Env: ['A=1'] },
      rootfs: { type: 'layers', diff_ids: [D] },
    }),
  );
  const digest = `sha256:${createHash('sha256').update(config).digest('hex')}`;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest, size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: D, size: 10 }],
    }),
  );

  it("puts this build's labels and time on the same layers", () => {
    const created = new Date('2026-12-07T10:00:00Z');
    const next = relabel(manifest, config, { 'org.opencontainers.image.revision': 'new' }, created);
    const image = JSON.parse(next.config.toString()) as { created: string; config: { Labels: Record<string, string>; Env: string[] } };
    expect(image.config.Labels).toEqual({ 'org.opencontainers.image.revision': 'new', keep: 'me' });
    expect(image.config.Env).toEqual(['A=1']);
    expect(image.created).toBe('2026-12-07T10:00:00.000Z');
    const m = JSON.parse(next.manifest.toString()) as { config: { digest: string; size: number }; layers: unknown[] };
    expect(m.config.digest).toBe(`sha256:${createHash('sha256').update(next.config).digest('hex')}`);
    expect(m.config.size).toBe(next.config.length);
    expect(m.layers).toEqual(JSON.parse(manifest.toString()).layers);
  });

  it('finds the config of an image manifest, not of an index', () => {
    expect(configOf(manifest, 'application/vnd.oci.image.manifest.v1+json')).toEqual({ digest, size: config.length });
    expect(configOf(manifest, 'application/vnd.oci.image.index.v1+json')).toBeUndefined();
    expect(configOf(Buffer.from('{}'), 'application/vnd.oci.image.manifest.v1+json')).toBeUndefined();
  });
});

describe('contextDigest (a real folder)', () => {
  const root = mkdtempSync(join(tmpdir(), 'ctx-digest-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = join(root, 'ctx');
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(dir, 'src', 'app.js'), 'console.log(1)\n');

  it('changes with a file, a new file, a mode or a link, and not with a time', async () => {
    const seen = new Set<string>();
    const take = async () => {
      const d = await contextDigest(dir);
      expect(d).toMatch(/^sha256:[0-9a-f]{64}$/);
      return d;
    };
    const first = await take();
    seen.add(first);
    const { utimesSync } = await import('node:fs');
    utimesSync(join(dir, 'src', 'app.js'), new Date(0), new Date(0));
    expect(await take()).toBe(first);
    writeFileSync(join(dir, 'src', 'app.js'), 'console.log(2)\n');
    seen.add(await take());
    writeFileSync(join(dir, 'src', 'extra.txt'), '');
    seen.add(await take());
    chmodSync(join(dir, 'src', 'extra.txt'), 0o755);
    seen.add(await take());
    symlinkSync('app.js', join(dir, 'src', 'link'));
    seen.add(await take());
    expect(seen.size).toBe(5);
  });

  it('does not mix up a file moved into another folder', async () => {
    const a = join(root, 'a');
    const b = join(root, 'b');
    mkdirSync(join(a, 'x'), { recursive: true });
    mkdirSync(join(b, 'x', 'y'), { recursive: true });
    writeFileSync(join(a, 'x', 'f'), '1');
    mkdirSync(join(a, 'x', 'y'));
    writeFileSync(join(b, 'x', 'y', 'f'), '1');
    expect(await contextDigest(a)).not.toBe(await contextDigest(b));
  });
});
