import { InputError, type KeyValue } from '@todo-deploy/inputs';

const DIGEST = /^sha256:[0-9a-f]{64}$/;
const SERVICE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const EXAMPLE = '${{ needs.build.outputs.digests }}';

/**
 * build-images' `digests` output (JSON: service -> sha256 digest) as one set-string per service
 * at the key template ({service} replaced), so every image is pinned by digest: what runs is
 * what was built and tested, whatever a tag points at now or a node has cached. Pure.
 */
export function imageDigestValues(input: string, text: string, keyTemplate: string): KeyValue[] {
  if (text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InputError(input, 'is not JSON: give build-images’ digests output, an object of service -> sha256:<64 hex>', EXAMPLE);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InputError(input, 'is not a JSON object of service -> digest', EXAMPLE);
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length === 0) throw new InputError(input, 'names no service (an empty object: did the build push nothing?)', EXAMPLE);
  return entries.map(([service, digest]) => {
    if (!SERVICE.test(service)) throw new InputError(input, `'${service.slice(0, 64)}' is not a service name`, EXAMPLE);
    if (typeof digest !== 'string' || !DIGEST.test(digest))
      throw new InputError(input, `the digest of '${service}' is not sha256:<64 hex>`, EXAMPLE);
    return { key: keyTemplate.replaceAll('{service}', service), value: digest };
  });
}
