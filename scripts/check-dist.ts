// Checks that the committed dist/ is exactly what `npm run build` makes from the committed
// sources (what check-dist workflows do): builds into a temporary folder and compares every
// file. Exits 1 naming each stale, missing or extra file. Usage: tsx scripts/check-dist.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@todo-deploy/harness';
import { runChecked } from '@todo-deploy/process';
import { distProblems } from './dist-diff.js';

const root = repoRoot();
const out = mkdtempSync(join(tmpdir(), 'dist-'));
try {
  await runChecked([process.execPath, '--import', 'tsx', join(root, 'scripts', 'build.ts'), '--out', out, '--no-readme'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const problems = distProblems(out, join(root, 'dist'));
  if (problems.length > 0) {
    process.stderr.write(
      `dist/ does not match the sources: run npm run build and commit dist/\n${problems.map((p) => `  ${p}`).join('\n')}\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write('dist/ matches the sources\n');
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
