// Reads chart/values.schema.json, chart/values.yaml and chart/README.md and renders the README
// with its values reference regenerated (scripts/chart-values.ts); build.ts writes it back and
// scripts/test/chart-values.test.ts fails when the committed README is not what this renders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderValuesReference, valueRows, valuesTable, type Schema } from './chart-values.js';

export function chartReadme(root: string): { path: string; current: string; rendered: string } {
  const chart = join(root, 'chart');
  const schema = JSON.parse(readFileSync(join(chart, 'values.schema.json'), 'utf8')) as Schema;
  const defaults: unknown = parse(readFileSync(join(chart, 'values.yaml'), 'utf8'));
  const path = join(chart, 'README.md');
  const current = readFileSync(path, 'utf8');
  return { path, current, rendered: renderValuesReference(current, valuesTable(valueRows(schema, defaults))) };
}
