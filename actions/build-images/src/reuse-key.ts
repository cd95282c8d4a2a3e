import { createHash } from 'node:crypto';
import type { KeyValue } from '@todo-deploy/inputs';

/**
 * Reuse of an unchanged image (buildah, cache: true): the key of everything a build's result
 * depends on, and the record in the cache repository that names the image those inputs gave.
 * Everything here is pure; the files and the registry are read by context-digest.ts and reuse.ts.
 */

/** Bumped whenever what the key covers changes, so that no old record is read with a new meaning. */
export const REUSE_KEY_VERSION = 'todo-deploy build inputs v1';

/** Where a base image lives: the registry host its API answers on, the repository, a tag or digest. */
export interface ImageLocation {
  /** host[:port] of the distribution API (Docker Hub's is registry-1.docker.io). */
  host: string;
  repository: string;
  /** A tag, or the digest when the reference pins one. */
  reference: string;
  /** Set when the reference pins a digest: then nothing needs to be asked. */
  digest?: string;
}

export type BaseImages = { images: string[] } | { reason: string };

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * Where a Dockerfile image reference lives, the way Docker reads one: no registry host means
 * Docker Hub (and `library/` for a one-part name), no tag means `latest`. Pure.
 */
export function imageLocation(ref: string): ImageLocation {
  const [name = '', digest] = ref.split('@');
  if (digest !== undefined && !DIGEST.test(digest)) throw new Error(`'${ref}' has a digest that is not sha256:<64 hex>`);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : 'latest';
  const path = colon > slash ? name.slice(0, colon) : name;
  const [first = '', ...rest] = path.split('/');
  const hasHost = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first : 'docker.io';
  let repository = hasHost ? rest.join('/') : path;
  if (host === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  if (!/^[a-z0-9]+(?:[._-]+[a-z0-9]+|\/[a-z0-9]+)*$/.test(repository)) throw new Error(`'${ref}' is not an image reference`);
  return {
    host: host === 'docker.io' ? 'registry-1.docker.io' : host,
    repository,
    reference: digest ?? tag,
    ...(digest ? { digest } : {}),
  };
}

/** A Dockerfile's instructions: comments and blank lines out, continuation lines joined. */
function instructions(dockerfile: string): string[] {
  const escape = /^#\s*escape\s*=\s*(\S)/im.exec(dockerfile.split('\n').slice(0, 5).join('\n'))?.[1] ?? '\\';
  const lines: string[] = [];
  let current = '';
  for (const raw of dockerfile.split(/\r?\n/)) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (current !== '' && line.startsWith('#')) continue;
    if (line.endsWith(escape)) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    lines.push(current + line);
    current = '';
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

/**
 * The images outside the build a Dockerfile reads: every FROM that is not `scratch` or an
 * earlier stage, and every `--from=` (COPY, RUN --mount) that is not a stage. A reason instead
 * when what the build reads cannot be known before building: an image named by a build
 * argument, or ADD of a URL or a git repository. Pure.
 */
export function baseImages(dockerfile: string): BaseImages {
  const stages = new Set<string>();
  const images = new Set<string>();
  let stageCount = 0;
  const external = (ref: string, what: string): string | undefined => {
    if (ref.includes('$')) return `${what} '${ref}' is named by a build argument`;
    const lower = ref.toLowerCase();
    if (lower === 'scratch' || stages.has(lower) || (/^\d+$/.test(ref) && Number(ref) < stageCount)) return undefined;
    images.add(ref);
    return undefined;
  };
  for (const line of instructions(dockerfile)) {
    const [keyword = '', ...words] = line.split(/\s+/);
    const op = keyword.toUpperCase();
    const args = words.filter((w) => !w.startsWith('--'));
    if (op === 'FROM') {
      const [image = '', as, name] = args;
      const reason = external(image, 'FROM');
      if (reason) return { reason };
      if (as?.toUpperCase() === 'AS' && name) stages.add(name.toLowerCase());
      stageCount += 1;
      continue;
    }
    for (const flag of words.filter((w) => w.startsWith('--'))) {
      const from = /^--from=(.+)$/.exec(flag)?.[1] ?? /(?:^--mount=|,)from=([^,]+)/.exec(flag)?.[1];
      if (from === undefined) continue;
      const reason = external(from, `${op} --from`);
      if (reason) return { reason };
    }
    if (op === 'ADD') {
      const remote = args.find((a) => /^(https?|git):\/\/|^git@|\.git(#|$)/.test(a));
      if (remote) return { reason: `ADD ${remote}: what it fetches is not known before building` };
    }
  }
  return { images: [...images].sort() };
}

/** What a service's image depends on: the parts the key is made of. */
export interface ReuseKeyParts {
  /** The Dockerfile's text. */
  dockerfile: string;
  /** The digest of every file of the context (context-digest.ts). */
  contextDigest: string;
  buildArgs: readonly KeyValue[];
  /** Each external image and the digest it resolves to now. */
  bases: ReadonlyArray<{ ref: string; digest: string }>;
  /** os/arch of the runner: buildah builds for its own. */
  platform: string;
}

/** The key: sha256 hex over every part, each length-prefixed, so that no two sets of parts give one text. Pure. */
export function reuseKey(parts: ReuseKeyParts): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string) => hash.update(`${label} ${Buffer.byteLength(value)}\n${value}\n`);
  add('version', REUSE_KEY_VERSION);
  add('platform', parts.platform);
  add('dockerfile', parts.dockerfile);
  add('context', parts.contextDigest);
  for (const { key, value } of [...parts.buildArgs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) add(`arg ${key}`, value);
  for (const { ref, digest } of [...parts.bases].sort((a, b) => (a.ref < b.ref ? -1 : 1))) add(`base ${ref}`, digest);
  return hash.digest('hex');
}

/** The record's tag in the cache repository (a tag is at most 128 characters: this is 71). */
export const reuseTag = (key: string): string => `inputs-${key}`;

/** OCI's empty descriptor's content (image-spec 1.1): the record's config and only layer. */
export const EMPTY_BLOB = Buffer.from('{}');
const emptyDescriptor = () => ({
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: `sha256:${createHash('sha256').update(EMPTY_BLOB).digest('hex')}`,
  size: EMPTY_BLOB.length,
});

export const RECORD_ARTIFACT_TYPE = 'application/vnd.todo-deploy.build-inputs.v1';
const IMAGE_ANNOTATION = 'dev.todo-deploy.image.digest';
const REVISION_ANNOTATION = 'org.opencontainers.image.revision';

/** The record: an OCI artifact manifest whose annotations name the image built from the key's inputs. Pure. */
export function recordManifest(imageDigest: string, revision: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      artifactType: RECORD_ARTIFACT_TYPE,
      config: emptyDescriptor(),
      layers: [emptyDescriptor()],
      annotations: { [IMAGE_ANNOTATION]: imageDigest, [REVISION_ANNOTATION]: revision },
    }),
  );
}

/** The image a record names, and the commit that built it; undefined for anything else. Pure. */
export function readRecord(body: Buffer): { imageDigest: string; revision: string } | undefined {
  try {
    const parsed = JSON.parse(body.toString()) as { artifactType?: unknown; annotations?: Record<string, unknown> };
    const imageDigest = parsed.annotations?.[IMAGE_ANNOTATION];
    const revision = parsed.annotations?.[REVISION_ANNOTATION];
    if (parsed.artifactType !== RECORD_ARTIFACT_TYPE || typeof imageDigest !== 'string' || !DIGEST.test(imageDigest)) return undefined;
    return { imageDigest, revision: typeof revision === 'string' && /^[0-9a-f]{7,64}$/.test(revision) ? revision : 'an unknown commit' };
  } catch {
    return undefined;
  }
}

const SINGLE_IMAGE = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);

/** An image manifest's config descriptor; undefined for an index or anything else. Pure. */
export function configOf(manifest: Buffer, mediaType: string): { digest: string; size: number } | undefined {
  if (!SINGLE_IMAGE.has(mediaType)) return undefined;
  try {
    const config = (JSON.parse(manifest.toString()) as { config?: { digest?: unknown; size?: unknown } }).config;
    return typeof config?.digest === 'string' && DIGEST.test(config.digest) && typeof config.size === 'number'
      ? { digest: config.digest, size: config.size }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The reused image under this build's labels: its config with the OCI labels (revision,
 * version, created...) and `created` of this build, and its manifest pointing at that config;
 * the layers are the same bytes. Pure.
 */
export function relabel(
  manifest: Buffer,
  config: Buffer,
  labels: Readonly<Record<string, string>>,
  created: Date,
): { manifest: Buffer; config: Buffer } {
  const image = JSON.parse(config.toString()) as { created?: string; config?: { Labels?: Record<string, string> | null } };
  image.config = { ...(image.config ?? {}), Labels: { ...(image.config?.Labels ?? {}), ...labels } };
  image.created = created.toISOString();
  const newConfig = Buffer.from(JSON.stringify(image));
  const parsed = JSON.parse(manifest.toString()) as { config: { digest: string; size: number } };
  parsed.config = { ...parsed.config, digest: `sha256:${createHash('sha256').update(newConfig).digest('hex')}`, size: newConfig.length };
  return { manifest: Buffer.from(JSON.stringify(parsed)), config: newConfig };
}
