import type { BuildInputs, Service } from './inputs.js';
import type { TagPlan } from './tag-policy.js';

export interface ImagePlan {
  service: Service;
  /** registry/repository/name */
  image: string;
  /** image:tag for every tag, the immutable one first. */
  refs: string[];
  buildArgv: string[];
}

/** The image name and the buildah bud (build) command of each service. Pure. */
export function planImages(inputs: BuildInputs, tags: TagPlan): ImagePlan[] {
  return inputs.services.map((service) => {
    const image = `${inputs.registry}/${inputs.repository}/${service.name}`;
    const refs = tags.tags.map((tag) => `${image}:${tag}`);
    const buildArgv = [
      // `bud`, not its newer alias `build`: every buildah has it (Ubuntu 22.04 runners ship 1.23)
      'bud',
      '--file',
      service.dockerfile,
      ...refs.flatMap((ref) => ['--tag', ref]),
      ...inputs.buildArgs.flatMap(({ key, value }) => ['--build-arg', `${key}=${value}`]),
      '--label',
      `org.opencontainers.image.revision=${inputs.sha}`,
      service.context,
    ];
    return { service, image, refs, buildArgv };
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
