import { join } from 'node:path';
import { createPrivateFolder, fail, log, mainState, reasonOf, removePrivateFolder } from '@todo-deploy/runtime';
import { envReader } from '@todo-deploy/inputs';
import { retryUntil } from '@todo-deploy/retry';
import { maskSecret } from '@todo-deploy/secrets';
import { writeSummary } from '@todo-deploy/summary';
import { Buildah, cacheUnsupported, retriesOnItsOwn, transientPushFailure } from './buildah.js';
import { readInputs, type BuildInputs } from './inputs.js';
import { outputs } from './outputs.js';
import { promoteImages } from './promote-run.js';
import { Registry, manifestSize, registryOptions } from './registry.js';
import { buildTime, cacheHits, loginArgv, planImages, pushArgv, type ImagePlan } from './plan.js';
import { digestOutputs, failureMessage, summaryMarkdown, type ImageResult } from './report.js';
import { ACTION, stateSchema } from './state.js';
import { planTags } from './tag-policy.js';

const PUSH_ATTEMPTS = 3;
const PUSH_BACKOFF = { initialDelayMs: 2000, maxDelayMs: 10_000, factor: 2, jitter: 0.2 };

/** Pushes every tag of one image, retrying what may pass on its own; all tags must share one digest. */
async function pushImage(
  buildah: Buildah,
  plan: ImagePlan,
  inputs: BuildInputs,
  work: string,
  noOwnRetries: boolean,
  authFile?: string,
): Promise<string> {
  let digest = '';
  for (const [index, ref] of plan.refs.entries()) {
    const digestFile = join(work, `${plan.service.name}-${index}.digest`);
    const argv = pushArgv(ref, digestFile, { tlsVerify: inputs.tlsVerify, noOwnRetries, ...(authFile ? { authFile } : {}) });
    const result = await retryUntil<string>(
      async ({ attempt }) => {
        try {
          return { done: true, value: await buildah.push(argv, digestFile) };
        } catch (error) {
          const cause = (error as Error).message;
          const retryable = attempt < PUSH_ATTEMPTS && transientPushFailure(cause);
          if (retryable) log.info(`Push of ${ref} failed (${cause}); trying again`);
          return { done: false, value: cause, retryable };
        }
      },
      { deadline: Date.now() + 120_000, policy: PUSH_BACKOFF },
    );
    if (!result.ok)
      throw new Error(
        `push of ${ref} to ${inputs.registry} failed after ${result.attempts} attempt${result.attempts === 1 ? '' : 's'}: ${result.value}`,
      );
    if (digest && result.value !== digest) throw new Error(`push of ${ref} gave digest ${result.value}, not ${digest} like the other tags`);
    digest = result.value;
    log.info(`Pushed ${ref} (${digest})`);
  }
  return digest;
}

/** The size of what was pushed, from its manifest in the registry; a failed read costs only the size. */
async function pushedSize(registry: Registry | undefined, repository: string, digest: string): Promise<number | undefined> {
  if (!registry) return undefined;
  try {
    return manifestSize((await registry.getManifest(repository, digest)).body);
  } catch (error) {
    log.info(`The size of ${repository}@${digest} could not be read (${(error as Error).message}); the summary leaves it out`);
    return undefined;
  }
}

export async function run(): Promise<void> {
  const state = mainState(stateSchema);
  const started = Date.now();
  let work: string | undefined;
  let registry: Registry | undefined;
  try {
    const inputs = readInputs(envReader());
    if (inputs.credentials) maskSecret(inputs.credentials.password);
    const tags = planTags(inputs.ref, inputs.sha);
    log.info(`Tags: ${tags.tags.join(', ')} (${tags.reason})`);
    if (inputs.promote) {
      const results = await promoteImages(inputs, tags);
      const { digests, images } = digestOutputs(results);
      outputs.set({ 'image-tag': tags.immutable, tags: tags.tags.join(' '), digests, images });
      await writeSummary(summaryMarkdown(results, tags, Date.now() - started));
      const failure = failureMessage(results);
      if (failure) fail(failure);
      return;
    }
    const created = buildTime(process.env);
    const buildah = new Buildah();
    const version = await buildah.version();
    log.info(`Using ${version}`);
    const noCache = inputs.cache ? cacheUnsupported(version) : undefined;
    if (noCache) throw new Error(noCache);
    // the registry credentials live in a private folder (removed at the end, or by the post step)
    work = createPrivateFolder(ACTION);
    state.set('folder', work);
    let authFile: string | undefined;
    if (inputs.push && inputs.credentials) {
      authFile = join(work, 'auth.json');
      await buildah.login(loginArgv(inputs.registry, inputs.credentials.username, authFile, inputs.tlsVerify), inputs.credentials.password);
      log.info(`Logged in to ${inputs.registry} as ${inputs.credentials.username}`);
    }
    const plans = planImages(inputs, tags, { created, ...(authFile ? { authFile } : {}) });
    registry = inputs.push ? new Registry(registryOptions(inputs, { attempts: 2 })) : undefined;
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
          result.digest = await pushImage(buildah, plan, inputs, work, retriesOnItsOwn(version), authFile);
          result.status = 'pushed';
          const size = await pushedSize(registry, `${inputs.repository}/${plan.service.name}`, result.digest);
          if (size !== undefined) result.sizeBytes = size;
        }
      } catch (error) {
        result.status = 'failed';
        result.error = (error as Error).message;
      }
      result.durationMs = Date.now() - began;
    }
    const { digests, images } = digestOutputs(results);
    outputs.set({ 'image-tag': tags.immutable, tags: tags.tags.join(' '), digests, images });
    await writeSummary(summaryMarkdown(results, tags, Date.now() - started));
    const failure = failureMessage(results);
    if (failure) fail(failure);
  } catch (error) {
    fail(reasonOf(error));
  } finally {
    await registry?.close();
    if (work) {
      removePrivateFolder(work);
      state.set('folder', undefined);
    }
  }
}
