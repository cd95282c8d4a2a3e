import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '@todo-deploy/runtime';
import { bakeArgv, bakeCacheHits, bakeFile, bakeTarget, digestsFromMetadata, foldersRead } from './bake.js';
import { retryTransient, transientBakeFailure } from './push-failure.js';
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
  const argv = bakeArgv(file, metadata, foldersRead(inputs.services));
  const title = `Bake ${names.length} image${names.length === 1 ? '' : 's'} (${names.join(', ')})`;
  // BuildKit retries a 5xx or a reset connection itself (1, 2, 4 s), not a 429, a refused
  // connection or a failed lookup: the whole bake is tried again for a registry it could not
  // reach (pushing, exporting the cache, resolving an image), its steps then from BuildKit's cache
  const attempt = await retryTransient(
    (n) => buildx.bake(argv, n === 1 ? title : `${title}, attempt ${n}`),
    transientBakeFailure,
    (message) => log.info(`The bake failed reaching a registry (${message}); trying again`),
    30 * 60_000,
  );
  const progress = attempt.value;
  if (!attempt.ok) {
    const message = attempt.attempts > 1 ? `${progress} (after ${attempt.attempts} attempts)` : progress;
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
