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
    const size = image ? manifestSize((await registry.getManifest(repository, image)).body) : undefined;
    const kinds = new Set<string>();
    for (const a of entries.attestations)
      for (const kind of attestationKinds((await registry.getManifest(repository, a)).body)) kinds.add(kind);
    return { ...(size !== undefined ? { sizeBytes: size } : {}), attestations: [...kinds] };
  } catch (error) {
    log.info(
      `${repository}@${digest} could not be read back (${(error as Error).message}); the summary leaves its size and attestations out`,
    );
    return {};
  }
}
