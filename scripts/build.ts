// Bundles every action (actions/<name>/src/index.ts) with @vercel/ncc into <out>/<name>/
// and regenerates the input and output tables of each action's README from its action.yml
// (composite actions too: they have no bundle), and the values reference of chart/README.md
// from chart/values.schema.json.
// Usage: tsx scripts/build.ts [--out <dir>] [--no-readme] [--only <action>]
import { readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readActionMetadata, renderReadme, repoRoot } from '@todo-deploy/harness';
import { runProcess } from '@todo-deploy/process';
import { chartReadme } from './chart-readme.js';

const root = repoRoot();
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? resolve(args[outIndex + 1] ?? '') : join(root, 'dist');
const ncc = join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

export function actionNames(): string[] {
  return readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'src', 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;
if (only !== undefined && !actionNames().includes(only)) throw new Error(`--only: no action named '${only}' (${actionNames().join(', ')})`);

for (const name of actionNames().filter((n) => only === undefined || n === only)) {
  const target = join(out, name);
  rmSync(target, { recursive: true, force: true });
  const started = Date.now();
  const result = await runProcess(
    [process.execPath, ncc, 'build', join(root, 'actions', name, 'src', 'index.ts'), '-o', target, '--license', 'licenses.txt', '--quiet'],
    { cwd: root, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  if (result.exitCode !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`ncc failed for ${name} (exit ${result.exitCode})`);
  }
  process.stdout.write(`built ${name} -> ${target} in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  if (!args.includes('--no-readme')) {
    const readmePath = join(root, name, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const rendered = renderReadme(readme, readActionMetadata(name, root));
    if (rendered !== readme) writeFileSync(readmePath, rendered);
  }
}

// composite actions (an action.yml at the top level with no source under actions/) have no bundle, only their README tables
if (only === undefined && !args.includes('--no-readme')) {
  for (const name of readdirSync(root).filter((n) => existsSync(join(root, n, 'action.yml')) && !actionNames().includes(n))) {
    const readmePath = join(root, name, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const rendered = renderReadme(readme, readActionMetadata(name, root));
    if (rendered !== readme) writeFileSync(readmePath, rendered);
  }
}

if (only === undefined && !args.includes('--no-readme')) {
  const chart = chartReadme(root);
  if (chart.rendered !== chart.current) writeFileSync(chart.path, chart.rendered);
}
