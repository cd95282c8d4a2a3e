import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { repoRoot } from '@todo-deploy/harness';
import { chartReadme } from '../chart-readme.js';
import { VALUES_END, VALUES_START, renderValuesReference, valueRows, valuesTable, type Schema } from '../chart-values.js';

const schema: Schema = {
  type: 'object',
  properties: {
    ingress: {
      type: 'object',
      properties: {
        preset: { description: 'Whose annotations', enum: ['nginx', 'none'] },
        timeout: { description: 'Seconds <of> quiet', type: 'integer', minimum: 1, maximum: 60 },
        annotations: { description: 'More | annotations', type: 'object' },
      },
    },
    requests: { $ref: '#/definitions/resources', description: 'Of the test pod' },
    services: { type: 'object', properties: { api: { $ref: '#/definitions/service' }, web: { $ref: '#/definitions/service' } } },
  },
  definitions: {
    resources: { description: 'Requests and limits', type: 'object', properties: { cpu: { type: 'string' } } },
    service: { type: 'object', properties: { port: { description: 'The port', type: 'integer' } } },
  },
};
const defaults = { ingress: { preset: 'nginx', timeout: 30, annotations: {} }, requests: { cpu: '10m' } };

describe('valueRows', () => {
  it('gives each leaf its type, default and description; a documented definition is one value; services once as services.<name>', () => {
    expect(valueRows(schema, defaults)).toEqual([
      { path: 'ingress.preset', type: '"nginx" \\| "none"', default: '`"nginx"`', description: 'Whose annotations' },
      { path: 'ingress.timeout', type: 'integer (≥ 1, ≤ 60)', default: '`30`', description: 'Seconds <of> quiet' },
      { path: 'ingress.annotations', type: 'object', default: '`{}`', description: 'More | annotations' },
      { path: 'requests', type: 'resources', default: '`{"cpu":"10m"}`', description: 'Of the test pod' },
      { path: 'services.<name>.port', type: 'integer', default: 'per service', description: 'The port' },
    ]);
  });

  it('fails on a value without a description, naming it: the schema is the documentation', () => {
    const undocumented: Schema = {
      type: 'object',
      properties: { gateway: { type: 'object', properties: { enabled: { type: 'boolean' } } } },
    };
    expect(() => valueRows(undocumented, {})).toThrow('gateway.enabled: no description in values.schema.json');
  });

  it('escapes what Markdown would read as a column or a tag', () => {
    const table = valuesTable(valueRows(schema, defaults));
    expect(table).toContain('| `ingress.timeout` | integer (≥ 1, ≤ 60) | `30` | Seconds &lt;of&gt; quiet |');
    expect(table).toContain('| More \\| annotations |');
  });
});

describe('renderValuesReference', () => {
  it('replaces what lies between the markers and nothing else', () => {
    const readme = `# Chart\n\n${VALUES_START}\nold table\n${VALUES_END}\n\n## After\n`;
    const out = renderValuesReference(readme, '| a |');
    expect(out).toBe(
      `# Chart\n\n${VALUES_START}\n<!-- prettier-ignore-start -->\n\n| a |\n\n<!-- prettier-ignore-end -->\n${VALUES_END}\n\n## After\n`,
    );
    expect(renderValuesReference(out, '| a |')).toBe(out);
  });

  it('fails when a marker is missing', () => {
    expect(() => renderValuesReference('# Chart\n', '| a |')).toThrow(/markers/);
  });
});

describe('chart/README.md', () => {
  it('holds the values reference values.schema.json and values.yaml make (npm run build regenerates it)', () => {
    const { current, rendered } = chartReadme(repoRoot());
    expect(current).toBe(rendered);
  });

  it('has a row for every value of values.yaml (or for the documented value it belongs to)', () => {
    const root = repoRoot();
    const schemaOf = JSON.parse(readFileSync(join(root, 'chart', 'values.schema.json'), 'utf8')) as Schema;
    const defaultsOf = parse(readFileSync(join(root, 'chart', 'values.yaml'), 'utf8')) as Record<string, unknown>;
    const documented = valueRows(schemaOf, defaultsOf).map((r) => r.path.replace('services.<name>', 'services.*'));
    const leaves = (node: unknown, path: string): string[] =>
      node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length > 0
        ? Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k))
        : [path];
    const paths = leaves(defaultsOf, '').map((p) => p.replace(/^services\.[^.]+/, 'services.*'));
    expect(paths.length).toBeGreaterThan(100);
    // an empty map in values.yaml (gateway.sseTimeouts: {}) is covered by rows for its keys
    const missing = paths.filter((p) => !documented.some((d) => p === d || p.startsWith(`${d}.`) || d.startsWith(`${p}.`)));
    expect(missing).toEqual([]);
  });
});
