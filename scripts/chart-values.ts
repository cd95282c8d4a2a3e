// The values reference of chart/README.md, generated from chart/values.schema.json (the one
// annotated source: every value's type, rule and description) and the defaults of
// chart/values.yaml, so the README cannot drift from what helm validates. Pure: schema and
// defaults in, markdown out; scripts/build.ts writes it between the markers.

export const VALUES_START = '<!-- values:start (generated from values.schema.json by scripts/build.ts) -->';
export const VALUES_END = '<!-- values:end -->';

export interface SchemaNode {
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, SchemaNode>;
  $ref?: string;
  [key: string]: unknown;
}

export interface Schema extends SchemaNode {
  definitions?: Record<string, SchemaNode>;
}

export interface ValueRow {
  path: string;
  type: string;
  default: string;
  description: string;
}

/** Definitions documented as one value (their parts are described in the definition). */
const OPAQUE_DEFINITIONS = new Set(['resources', 'probe', 'cpu', 'memory', 'duration', 'ratio']);
/** services.<name> share one definition: documented once, under that path. */
const SERVICE_DEFINITION = 'service';

function definition(schema: Schema, ref: string, path: string): { name: string; node: SchemaNode } {
  const name = ref.replace('#/definitions/', '');
  const node = schema.definitions?.[name];
  if (!node) throw new Error(`${path}: $ref ${ref} names no definition of values.schema.json`);
  return { name, node };
}

function typeOf(node: SchemaNode): string {
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const type = Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  const bounds = [node.minimum !== undefined ? `≥ ${node.minimum}` : '', node.maximum !== undefined ? `≤ ${node.maximum}` : '']
    .filter(Boolean)
    .join(', ');
  return bounds ? `${type} (${bounds})` : type;
}

function valueAt(defaults: unknown, path: string): unknown {
  let node = defaults;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function formatDefault(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 48 ? 'see values.yaml' : `\`${text.replaceAll('|', '\\|')}\``;
}

/**
 * One row per value: every leaf of the schema (an object without properties of its own, or a
 * $ref to a definition documented as one value). A value without a description fails, naming
 * it: the schema is the documentation.
 */
export function valueRows(schema: Schema, defaults: unknown): ValueRow[] {
  const rows: ValueRow[] = [];
  const walk = (node: SchemaNode, path: string, defaultsPath: string | undefined, inherited?: string): void => {
    if (node.$ref) {
      const { name, node: target } = definition(schema, node.$ref, path);
      if (name === SERVICE_DEFINITION) {
        if (!rows.some((r) => r.path.startsWith('services.<name>.'))) walk({ ...target, $ref: undefined }, 'services.<name>', undefined);
        return;
      }
      if (OPAQUE_DEFINITIONS.has(name)) {
        const description = node.description ?? target.description ?? inherited;
        if (!description) throw new Error(`${path}: no description in values.schema.json`);
        rows.push({
          path,
          type: name,
          default: defaultsPath === undefined ? 'per service' : formatDefault(valueAt(defaults, defaultsPath)),
          description,
        });
        return;
      }
      walk({ ...target, ...node, $ref: undefined }, path, defaultsPath, inherited);
      return;
    }
    const properties = node.properties;
    if (properties && Object.keys(properties).length > 0) {
      for (const [key, child] of Object.entries(properties)) {
        walk(child, path ? `${path}.${key}` : key, defaultsPath === undefined ? undefined : defaultsPath ? `${defaultsPath}.${key}` : key);
      }
      return;
    }
    if (!node.description) throw new Error(`${path}: no description in values.schema.json`);
    rows.push({
      path,
      type: typeOf(node),
      default: defaultsPath === undefined ? 'per service' : formatDefault(valueAt(defaults, defaultsPath)),
      description: node.description,
    });
  };
  walk(schema, '', '');
  return rows;
}

// Markdown would read <name> as an HTML tag (and hide it): angle brackets become entities.
const cell = (text: string) =>
  text
    .replaceAll('\n', ' ')
    .replaceAll(/(?<!\\)\|/g, '\\|')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');

export function valuesTable(rows: readonly ValueRow[]): string {
  const lines = ['| value | type | default | what |', '| ----- | ---- | ------- | ---- |'];
  for (const row of rows) lines.push(`| \`${row.path}\` | ${cell(row.type)} | ${row.default} | ${cell(row.description)} |`);
  return lines.join('\n');
}

/** The README with the table between the markers replaced; a README without both markers fails. */
export function renderValuesReference(readme: string, table: string): string {
  const start = readme.indexOf(VALUES_START);
  const end = readme.indexOf(VALUES_END);
  if (start < 0 || end < start) throw new Error(`chart/README.md: the markers ${VALUES_START} and ${VALUES_END} are missing`);
  // prettier leaves the table as generated, so the README's check and prettier's agree
  return `${readme.slice(0, start + VALUES_START.length)}\n<!-- prettier-ignore-start -->\n\n${table}\n\n<!-- prettier-ignore-end -->\n${readme.slice(end)}`;
}
