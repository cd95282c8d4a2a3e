import { formatDuration, formatSize } from '@todo-deploy/inputs';
import { resultSection } from '@todo-deploy/summary';
import type { TagPlan } from './tag-policy.js';

export interface ImageResult {
  service: string;
  image: string;
  status: 'pushed' | 'promoted' | 'built' | 'failed' | 'not built';
  digest?: string;
  /** Bytes a pull moves (config and compressed layers), read back from the registry. */
  sizeBytes?: number;
  durationMs: number;
  error?: string;
  /** What came from a cache, when the cache is on: buildah's layers by where from, BuildKit's cached steps. */
  cache?: { local: number; remote: number } | { steps: number };
  /** buildah: the commit whose image was tagged again, its inputs unchanged (not rebuilt). */
  reusedFrom?: string;
  /** The attestations beside the image in the registry (BuildKit): SLSA provenance v1, SPDX SBOM. */
  attestations?: string[];
}

const cacheNote = (cache: ImageResult['cache']): string => {
  if (!cache) return '';
  if ('steps' in cache) return ` (cache: ${cache.steps} step${cache.steps === 1 ? '' : 's'} cached)`;
  return ` (cache: ${cache.remote} layer${cache.remote === 1 ? '' : 's'} from the registry, ${cache.local} local)`;
};

const reuseNote = (revision: string | undefined): string =>
  revision === undefined ? '' : ` (inputs unchanged since ${revision.slice(0, 12)}: its image tagged again, not rebuilt)`;

const attestationNote = (kinds: ImageResult['attestations']): string =>
  kinds === undefined ? '' : kinds.length > 0 ? `; attestations: ${kinds.join(', ')}` : '; no attestations';

const VERDICT: Record<ImageResult['status'], string> = {
  pushed: '✅ pushed',
  promoted: '✅ tagged (the same digest, not rebuilt)',
  built: '✅ built (not pushed)',
  failed: '❌ failed',
  'not built': '⏭️ not built (an earlier service failed)',
};

/** The job summary: the tag policy's decision, then one row per service. Pure. */
export function summaryMarkdown(results: readonly ImageResult[], tags: TagPlan, durationMs: number): string {
  const section = resultSection({
    title: 'build-images',
    verdicts: results.map((r) => r.status === 'pushed' || r.status === 'promoted' || r.status === 'built'),
    noun: 'image',
    passedWord: 'done',
    detail: `in ${formatDuration(durationMs)}`,
    header: ['Service', 'Image', 'Result', 'Digest', 'Size', 'Time'],
    rows: results.map((r) => [
      r.service,
      r.image,
      r.error
        ? `${VERDICT[r.status]}: ${r.error}`
        : `${VERDICT[r.status]}${reuseNote(r.reusedFrom)}${cacheNote(r.cache)}${attestationNote(r.attestations)}`,
      r.digest ? `\`${r.digest}\`` : '',
      r.sizeBytes !== undefined ? formatSize(r.sizeBytes) : '',
      formatDuration(r.durationMs),
    ]),
  });
  return [section, '', `Tags: ${tags.tags.map((t) => `\`${t}\``).join(', ')} (${tags.reason}).`, ''].join('\n');
}

/** The one-line failure: the service and the cause. Pure. */
export function failureMessage(results: readonly ImageResult[]): string {
  const failed = results.find((r) => r.status === 'failed');
  return failed ? `${failed.service}: ${failed.error ?? 'failed'}` : '';
}

/** `digests` and `images` outputs: service -> digest, service -> image@digest. Pure. */
export function digestOutputs(results: readonly ImageResult[]): { digests: string; images: string } {
  const pushed = results.filter((r) => r.digest);
  return {
    digests: JSON.stringify(Object.fromEntries(pushed.map((r) => [r.service, r.digest]))),
    images: JSON.stringify(Object.fromEntries(pushed.map((r) => [r.service, `${r.image}@${r.digest}`]))),
  };
}
