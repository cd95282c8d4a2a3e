import type { BuildInputs, Service } from './inputs.js';
import type { TagPlan } from './tag-policy.js';

export interface ImagePlan {
  service: Service;
  /** registry/repository/name */
  image: string;
  /** image:tag for every tag, the immutable one first. */
  refs: string[];
  /** Where its layer cache lives, when the cache is on. */
  cacheRepository?: string;
  buildArgv: string[];
}

export interface PlanOptions {
  /** When the images were built (org.opencontainers.image.created). */
  created: Date;
  /** The registry credentials buildah reads when it pulls or pushes cache layers. */
  authFile?: string;
}

/** The repository of a service's layer cache: beside its image, never shared with another service. */
export const cacheRepositoryOf = (image: string): string => `${image}-buildcache`;

/**
 * The OCI annotations of an image (image-spec's pre-defined keys), as labels: the service,
 * the commit, the version (the release tag, else sha-<short>), where the source lives, and
 * when it was built (RFC 3339). Pure.
 */
export function ociLabels(
  service: string,
  inputs: Pick<BuildInputs, 'sha' | 'source'>,
  tags: TagPlan,
  created: Date,
): Record<string, string> {
  const release = tags.tags.find((t) => /^v\d/.test(t));
  return {
    'org.opencontainers.image.title': service,
    'org.opencontainers.image.revision': inputs.sha,
    'org.opencontainers.image.version': release ?? tags.immutable,
    ...(inputs.source ? { 'org.opencontainers.image.source': inputs.source } : {}),
    'org.opencontainers.image.created': created.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/**
 * When the images were built: SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention)
 * when set, else now. A SOURCE_DATE_EPOCH that is not a whole number of seconds fails, naming it.
 */
export function buildTime(env: NodeJS.ProcessEnv, now: Date = new Date()): Date {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (!epoch) return now;
  if (!/^\d{1,12}$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH '${epoch}' is not a whole number of seconds since 1970`);
  return new Date(Number(epoch) * 1000);
}

/** The image name and the buildah bud (build) command of each service. Pure. */
export function planImages(inputs: BuildInputs, tags: TagPlan, options: PlanOptions): ImagePlan[] {
  return inputs.services.map((service) => {
    const image = `${inputs.registry}/${inputs.repository}/${service.name}`;
    const refs = tags.tags.map((tag) => `${image}:${tag}`);
    const cacheRepository = inputs.cache && inputs.cacheBackend === 'registry' ? cacheRepositoryOf(image) : undefined;
    const cacheArgv = cacheRepository
      ? [
          '--layers',
          '--cache-from',
          cacheRepository,
          // a build that is not pushed (a pull request) reads the cache but writes nothing
          ...(inputs.push ? ['--cache-to', cacheRepository] : []),
          ...(inputs.tlsVerify ? [] : ['--tls-verify=false']),
          ...(options.authFile ? ['--authfile', options.authFile] : []),
        ]
      : [];
    const buildArgv = [
      // `bud`, not its newer alias `build`: every buildah has it (Ubuntu 22.04 runners ship 1.23)
      'bud',
      '--file',
      service.dockerfile,
      ...refs.flatMap((ref) => ['--tag', ref]),
      ...inputs.buildArgs.flatMap(({ key, value }) => ['--build-arg', `${key}=${value}`]),
      ...Object.entries(ociLabels(service.name, inputs, tags, options.created)).flatMap(([key, value]) => ['--label', `${key}=${value}`]),
      ...cacheArgv,
      service.context,
    ];
    return { service, image, refs, ...(cacheRepository ? { cacheRepository } : {}), buildArgv };
  });
}

/**
 * `buildah push` of one ref to the registry, recording the manifest digest. Turns buildah's
 * own retries off (buildah >= 1.28 retries by itself), so that the action's attempts are
 * the only ones and its message counts them right. Pure.
 */
export function pushArgv(
  ref: string,
  digestFile: string,
  options: { tlsVerify: boolean; authFile?: string; noOwnRetries?: boolean },
): string[] {
  return [
    'push',
    ...(options.noOwnRetries ? ['--retry', '0'] : []),
    ...(options.tlsVerify ? [] : ['--tls-verify=false']),
    ...(options.authFile ? ['--authfile', options.authFile] : []),
    '--digestfile',
    digestFile,
    ref,
    `docker://${ref}`,
  ];
}

/** `buildah login` reading the password from standard input. Pure. */
export function loginArgv(registry: string, username: string, authFile: string, tlsVerify: boolean): string[] {
  return [
    'login',
    '--authfile',
    authFile,
    ...(tlsVerify ? [] : ['--tls-verify=false']),
    '--username',
    username,
    '--password-stdin',
    registry,
  ];
}

/**
 * The layers a build took from a cache, from buildah's output: "--> Using cache <id>" (this
 * runner's storage) and "--> Cache pulled from remote <repository>:<key>" (the registry). Pure.
 */
export function cacheHits(output: string): { local: number; remote: number } {
  const count = (pattern: RegExp) => (output.match(pattern) ?? []).length;
  return { local: count(/^--> Using cache /gm), remote: count(/^--> Cache pulled from remote /gm) };
}
