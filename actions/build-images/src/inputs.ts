import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError, parseBoolean, parseKeyValue, parseList, requireInput, type InputReader, type KeyValue } from '@todo-deploy/inputs';
import { parseServices } from './services.js';

export const Input = {
  Services: 'services',
  Registry: 'registry',
  Repository: 'repository',
  Push: 'push',
  Username: 'username',
  Password: 'password',
  Ref: 'ref',
  Sha: 'sha',
  BuildArgs: 'build-args',
  TlsVerify: 'tls-verify',
  Promote: 'promote',
  Cache: 'cache',
  CacheBackend: 'cache-backend',
  Builder: 'builder',
  Provenance: 'provenance',
  Sbom: 'sbom',
  SbomGenerator: 'sbom-generator',
} as const;

export type BuilderChoice = 'auto' | 'buildkit' | 'buildah';
/** Where the layer cache lives: the registry (both builders), or GitHub's Actions cache (BuildKit's type=gha). */
export type CacheBackend = 'registry' | 'gha';

export interface Service {
  name: string;
  /** Absolute paths. */
  context: string;
  dockerfile: string;
}

export interface BuildInputs {
  services: Service[];
  /** host[:port], lower case. */
  registry: string;
  /** The path in front of each service name, such as octo/hackathon-todo. */
  repository: string;
  push: boolean;
  credentials?: { username: string; password: string };
  ref: string;
  sha: string;
  buildArgs: KeyValue[];
  tlsVerify: boolean;
  /** Tag the images already pushed under sha-<short> with the other tags of the policy; build nothing. */
  promote: boolean;
  /** Read and write each service's layers in a cache (cacheBackend says where). */
  cache: boolean;
  /** registry: <image>-buildcache; gha: GitHub's Actions cache, one scope per image (BuildKit only). */
  cacheBackend: CacheBackend;
  /** auto: BuildKit when a buildx builder answers, else buildah. */
  builder: BuilderChoice;
  /** BuildKit: an SLSA provenance attestation (mode=max) on every image. */
  provenance: boolean;
  /** BuildKit: an SPDX SBOM attestation on every image (BuildKit's scanner image). */
  sbom: boolean;
  /** BuildKit: the SBOM generator image (BuildKit's SBOM protocol); undefined: BuildKit's default, docker/buildkit-syft-scanner. */
  sbomGenerator?: string;
  /** The repository's web address (GITHUB_SERVER_URL/GITHUB_REPOSITORY), for org.opencontainers.image.source. */
  source?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

const kindOf = (path: string): 'dir' | 'file' | undefined => {
  try {
    const stat = statSync(path);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
};

/** Reads and checks every input; throws an InputError naming the first bad one. */
export function readInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): BuildInputs {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const at = (path: string) => (isAbsolute(path) ? path : resolve(workspace, path));
  const promote = parseBoolean(Input.Promote, read(Input.Promote), false);
  const services = parseServices(Input.Services, requireInput(read, Input.Services, 'backend=services/backend')).map((line) => {
    // promotion builds nothing: only the names are used, the contexts need not be checked out
    if (promote) return { name: line.name, context: at(line.context), dockerfile: at(line.dockerfile ?? join(line.context, 'Dockerfile')) };
    const context = at(line.context);
    if (kindOf(context) !== 'dir')
      throw new InputError(
        Input.Services,
        `the build context of '${line.name}' (${line.context}) is not a folder`,
        'backend=services/backend',
      );
    const dockerfile = line.dockerfile ? at(line.dockerfile) : join(context, 'Dockerfile');
    if (kindOf(dockerfile) !== 'file')
      throw new InputError(
        Input.Services,
        `the Dockerfile of '${line.name}' (${line.dockerfile ?? join(line.context, 'Dockerfile')}) does not exist`,
        'backend=services/backend:services/backend/Dockerfile',
      );
    return { name: line.name, context, dockerfile };
  });

  const registry = requireInput(read, Input.Registry, 'ghcr.io').trim().toLowerCase();
  if (/^[a-z]+:\/\//.test(registry))
    throw new InputError(Input.Registry, `'${registry}' has a scheme: give the host (and port) only`, 'ghcr.io');
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?$/.test(registry))
    throw new InputError(Input.Registry, `'${registry}' is not a registry host[:port]`, 'ghcr.io');

  const repositoryText = read(Input.Repository).trim() || (env.GITHUB_REPOSITORY ?? '').toLowerCase();
  if (!repositoryText)
    throw new InputError(Input.Repository, 'a value is required outside a workflow (GITHUB_REPOSITORY is not set)', 'octo/hackathon-todo');
  if (!repositoryText.split('/').every((part) => COMPONENT.test(part)))
    throw new InputError(
      Input.Repository,
      `'${repositoryText}' is not a repository path (lower-case components separated by '/')`,
      'octo/hackathon-todo',
    );

  const push = parseBoolean(Input.Push, read(Input.Push), true);
  const username = read(Input.Username).trim();
  // printed ("logged in as"): one line of printable text, nothing a runner could read as a command
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(username) || username.includes('::') || username.includes('##['))
    throw new InputError(Input.Username, 'the user name holds a line break, a control character or workflow-command text', 'octocat');
  const password = read(Input.Password);
  if (Boolean(username) !== Boolean(password))
    throw new InputError(
      username ? Input.Password : Input.Username,
      'username and password go together',
      '${{ github.actor }} and ${{ secrets.GITHUB_TOKEN }}',
    );

  const ref = read(Input.Ref).trim() || env.GITHUB_REF || '';
  const sha = (read(Input.Sha).trim() || env.GITHUB_SHA || '').toLowerCase();
  if (!sha) throw new InputError(Input.Sha, 'no commit: set sha, or run in a workflow (GITHUB_SHA)', '${{ github.sha }}');
  if (!/^[0-9a-f]{7,64}$/.test(sha)) throw new InputError(Input.Sha, `'${sha}' is not a commit hash`, '${{ github.sha }}');

  const buildArgs = parseList(read(Input.BuildArgs)).map((line) => parseKeyValue(Input.BuildArgs, line, 'NODE_ENV=production'));
  const cache = parseBoolean(Input.Cache, read(Input.Cache), false);
  const builder = builderOf(read(Input.Builder));
  const cacheBackend = cacheBackendOf(read(Input.CacheBackend), { cache, builder, promote }, env);
  return {
    services,
    registry,
    repository: repositoryText,
    push,
    ...(username ? { credentials: { username, password } } : {}),
    ref,
    sha,
    buildArgs,
    tlsVerify: parseBoolean(Input.TlsVerify, read(Input.TlsVerify), true),
    promote,
    cache,
    cacheBackend,
    builder,
    provenance: parseBoolean(Input.Provenance, read(Input.Provenance), true),
    sbom: parseBoolean(Input.Sbom, read(Input.Sbom), true),
    ...sbomGeneratorOf(read(Input.SbomGenerator)),
    ...sourceOf(env),
  };
}

/**
 * The cache backend. gha is BuildKit's: buildah has no such cache. buildx takes GitHub's cache
 * service from what the runner gives a JavaScript action (ACTIONS_RUNTIME_TOKEN, and
 * ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL) and silently leaves the cache out without them, so
 * their absence is an error here, before anything is built.
 */
function cacheBackendOf(
  raw: string,
  given: { cache: boolean; builder: BuilderChoice; promote: boolean },
  env: NodeJS.ProcessEnv,
): CacheBackend {
  const value = raw.trim().toLowerCase() || 'registry';
  if (value !== 'registry' && value !== 'gha')
    throw new InputError(Input.CacheBackend, `'${raw.trim()}' is not a cache backend: use registry or gha`, 'registry');
  if (value === 'registry' || !given.cache || given.promote) return value;
  if (given.builder === 'buildah')
    throw new InputError(
      Input.CacheBackend,
      'gha is a BuildKit cache (type=gha) and builder is buildah: use builder: buildkit (or auto), or cache-backend: registry',
      'registry',
    );
  const missing = [
    ...(env.ACTIONS_RUNTIME_TOKEN ? [] : ['ACTIONS_RUNTIME_TOKEN']),
    ...(env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL ? [] : ['ACTIONS_RESULTS_URL']),
  ];
  if (missing.length > 0)
    throw new InputError(
      Input.CacheBackend,
      `gha needs GitHub's Actions cache service, which the runner gives a JavaScript action, and ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set: outside GitHub Actions use cache-backend: registry`,
      'registry',
    );
  return value;
}

function builderOf(raw: string): BuilderChoice {
  const value = raw.trim().toLowerCase() || 'auto';
  if (value === 'auto' || value === 'buildkit' || value === 'buildah') return value;
  throw new InputError(Input.Builder, `'${raw.trim()}' is not a builder: use auto, buildkit or buildah`, 'auto');
}

// an image reference: [host[:port]/]path[:tag][@sha256:digest] (the distribution reference grammar)
const HOST = String.raw`(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?/)`;
const PATH = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*`;
const IMAGE_REF = new RegExp(String.raw`^${HOST}?${PATH}(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`);

/** The SBOM generator image: a plain image reference (it goes into BuildKit's comma-separated attest option). */
function sbomGeneratorOf(raw: string): { sbomGenerator?: string } {
  const value = raw.trim();
  if (!value) return {};
  if (!IMAGE_REF.test(value))
    throw new InputError(
      Input.SbomGenerator,
      `'${value}' is not an image reference ([host[:port]/]path[:tag][@sha256:digest], lower-case path)`,
      'ghcr.io/octo/buildkit-syft-scanner:stable-1',
    );
  return { sbomGenerator: value };
}

/** The repository's address from the workflow's environment, when it is a plain https URL. */
function sourceOf(env: NodeJS.ProcessEnv): { source?: string } {
  const server = (env.GITHUB_SERVER_URL ?? '').replace(/\/+$/, '');
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!/^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(server) || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) return {};
  return { source: `${server}/${repository}` };
}
