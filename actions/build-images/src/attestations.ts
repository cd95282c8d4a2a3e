/** What an OCI index pushed by BuildKit holds: its image manifests and the attestation manifests beside them. */
export interface IndexEntries {
  /** Digests of the image manifests (one per platform). */
  images: string[];
  /** Digests of the attestation manifests (vnd.docker.reference.type: attestation-manifest). */
  attestations: string[];
}

interface Descriptor {
  digest?: unknown;
  annotations?: Record<string, unknown>;
}

const parsed = (body: Buffer | string): { manifests?: Descriptor[]; layers?: Descriptor[] } | undefined => {
  try {
    const json = JSON.parse(body.toString()) as unknown;
    return json && typeof json === 'object' ? (json as { manifests?: Descriptor[]; layers?: Descriptor[] }) : undefined;
  } catch {
    return undefined;
  }
};

/** The image and attestation manifests of an index; undefined when the body is not an index. Pure. */
export function indexEntries(body: Buffer | string): IndexEntries | undefined {
  const manifests = parsed(body)?.manifests;
  if (!Array.isArray(manifests)) return undefined;
  const entries: IndexEntries = { images: [], attestations: [] };
  for (const m of manifests) {
    if (typeof m?.digest !== 'string') continue;
    if (m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest') entries.attestations.push(m.digest);
    else entries.images.push(m.digest);
  }
  return entries;
}

const PREDICATES: Record<string, string> = {
  'https://slsa.dev/provenance/v1': 'SLSA provenance v1',
  'https://slsa.dev/provenance/v0.2': 'SLSA provenance v0.2',
  'https://spdx.dev/Document': 'SPDX SBOM',
};

/** The predicate types an attestation manifest carries (in-toto.io/predicate-type of its layers), named for people. Pure. */
export function attestationKinds(body: Buffer | string): string[] {
  const layers = parsed(body)?.layers;
  if (!Array.isArray(layers)) return [];
  return layers
    .map((l) => l?.annotations?.['in-toto.io/predicate-type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => PREDICATES[t] ?? t);
}
