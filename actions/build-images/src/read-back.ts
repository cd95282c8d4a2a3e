import { log } from '@todo-deploy/runtime';
import { attestationKinds, indexEntries } from './attestations.js';
import { manifestSize, type Registry } from './registry.js';
import type { ImageResult } from './report.js';

/**
 * What the registry holds for a pushed image: its size (what a pull moves) and, for an index
 * (BuildKit's), the size of its image manifest and the attestations beside it. A failed read
 * costs only those summary cells, never the build.
 */
export async function readBack(
  registry: Registry,
  repository: string,
  digest: string,
): Promise<Pick<ImageResult, 'sizeBytes' | 'attestations'>> {
  try {
    const index = await registry.getManifest(repository, digest);
    const entries = indexEntries(index.body);
    if (!entries) {
      const size = manifestSize(index.body);
      return size !== undefined ? { sizeBytes: size } : {};
    }
    const [image] = entries.images;
    // the image manifest and the attestation manifests at once
    const [imageManifest, ...attestations] = await Promise.all([
      image ? registry.getManifest(repository, image) : undefined,
      ...entries.attestations.map((a) => registry.getManifest(repository, a)),
    ]);
    const size = imageManifest ? manifestSize(imageManifest.body) : undefined;
    const kinds = new Set(attestations.flatMap((a) => (a ? attestationKinds(a.body) : [])));
    return { ...(size !== undefined ? { sizeBytes: size } : {}), attestations: [...kinds] };
  } catch (error) {
    log.info(
      `${repository}@${digest} could not be read back (${(error as Error).message}); the summary leaves its size and attestations out`,
    );
    return {};
  }
}
