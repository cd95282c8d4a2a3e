import { log } from '@todo-deploy/runtime';
import type { BuildInputs } from './inputs.js';
import { planPromotion } from './promote.js';
import { ManifestNotFound, Registry, manifestSize, registryOptions } from './registry.js';
import type { ImageResult } from './report.js';
import type { TagPlan } from './tag-policy.js';

/**
 * Promotion: each service's manifest under sha-<short> is read from the registry and put,
 * byte for byte, under every other tag of the policy, so vX.Y.Z names exactly the images that
 * were built and tested; nothing is rebuilt. Every source is read before anything is tagged:
 * a missing service fails the run with no tag moved.
 */
export async function promoteImages(inputs: BuildInputs, tags: TagPlan): Promise<ImageResult[]> {
  const plan = planPromotion(inputs, tags);
  log.info(`Promoting ${plan.source} to ${plan.targets.join(', ')} for ${plan.repositories.length} services (no build)`);
  const registry = new Registry(registryOptions(inputs, { onRetry: (what) => log.info(`${what}; trying again`) }));
  const results: ImageResult[] = plan.repositories.map((r) => ({ service: r.service, image: r.image, status: 'not built', durationMs: 0 }));
  try {
    const manifests = [];
    for (const [i, r] of plan.repositories.entries()) {
      try {
        manifests.push(await registry.getManifest(r.repository, plan.source));
      } catch (error) {
        const result = results[i] as ImageResult;
        result.status = 'failed';
        result.error =
          error instanceof ManifestNotFound
            ? `${r.image}:${plan.source} does not exist (promotion never rebuilds: build this commit first)`
            : (error as Error).message;
        return results;
      }
    }
    for (const [i, r] of plan.repositories.entries()) {
      const began = Date.now();
      const result = results[i] as ImageResult;
      const manifest = manifests[i];
      if (!manifest) continue;
      try {
        await registry.putManifestTags(r.repository, plan.targets, manifest, (tag) =>
          log.info(`Tagged ${r.image}:${tag} (${manifest.digest}, the image of ${plan.source})`),
        );
        result.digest = manifest.digest;
        const size = manifestSize(manifest.body);
        if (size !== undefined) result.sizeBytes = size;
        result.status = 'promoted';
      } catch (error) {
        result.status = 'failed';
        result.error = (error as Error).message;
        break;
      } finally {
        result.durationMs = Date.now() - began;
      }
    }
    return results;
  } finally {
    await registry.close();
  }
}
