import { createPrivateFolder, fail, log, mainState, reasonOf, removePrivateFolder } from '@todo-deploy/runtime';
import { envReader } from '@todo-deploy/inputs';
import { maskSecret } from '@todo-deploy/secrets';
import { writeSummary } from '@todo-deploy/summary';
import { chooseBuilder, exportsWanted } from './builder.js';
import { buildWithBuildah } from './buildah-run.js';
import { buildWithBuildkit } from './buildkit-run.js';
import { Buildx } from './buildx.js';
import { privateDockerConfig } from './docker-config.js';
import { readInputs, type BuildInputs } from './inputs.js';
import { outputs } from './outputs.js';
import { promoteImages } from './promote-run.js';
import { Registry, registryOptions } from './registry.js';
import { buildTime } from './plan.js';
import { digestOutputs, failureMessage, summaryMarkdown } from './report.js';
import { ACTION, stateSchema } from './state.js';
import { planTags } from './tag-policy.js';

/**
 * docker buildx for BuildKit: with credentials and a push, through a docker configuration in the
 * private folder that adds them (the user's ~/.docker is never written).
 */
function buildxFor(inputs: BuildInputs, work: string): Buildx {
  if (!(inputs.push && inputs.credentials)) return new Buildx();
  const config = privateDockerConfig(work, inputs.registry, inputs.credentials);
  if (config.warning) log.warning(config.warning);
  return new Buildx({ ...process.env, DOCKER_CONFIG: config.dir });
}

export async function run(): Promise<void> {
  const state = mainState(stateSchema);
  const started = Date.now();
  let work: string | undefined;
  let registry: Registry | undefined;
  try {
    const inputs = readInputs(envReader());
    if (inputs.credentials) maskSecret(inputs.credentials.password);
    // the runner masks its own token; masked again, as it reaches buildx through the environment
    if (inputs.cache && inputs.cacheBackend === 'gha' && process.env.ACTIONS_RUNTIME_TOKEN) maskSecret(process.env.ACTIONS_RUNTIME_TOKEN);
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
    // the registry credentials live in a private folder (removed at the end, or by the post step)
    work = createPrivateFolder(ACTION);
    state.set('folder', work);
    registry = inputs.push ? new Registry(registryOptions(inputs, { attempts: 2 })) : undefined;
    const buildx = inputs.builder === 'buildah' ? undefined : buildxFor(inputs, work);
    // the builder's answer and buildx's version at once: two docker CLI runs, neither waiting on the other
    const [probe, version] = buildx ? await Promise.all([buildx.probe(), buildx.version()]) : [undefined, undefined];
    const decision = chooseBuilder(inputs.builder, probe, {
      exports: exportsWanted(inputs),
      ...(inputs.cache && inputs.cacheBackend === 'gha' ? { buildkitOnly: 'cache-backend: gha' } : {}),
    });
    if ('error' in decision) throw new Error(decision.error);
    log.info(`Builder: ${decision.builder} (${decision.why})`);
    const results =
      decision.builder === 'buildkit' && buildx
        ? await buildWithBuildkit(buildx, version ?? 'docker buildx (version unknown)', inputs, tags, created, work, registry)
        : await buildWithBuildah(inputs, tags, created, work, registry);
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
