import type { BuildInputs } from './inputs.js';
import type { TagPlan } from './tag-policy.js';

export interface PromotionPlan {
  /** The tag the images were pushed with (sha-<short>). */
  source: string;
  /** The tags they get, without a rebuild. */
  targets: string[];
  /** repository path of each service's image (without the registry), by service. */
  repositories: { service: string; repository: string; image: string }[];
}

/** What promotion copies: every service's sha-<short> manifest to the other tags of the policy. Pure. */
export function planPromotion(inputs: Pick<BuildInputs, 'registry' | 'repository' | 'services'>, tags: TagPlan): PromotionPlan {
  const targets = tags.tags.filter((t) => t !== tags.immutable);
  if (targets.length === 0)
    throw new Error(
      `promote: nothing to promote: ${tags.reason} (promotion gives a release tag vX.Y.Z or main-latest to the ${tags.immutable} images)`,
    );
  return {
    source: tags.immutable,
    targets,
    repositories: inputs.services.map((s) => ({
      service: s.name,
      repository: `${inputs.repository}/${s.name}`,
      image: `${inputs.registry}/${inputs.repository}/${s.name}`,
    })),
  };
}
