import semver from 'semver';

export interface TagPlan {
  /** Every tag each image gets, the immutable sha-<short> first. */
  tags: string[];
  /** sha-<short>: the tag to deploy (helm-deploy's image-tag). */
  immutable: string;
  /** Why the tags are what they are, for the log and the summary. */
  reason: string;
}

/**
 * The tag policy. Pure.
 * - always `sha-<first 7 hex of the commit>`;
 * - `main-latest` for a push to refs/heads/main;
 * - `vX.Y.Z` (as tagged, pre-releases included) for a tag that is a semantic version with a v.
 */
export function planTags(ref: string, sha: string): TagPlan {
  const immutable = `sha-${sha.slice(0, 7).toLowerCase()}`;
  if (ref === 'refs/heads/main') return { tags: [immutable, 'main-latest'], immutable, reason: 'a commit on main' };
  if (ref.startsWith('refs/tags/')) {
    const tag = ref.slice('refs/tags/'.length);
    if (/^v/.test(tag) && semver.valid(tag) === tag.slice(1)) return { tags: [immutable, tag], immutable, reason: `release tag ${tag}` };
    return { tags: [immutable], immutable, reason: `tag ${tag} is not a release tag vX.Y.Z, so only the commit tag` };
  }
  return { tags: [immutable], immutable, reason: ref ? `${ref} is neither main nor a release tag` : 'no ref' };
}
