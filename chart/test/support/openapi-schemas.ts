// Turns the OpenAPI v2 document of a live API server into the JSON schema files kubeconform
// reads, so the chart is validated against exactly the Kubernetes version and the CRDs of the
// lab (there is no internet to fetch published schemas from, and published ones would not
// carry the lab's CRDs). Pure: the caller fetches the document and writes the files.

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiV2 {
  definitions: Record<string, JsonSchema>;
}

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export interface KindSchema extends GroupVersionKind {
  /** The path kubeconform looks for with SCHEMA_LOCATION_TEMPLATE, relative to its root. */
  file: string;
  schema: JsonSchema;
}

/**
 * The -schema-location to give kubeconform, after the directory the schemas are written to.
 * Its fields are kubeconform's own template variables; .Group is the whole API group ("v1"
 * for the core group), so kinds of groups that share a first label cannot collide.
 */
export const SCHEMA_LOCATION_TEMPLATE =
  '{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json';

const REF_PREFIX = '#/definitions/';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = { oneOf: [{ type: 'string' }, { type: 'integer' }] };

export function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
}

/**
 * The file SCHEMA_LOCATION_TEMPLATE names for a kind, e.g.
 * v1.35.4-standalone-strict/apps/deployment_v1.json, or .../v1/service_v1.json for the core group.
 * kubeconform prefixes the version given with -kubernetes-version with "v".
 */
export function schemaFile(kubernetesVersion: string, gvk: GroupVersionKind, strict: boolean): string {
  const version = `v${kubernetesVersion.replace(/^v/, '')}`;
  const group = gvk.group === '' ? gvk.version : gvk.group;
  return `${version}-standalone${strict ? '-strict' : ''}/${group}/${gvk.kind.toLowerCase()}_${gvk.version}.json`;
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One self-contained schema: every $ref inlined (a reference back into itself, as in the
 * recursive JSONSchemaProps of a CRD, becomes an open schema), int-or-string and quantities
 * accepting numbers as the API server does, and with strict every object that lists its
 * properties refusing unknown ones, unless it preserves unknown fields.
 */
export function standaloneSchema(openapi: OpenApiV2, name: string, strict: boolean): JsonSchema {
  const inline = (node: unknown, stack: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => inline(item, stack));
    if (!isObject(node)) return node;
    const ref = node['$ref'];
    if (typeof ref === 'string' && ref.startsWith(REF_PREFIX)) {
      const target = ref.slice(REF_PREFIX.length);
      if (stack.includes(target)) return {};
      if (target === QUANTITY) return { oneOf: [{ type: 'string' }, { type: 'number' }] };
      const definition = openapi.definitions[target];
      if (definition === undefined) throw new Error(`OpenAPI reference ${ref} has no definition`);
      const { $ref: _ref, ...siblings } = node;
      return { ...(inline(definition, [...stack, target]) as JsonSchema), ...(inline(siblings, stack) as JsonSchema) };
    }
    if (node['format'] === 'int-or-string' || node['x-kubernetes-int-or-string'] === true) {
      const { type: _type, format: _format, ...rest } = node;
      return { ...keywords(rest, stack), ...INT_OR_STRING };
    }
    return keywords(node, stack);
  };
  const keywords = (node: JsonSchema, stack: readonly string[]): JsonSchema => {
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      // Keys of `properties` are field names, not keywords: keep them all.
      out[key] =
        key === 'properties' && isObject(value)
          ? Object.fromEntries(Object.entries(value).map(([field, schema]) => [field, inline(schema, stack)]))
          : inline(value, stack);
    }
    if (
      strict &&
      isObject(out['properties']) &&
      out['additionalProperties'] === undefined &&
      out['x-kubernetes-preserve-unknown-fields'] !== true
    ) {
      out['additionalProperties'] = false;
    }
    return out;
  };
  const root = openapi.definitions[name];
  if (root === undefined) throw new Error(`OpenAPI document has no definition ${name}`);
  return { $schema: 'http://json-schema.org/draft-04/schema#', ...(inline(root, [name]) as JsonSchema) };
}

function groupVersionKinds(definition: JsonSchema): GroupVersionKind[] {
  const list = definition['x-kubernetes-group-version-kind'];
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((gvk) => ({
    group: String(gvk['group'] ?? ''),
    version: String(gvk['version'] ?? ''),
    kind: String(gvk['kind'] ?? ''),
  }));
}

/**
 * The schemas of the given kinds (apiVersion + kind, as in a manifest). A kind the API
 * server does not serve is left out, so kubeconform reports it as missing rather than
 * passing it.
 */
export function kubeconformSchemas(
  openapi: OpenApiV2,
  kubernetesVersion: string,
  wanted: ReadonlyArray<{ apiVersion: string; kind: string }>,
  strict: boolean,
): KindSchema[] {
  const byKey = new Map<string, { name: string; gvk: GroupVersionKind }>();
  for (const [name, definition] of Object.entries(openapi.definitions)) {
    const gvks = groupVersionKinds(definition);
    // Shared kinds such as DeleteOptions and WatchEvent list every group: not resources.
    if (gvks.length !== 1) continue;
    const [gvk] = gvks as [GroupVersionKind];
    byKey.set(`${apiVersionOf(gvk)} ${gvk.kind}`, { name, gvk });
  }
  const result: KindSchema[] = [];
  const seen = new Set<string>();
  for (const { apiVersion, kind } of wanted) {
    const key = `${apiVersion} ${kind}`;
    const found = byKey.get(key);
    if (found === undefined || seen.has(key)) continue;
    seen.add(key);
    result.push({
      ...found.gvk,
      file: schemaFile(kubernetesVersion, found.gvk, strict),
      schema: standaloneSchema(openapi, found.name, strict),
    });
  }
  return result;
}
