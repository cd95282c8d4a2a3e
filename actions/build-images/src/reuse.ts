import { readFile } from 'node:fs/promises';
import { log } from '@todo-deploy/runtime';
import { contextDigest } from './context-digest.js';
import type { BuildInputs, Service } from './inputs.js';
import { ManifestNotFound, Registry, type Manifest } from './registry.js';
import { EMPTY_BLOB, baseImages, configOf, imageLocation, readRecord, recordManifest, relabel, reuseKey, reuseTag } from './reuse-key.js';

/**
 * Reuse of an unchanged image with buildah and cache: true. buildah pulls every cached layer
 * into the runner's storage before it can push an image it did not need to build; BuildKit's
 * registry cache does not (it reads manifests and leaves layers where they are). So when a
 * service's inputs (Dockerfile, every context file, build arguments, the digests its base
 * images resolve to now, the runner's platform) are those of an image built before, its
 * manifest is tagged again with this build's labels, through the registry API, and buildah is
 * not started. The record of which inputs gave which image lives in the service's cache
 * repository, under `inputs-<key>`.
 */

export interface Reused {
  digest: string;
  /** The commit whose build is reused. */
  revision: string;
}

/** How a base image's digest is asked for: the action's own registry client for its registry, an anonymous one elsewhere. */
export type BaseResolver = (ref: string) => Promise<string>;

export function baseResolver(inputs: Pick<BuildInputs, 'registry' | 'tlsVerify'>, own: Registry): BaseResolver {
  return async (ref) => {
    const where = imageLocation(ref);
    if (where.digest) return where.digest;
    const mine = where.host === inputs.registry;
    const registry = mine ? own : new Registry({ registry: where.host, tlsVerify: true, attempts: 2 });
    try {
      return await registry.manifestDigest(where.repository, where.reference);
    } catch (error) {
      throw new Error(`the digest of base image ${ref} could not be read (${(error as Error).message})`, { cause: error });
    } finally {
      if (!mine) await registry.close();
    }
  };
}

/** The service's key, or why it has none (then it is built as always). */
export async function serviceKey(
  service: Service,
  inputs: Pick<BuildInputs, 'buildArgs'>,
  resolve: BaseResolver,
): Promise<{ key: string } | { reason: string }> {
  const dockerfile = await readFile(service.dockerfile, 'utf8');
  const found = baseImages(dockerfile);
  if ('reason' in found) return { reason: found.reason };
  const [context, bases] = await Promise.all([
    contextDigest(service.context),
    Promise.all(found.images.map(async (ref) => ({ ref, digest: await resolve(ref) }))),
  ]);
  return {
    key: reuseKey({
      dockerfile,
      contextDigest: context,
      buildArgs: inputs.buildArgs,
      bases,
      platform: `${process.platform}/${process.arch}`,
    }),
  };
}

/**
 * The image built before from the same inputs, tagged with every tag of this build under this
 * build's labels; undefined when there is none (no record, or its image is gone).
 */
export async function reuseImage(
  registry: Registry,
  where: { repository: string; cacheRepository: string; tags: readonly string[] },
  key: string,
  labels: Readonly<Record<string, string>>,
  created: Date,
): Promise<Reused | undefined> {
  let record: Manifest;
  try {
    record = await registry.getManifest(where.cacheRepository, reuseTag(key));
  } catch (error) {
    if (error instanceof ManifestNotFound) return undefined;
    throw error;
  }
  const named = readRecord(record.body);
  if (!named) return undefined;
  let image: Manifest;
  try {
    image = await registry.getManifest(where.repository, named.imageDigest);
  } catch (error) {
    if (!(error instanceof ManifestNotFound)) throw error;
    log.info(`${where.repository}@${named.imageDigest}, built from these inputs by ${named.revision}, is gone; building`);
    return undefined;
  }
  const config = configOf(image.body, image.mediaType);
  if (!config) return undefined;
  const next = relabel(image.body, await registry.getBlob(where.repository, config.digest), labels, created);
  await registry.putBlob(where.repository, next.config);
  const digest = await registry.putManifestTags(where.repository, where.tags, {
    body: next.manifest,
    mediaType: image.mediaType,
    digest: '',
  });
  return { digest, revision: named.revision };
}

/** Records that these inputs gave this image, for the builds after this one. */
export async function recordImage(
  registry: Registry,
  cacheRepository: string,
  key: string,
  imageDigest: string,
  revision: string,
): Promise<void> {
  await registry.putBlob(cacheRepository, EMPTY_BLOB);
  const body = recordManifest(imageDigest, revision);
  await registry.putManifest(cacheRepository, reuseTag(key), { body, mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: '' });
}
