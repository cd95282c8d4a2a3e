import type { BuilderChoice } from './inputs.js';

/** What `docker buildx inspect --bootstrap` said of the current builder. */
export type BuilderProbe = { answered: true; name: string; driver: string } | { answered: false; reason: string };

export type BuilderDecision = { builder: 'buildkit' | 'buildah'; why: string } | { error: string };

const SETUP = 'add docker/setup-buildx-action before this step (a docker-container builder) or point buildx at a BuildKit (driver remote)';

/**
 * Which builder builds, from the `builder` input and the probe of the current buildx builder.
 * Pure. The plain `docker` driver builds in the Docker daemon's own BuildKit, which cannot
 * export a cache or attestations: with those asked for (on a push), auto takes buildah and
 * `builder: buildkit` fails before anything is built, saying how to get a builder that can.
 */
export function chooseBuilder(
  choice: BuilderChoice,
  probe: BuilderProbe | undefined,
  wants: { exports: string[]; buildkitOnly?: string },
): BuilderDecision {
  const decision = decide(choice, probe, wants);
  // what only BuildKit can do (a gha cache): auto must not fall back to buildah without it
  if (wants.buildkitOnly && 'builder' in decision && decision.builder === 'buildah')
    return { error: `${wants.buildkitOnly} needs BuildKit, and ${decision.why}: ${SETUP}` };
  return decision;
}

function decide(choice: BuilderChoice, probe: BuilderProbe | undefined, wants: { exports: string[] }): BuilderDecision {
  if (choice === 'buildah') return { builder: 'buildah', why: 'builder: buildah' };
  if (!probe?.answered) {
    const reason = probe && !probe.answered ? probe.reason : 'not asked';
    if (choice === 'buildkit')
      return { error: `builder: buildkit, but no buildx builder answers (${reason}): ${SETUP}, or use builder: buildah` };
    return { builder: 'buildah', why: `no buildx builder answers (${reason})` };
  }
  if (probe.driver === 'docker' && wants.exports.length > 0) {
    const what = wants.exports.join(', ');
    if (choice === 'buildkit')
      return {
        error: `builder: buildkit, but the current buildx builder '${probe.name}' uses the docker driver, which cannot export ${what}: ${SETUP}, or turn ${what} off`,
      };
    return { builder: 'buildah', why: `the buildx builder '${probe.name}' uses the docker driver, which cannot export ${what}` };
  }
  return { builder: 'buildkit', why: `buildx builder '${probe.name}' (driver ${probe.driver})` };
}

/** The exports a build asks of BuildKit: only a push writes a cache or attaches attestations. Pure. */
export function exportsWanted(options: { push: boolean; cache: boolean; provenance: boolean; sbom: boolean }): string[] {
  if (!options.push) return [];
  return [...(options.cache ? ['a cache'] : []), ...(options.provenance ? ['provenance'] : []), ...(options.sbom ? ['an SBOM'] : [])];
}

/**
 * Reads `docker buildx inspect --bootstrap` text: the builder's name and driver when it runs.
 * buildx exits 0 for a builder it cannot reach (no Docker daemon behind the default builder)
 * and says so on an `Error:` line, with an empty driver. Pure.
 */
export function parseInspect(text: string): BuilderProbe {
  const field = (key: string) => new RegExp(`^${key}:[ \\t]*(\\S[^\\n]*)$`, 'm').exec(text)?.[1]?.trim();
  const error = field('Error');
  if (error) return { answered: false, reason: error };
  const name = field('Name');
  const driver = field('Driver');
  const status = field('Status');
  if (!name || !driver) return { answered: false, reason: 'buildx names no builder and driver' };
  if (status !== undefined && status !== 'running') return { answered: false, reason: `builder '${name}' is ${status}` };
  return { answered: true, name, driver };
}
