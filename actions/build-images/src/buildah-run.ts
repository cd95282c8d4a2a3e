import { join } from 'node:path';
import { log } from '@todo-deploy/runtime';
import { Buildah, cacheUnsupported, retriesOnItsOwn } from './buildah.js';
import { retryTransient, transientPushFailure } from './push-failure.js';
import type { BuildInputs } from './inputs.js';
import { cacheHits, cacheRepositoryOf, loginArgv, ociLabels, planImages, pushArgv, type ImagePlan } from './plan.js';
import { readBack } from './read-back.js';
import type { Registry } from './registry.js';
import type { ImageResult } from './report.js';
import { baseResolver, recordImage, reuseImage, serviceKey, type BaseResolver, type Reused } from './reuse.js';
import type { TagPlan } from './tag-policy.js';

/** A service's image repository and its cache repository, as registry paths (no host). */
function repositoriesOf(inputs: BuildInputs, plan: ImagePlan): { repository: string; cacheRepository: string } {
  const repository = `${inputs.repository}/${plan.service.name}`;
  return { repository, cacheRepository: cacheRepositoryOf(repository) };
}

/**
 * Pushes one image: its first tag with buildah (the layers and the manifest), retrying what may
 * pass on its own; then every other tag gets that same manifest through the registry API, byte
 * for byte (no second upload, and one digest for all tags by construction).
 */
async function pushImage(
  buildah: Buildah,
  registry: Registry,
  plan: ImagePlan,
  inputs: BuildInputs,
  work: string,
  noOwnRetries: boolean,
  authFile?: string,
): Promise<string> {
  const [first, ...others] = plan.refs;
  if (!first) throw new Error(`${plan.service.name} has no tag to push`);
  const digestFile = join(work, `${plan.service.name}.digest`);
  const argv = pushArgv(first, digestFile, { tlsVerify: inputs.tlsVerify, noOwnRetries, ...(authFile ? { authFile } : {}) });
  const result = await retryTransient(
    () => buildah.push(argv, digestFile),
    transientPushFailure,
    (cause) => log.info(`Push of ${first} failed (${cause}); trying again`),
    120_000,
  );
  if (!result.ok)
    throw new Error(
      `push of ${first} to ${inputs.registry} failed after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.value}`,
    );
  const digest = result.value;
  log.info(`Pushed ${first} (${digest})`);
  if (others.length === 0) return digest;
  const { repository } = repositoriesOf(inputs, plan);
  const manifest = await registry.getManifest(repository, digest);
  const tags = others.map((ref) => ref.slice(plan.image.length + 1));
  await registry.putManifestTags(repository, tags, { ...manifest, digest }, (tag) => log.info(`Tagged ${plan.image}:${tag} (${digest})`));
  return digest;
}

/** The reuse key of a service, or undefined (logged why) when it has none; then it is built. */
async function keyOf(plan: ImagePlan, inputs: BuildInputs, resolve: BaseResolver): Promise<string | undefined> {
  try {
    const found = await serviceKey(plan.service, inputs, resolve);
    if ('key' in found) return found.key;
    log.info(`${plan.service.name} is built, not reused: ${found.reason}`);
  } catch (error) {
    log.info(`${plan.service.name} is built, not reused: ${(error as Error).message}`);
  }
  return undefined;
}

/** An image built before from the same inputs, tagged again under this build's labels; undefined: build it. */
async function tryReuse(
  registry: Registry,
  plan: ImagePlan,
  inputs: BuildInputs,
  tags: TagPlan,
  created: Date,
  key: string,
): Promise<Reused | undefined> {
  try {
    const labels = ociLabels(plan.service.name, inputs, tags, created);
    const reused = await reuseImage(registry, { ...repositoriesOf(inputs, plan), tags: tags.tags }, key, labels, created);
    if (reused) log.info(`Reused ${plan.image} from ${reused.revision} (its inputs are unchanged): ${reused.digest}`);
    return reused;
  } catch (error) {
    log.info(`${plan.service.name} could not be reused (${(error as Error).message}); building it`);
    return undefined;
  }
}

/** Reuse is for a pushed build with the registry cache: the registry holds the records and the images. */
const reuses = (plan: ImagePlan, inputs: BuildInputs, registry: Registry | undefined): boolean =>
  Boolean(plan.cacheRepository && inputs.push && registry);

/** Notes which image these inputs gave; a failure costs only the next build's reuse. */
async function record(registry: Registry, plan: ImagePlan, inputs: BuildInputs, key: string, digest: string): Promise<void> {
  try {
    await recordImage(registry, repositoriesOf(inputs, plan).cacheRepository, key, digest, inputs.sha);
  } catch (error) {
    log.info(`Could not record the inputs of ${plan.service.name} (${(error as Error).message}); its next build will not reuse this one`);
  }
}

/**
 * Builds and pushes one service after another with buildah; a failure stops the services after
 * it. With the cache on and a push, a service whose inputs gave an image before is not built:
 * that image is tagged again (reuse.ts).
 */
export async function buildWithBuildah(
  inputs: BuildInputs,
  tags: TagPlan,
  created: Date,
  work: string,
  registry: Registry | undefined,
): Promise<ImageResult[]> {
  const buildah = new Buildah();
  const version = await buildah.version();
  log.info(`Using ${version}`);
  const noCache = inputs.cache ? cacheUnsupported(version) : undefined;
  if (noCache) throw new Error(noCache);
  let authFile: string | undefined;
  if (inputs.push && inputs.credentials) {
    authFile = join(work, 'auth.json');
    await buildah.login(loginArgv(inputs.registry, inputs.credentials.username, authFile, inputs.tlsVerify), inputs.credentials.password);
    log.info(`Logged in to ${inputs.registry} as ${inputs.credentials.username}`);
  }
  const plans = planImages(inputs, tags, { created, ...(authFile ? { authFile } : {}) });
  const resolve: BaseResolver | undefined = registry && baseResolver(inputs, registry);
  const results: ImageResult[] = [];
  for (const plan of plans) {
    const began = Date.now();
    const result: ImageResult = { service: plan.service.name, image: plan.image, status: 'not built', durationMs: 0 };
    results.push(result);
    if (results.some((r) => r.status === 'failed')) continue;
    try {
      const key = reuses(plan, inputs, registry) && resolve ? await keyOf(plan, inputs, resolve) : undefined;
      const reused = key && registry ? await tryReuse(registry, plan, inputs, tags, created, key) : undefined;
      if (key && reused && registry) {
        Object.assign(result, { status: 'pushed', digest: reused.digest, reusedFrom: reused.revision });
        await record(registry, plan, inputs, key, reused.digest);
        Object.assign(result, await readBack(registry, repositoriesOf(inputs, plan).repository, reused.digest));
        result.durationMs = Date.now() - began;
        continue;
      }
      const output = await buildah.build(plan.buildArgv, `Build ${plan.service.name} (${plan.refs.join(', ')})`);
      if (plan.cacheRepository) result.cache = cacheHits(output);
      result.status = 'built';
      if (inputs.push) {
        if (!registry) throw new Error('a push needs the registry client');
        result.digest = await pushImage(buildah, registry, plan, inputs, work, retriesOnItsOwn(version), authFile);
        result.status = 'pushed';
        if (key) await record(registry, plan, inputs, key, result.digest);
        Object.assign(result, await readBack(registry, repositoriesOf(inputs, plan).repository, result.digest));
      }
    } catch (error) {
      result.status = 'failed';
      result.error = (error as Error).message;
    }
    result.durationMs = Date.now() - began;
  }
  return results;
}
