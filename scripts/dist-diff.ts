import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Every difference between a fresh build and the committed dist/: missing, extra and stale files, wrong package.json. */
export function distProblems(built: string, committed: string): string[] {
  const made = new Set(files(built).map((f) => relative(built, f)));
  const kept = new Set(files(committed).map((f) => relative(committed, f)));
  const problems = [
    ...[...made].filter((f) => !kept.has(f)).map((f) => `missing from dist/: ${f}`),
    ...[...kept].filter((f) => !made.has(f)).map((f) => `not made by the build: dist/${f}`),
    ...[...made]
      .filter((f) => kept.has(f) && !readFileSync(join(built, f)).equals(readFileSync(join(committed, f))))
      .map((f) => `stale: dist/${f}`),
  ];
  for (const action of readdirSync(built)) {
    const text = readFileSync(join(built, action, 'package.json'), 'utf8');
    if (JSON.stringify(JSON.parse(text)) !== JSON.stringify({ type: 'module' }))
      problems.push(`dist/${action}/package.json is not {"type":"module"}`);
  }
  return problems;
}
