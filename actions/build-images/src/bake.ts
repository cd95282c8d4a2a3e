import { dirname } from 'node:path';
import type { BuildInputs } from './inputs.js';
import { ociLabels, type ImagePlan } from './plan.js';
import type { TagPlan } from './tag-policy.js';

/** A bake target's name for a service (bake allows letters, digits, '_' and '-'). Pure. */
export const bakeTarget = (service: string): string => service.replace(/[^A-Za-z0-9_-]/g, '_');

/**
 * The tag of a BuildKit cache for a git ref, so that branches never overwrite each other's
 * cache: `buildkit-<branch>` for a branch, `buildkit-pr-<n>` for a pull request, and main's
 * for anything else (a release tag builds what main built). Pure.
 */
export function cacheTag(ref: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, '-')
      .replace(/^[-.]+/, '')
      .slice(0, 100) || 'main';
  const branch = /^refs\/heads\/(.+)$/.exec(ref)?.[1];
  if (branch) return `buildkit-${slug(branch)}`;
  const pr = /^refs\/pull\/(\d+)\//.exec(ref)?.[1];
  if (pr) return `buildkit-pr-${pr}`;
  return 'buildkit-main';
}

export interface BakeTarget {
  context: string;
  dockerfile: string;
  tags: string[];
  labels: Record<string, string>;
  args: Record<string, string>;
  'cache-from': string[];
  'cache-to': string[];
  attest: string[];
  output: string[];
}

export interface BakeFile {
  group: { default: { targets: string[] } };
  target: Record<string, BakeTarget>;
}

/**
 * A service's cache entries (pure). registry: `<image>-buildcache`, read from its branch's tag and
 * main's, written to its branch's. gha: GitHub's Actions cache under the scope
 * `<repository>/<service>`; GitHub's own scoping keeps branches apart (a run writes its ref's
 * cache and reads its ref's and the default branch's), and BuildKit reads the token's scopes.
 * Neither carries a secret: buildx takes the cache service's token from the environment.
 */
function cacheOf(inputs: BuildInputs, plan: ImagePlan, own: string, insecure: string): { reads: string[]; writes: string[] } {
  if (inputs.cache && inputs.cacheBackend === 'gha') {
    const scope = `scope=${inputs.repository}/${plan.service.name}`;
    return { reads: [`type=gha,${scope}`], writes: [`type=gha,${scope},mode=max`] };
  }
  const cache = plan.cacheRepository;
  if (!cache) return { reads: [], writes: [] };
  return {
    reads: [...new Set([own, 'buildkit-main'])].map((tag) => `type=registry,ref=${cache}:${tag}${insecure}`),
    writes: [`type=registry,ref=${cache}:${own},mode=max${insecure}`],
  };
}

/**
 * The bake definition (JSON) of every service: one BuildKit session builds them all, in
 * parallel, sharing contexts and stages. Per service: its tags, the OCI labels, the build
 * arguments, its cache in the registry (`<image>-buildcache:<cacheTag>`: read from its own
 * branch and from main's, written only to its own and only when pushing), the attestations
 * and a registry output (a build that is not pushed keeps only BuildKit's cache). Pure.
 */
export function bakeFile(inputs: BuildInputs, tags: TagPlan, plans: readonly ImagePlan[], created: Date): BakeFile {
  const insecure = inputs.tlsVerify ? '' : ',registry.insecure=true';
  const own = cacheTag(inputs.ref);
  const target: Record<string, BakeTarget> = {};
  for (const plan of plans) {
    const { reads, writes } = cacheOf(inputs, plan, own, insecure);
    target[bakeTarget(plan.service.name)] = {
      context: plan.service.context,
      dockerfile: plan.service.dockerfile,
      tags: plan.refs,
      labels: ociLabels(plan.service.name, inputs, tags, created),
      args: Object.fromEntries(inputs.buildArgs.map(({ key, value }) => [key, value])),
      'cache-from': reads,
      'cache-to': inputs.push ? writes : [],
      attest: inputs.push
        ? [
            ...(inputs.provenance ? ['type=provenance,mode=max'] : []),
            ...(inputs.sbom ? [inputs.sbomGenerator ? `type=sbom,generator=${inputs.sbomGenerator}` : 'type=sbom'] : []),
          ]
        : [],
      output: inputs.push ? [`type=registry${insecure}`] : ['type=cacheonly'],
    };
  }
  return { group: { default: { targets: Object.keys(target) } }, target };
}

/**
 * `docker buildx bake` of the definition file, plain progress, digests into the metadata file.
 * bake asks for an entitlement to read a context or Dockerfile outside its working folder
 * (and fails without a terminal to ask on): each folder the services read is allowed, and
 * nothing else. Pure.
 */
export function bakeArgv(file: string, metadataFile: string, readFolders: readonly string[] = []): string[] {
  return [
    'buildx',
    'bake',
    '--file',
    file,
    '--metadata-file',
    metadataFile,
    '--progress',
    'plain',
    ...[...new Set(readFolders)].flatMap((dir) => ['--allow', `fs.read=${dir}`]),
  ];
}

/** The folders a build reads: each service's context and its Dockerfile's folder. Pure. */
export const foldersRead = (services: readonly { context: string; dockerfile: string }[]): string[] => [
  ...new Set(services.flatMap((s) => [s.context, dirname(s.dockerfile)])),
];

/** Each service's pushed digest from bake's metadata file (`containerimage.digest` per target). Pure. */
export function digestsFromMetadata(text: string, services: readonly string[]): Record<string, string> {
  let json: Record<string, Record<string, unknown> | undefined>;
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error('bake wrote a metadata file that is not JSON');
  }
  const digests: Record<string, string> = {};
  for (const service of services) {
    const digest = json[bakeTarget(service)]?.['containerimage.digest'];
    if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest))
      throw new Error(`bake's metadata names no digest for ${service}`);
    digests[service] = digest;
  }
  return digests;
}

/**
 * The steps each target took from a cache, from bake's plain progress: a vertex `#N [target …]`
 * that ends `#N CACHED`. A stage shared by several targets is shown once, under one of them. Pure.
 */
export function bakeCacheHits(progress: string, services: readonly string[]): Record<string, number> {
  const byTarget = new Map(services.map((s) => [bakeTarget(s), s]));
  const owner = new Map<string, string>();
  const hits: Record<string, number> = Object.fromEntries(services.map((s) => [s, 0]));
  for (const line of progress.split('\n')) {
    const named = /^#(\d+) \[([A-Za-z0-9_-]+)[\s\]]/.exec(line);
    if (named?.[1] && named[2] && byTarget.has(named[2]) && !owner.has(named[1])) owner.set(named[1], byTarget.get(named[2]) as string);
    const cached = /^#(\d+) CACHED\s*$/.exec(line);
    const service = cached?.[1] ? owner.get(cached[1]) : undefined;
    if (service) hits[service] = (hits[service] ?? 0) + 1;
  }
  return hits;
}
