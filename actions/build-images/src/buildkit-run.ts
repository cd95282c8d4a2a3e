import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '@todo-deploy/runtime';
import { bakeArgv, bakeCacheHits, bakeFile, bakeTarget, digestsFromMetadata, foldersRead } from './bake.js';
import type { Buildx } from './buildx.js';
import type { BuildInputs } from './inputs.js';
import { planImages } from './plan.js';
import { readBack } from './read-back.js';
import type { Registry } from './registry.js';
import type { ImageResult } from './report.js';
import type { TagPlan } from './tag-policy.js';

/** The service a bake error names (`target frontend: …`, `[frontend 2/3] …`), if it names one of them. Pure. */
export function failedTarget(message: string, services: readonly string[]): string | undefined {
  return services.find((s) => new RegExp(`(target ${bakeTarget(s)}\\b|\\[${bakeTarget(s)}[\\s\\]])`).test(message));
}

/**
 * Every service in one `docker buildx bake` (one BuildKit session: builds in parallel, shared
 * contexts and stages), digests from bake's metadata file, then the size and attestations of
 * each pushed image read back from the registry.
 */
export async function buildWithBuildkit(
  buildx: Buildx,
  version: string,
  inputs: BuildInputs,
  tags: TagPlan,
  created: Date,
  work: string,
  registry: Registry | undefined,
): Promise<ImageResult[]> {
  log.info(`Using ${version}`);
  const plans = planImages(inputs, tags, { created });
  const names = plans.map((p) => p.service.name);
  const results: ImageResult[] = plans.map((p) => ({ service: p.service.name, image: p.image, status: 'not built', durationMs: 0 }));
  const file = join(work, 'docker-bake.json');
  const metadata = join(work, 'bake-metadata.json');
  writeFileSync(file, JSON.stringify(bakeFile(inputs, tags, plans, created), null, 2));
  const began = Date.now();
  let progress: string;
  try {
    progress = await buildx.bake(
      bakeArgv(file, metadata, foldersRead(inputs.services)),
      `Bake ${names.length} image${names.length === 1 ? '' : 's'} (${names.join(', ')})`,
    );
  } catch (error) {
    const message = (error as Error).message;
    const culprit = failedTarget(message, names);
    for (const r of results) {
      r.durationMs = Date.now() - began;
      // one session: a failed target stops the others, which are then not built
      if (!culprit || r.service === culprit) Object.assign(r, { status: 'failed', error: message });
    }
    return results;
  }
  const took = Date.now() - began;
  const digests = inputs.push ? digestsFromMetadata(readFileSync(metadata, 'utf8'), names) : {};
  const hits = bakeCacheHits(progress, names);
  for (const r of results) {
    r.durationMs = took;
    r.status = inputs.push ? 'pushed' : 'built';
    if (inputs.cache) r.cache = { steps: hits[r.service] ?? 0 };
    const digest = digests[r.service];
    if (!digest) continue;
    r.digest = digest;
    log.info(`Pushed ${r.image} (${digest})`);
  }
  // every pushed image read back at once (a few registry reads each)
  if (registry)
    await Promise.all(
      results.map(async (r) => {
        if (r.digest) Object.assign(r, await readBack(registry, `${inputs.repository}/${r.service}`, r.digest));
      }),
    );
  return results;
}
