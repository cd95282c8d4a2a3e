import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '@todo-deploy/inputs';

/** Where a chart comes from: a folder or packaged .tgz on disk, a repo/chart name, or an OCI reference. */
export type ChartRef =
  | { kind: 'path'; value: string; shown: string }
  | { kind: 'repo'; value: string; shown: string }
  | { kind: 'oci'; value: string; shown: string };

const REPO_CHART = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/**
 * Classifies the chart input. Anything that exists on disk, or looks like a path (starts
 * with '.', '/' or ends in .tgz), is a path and must be a folder with Chart.yaml or a .tgz.
 */
export function parseChartRef(input: string, raw: string, cwd: string): ChartRef {
  const text = raw.trim();
  if (text.startsWith('oci://')) {
    // the error names no part of the input: the part before @ is a password
    if (/^oci:\/\/[^/]*@/.test(text))
      throw new InputError(
        input,
        'the chart reference carries credentials (user:password@): log in to the registry in an earlier step (helm registry login) and give the reference without them',
        'oci://ghcr.io/acme/charts/todo',
      );
    if (!/^oci:\/\/[^\s/]+\/\S+$/.test(text))
      throw new InputError(input, `'${text}' is not an OCI chart reference`, 'oci://ghcr.io/acme/charts/todo');
    return { kind: 'oci', value: text, shown: text };
  }
  const full = resolve(cwd, text);
  const looksLikePath = text === '.' || /^(\.{1,2}\/|\/)/.test(text) || text.endsWith('.tgz') || existsSync(full);
  if (!looksLikePath) {
    if (!REPO_CHART.test(text)) {
      throw new InputError(input, `'${text}' is neither a chart folder, a .tgz, a repo/chart name nor an oci:// reference`, './chart');
    }
    return { kind: 'repo', value: text, shown: text };
  }
  if (!existsSync(full)) throw new InputError(input, `chart path '${text}' does not exist`, './chart');
  if (statSync(full).isDirectory()) {
    if (!existsSync(join(full, 'Chart.yaml'))) throw new InputError(input, `chart folder '${text}' has no Chart.yaml`, './chart');
  } else if (!text.endsWith('.tgz')) {
    throw new InputError(input, `chart path '${text}' is a file but not a packaged chart (.tgz)`, './chart');
  }
  return { kind: 'path', value: full, shown: text };
}
