// Runs every benchmark under bench/ (or those named on the command line) one after another.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runProcess } from '@todo-deploy/process';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here).filter((f) => f.endsWith('.ts') && !['run.ts', 'stats.ts', 'todo-on-lab.ts'].includes(f));
const chosen = wanted.length > 0 ? all.filter((f) => wanted.some((w) => f.includes(w))) : all;
let failed = 0;
for (const file of chosen) {
  console.log(`\n## ${file}`);
  const result = await runProcess([process.execPath, '--import', 'tsx', join(here, file)], { stream: true });
  if (result.exitCode !== 0) failed += 1;
}
process.exitCode = failed > 0 ? 1 : 0;
