import { join } from 'node:path';
import { log } from '@todo-deploy/runtime';
import { Buildah, cacheUnsupported, retriesOnItsOwn } from './buildah.js';
import { retryTransient, transientPushFailure } from './push-failure.js';
import type { BuildInputs } from './inputs.js';
import { cacheHits, loginArgv, planImages, pushArgv, type ImagePlan } from './plan.js';
import { readBack } from './read-back.js';
import type { Registry } from './registry.js';
import type { ImageResult } from './report.js';
import type { TagPlan } from './tag-policy.js';

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
  const repository = `${inputs.repository}/${plan.service.name}`;
  const manifest = await registry.getManifest(repository, digest);
  for (const ref of others) {
    const tag = ref.slice(plan.image.length + 1);
    const tagged = await registry.putManifest(repository, tag, manifest);
    if (tagged !== digest) throw new Error(`tagging ${ref} gave digest ${tagged}, not ${digest} like ${first}`);
    log.info(`Tagged ${ref} (${digest})`);
  }
  return digest;
}

/** Builds and pushes one service after another with buildah; a failure stops the services after it. */
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
  const results: ImageResult[] = [];
  for (const plan of plans) {
    const began = Date.now();
    const result: ImageResult = { service: plan.service.name, image: plan.image, status: 'not built', durationMs: 0 };
    results.push(result);
    if (results.some((r) => r.status === 'failed')) continue;
    try {
      const output = await buildah.build(plan.buildArgv, `Build ${plan.service.name} (${plan.refs.join(', ')})`);
      if (plan.cacheRepository) result.cache = cacheHits(output);
      result.status = 'built';
      if (inputs.push) {
        if (!registry) throw new Error('a push needs the registry client');
        result.digest = await pushImage(buildah, registry, plan, inputs, work, retriesOnItsOwn(version), authFile);
        result.status = 'pushed';
        Object.assign(result, await readBack(registry, `${inputs.repository}/${plan.service.name}`, result.digest));
      }
    } catch (error) {
      result.status = 'failed';
      result.error = (error as Error).message;
    }
    result.durationMs = Date.now() - began;
  }
  return results;
}
