import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { distProblems } from '../dist-diff.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dist-diff-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const good = { 'a/index.js': 'x', 'a/package.json': '{"type":"module"}', 'a/licenses.txt': 'MIT' };

describe('distProblems (the check-dist step)', () => {
  it('is empty when the committed dist is byte for byte the build', () => {
    expect(distProblems(tree(good), tree(good))).toEqual([]);
  });

  it('names stale, missing and extra files and a package.json without type module', () => {
    const built = tree({ ...good, 'a/chunk.js': 'new', 'b/index.js': 'y', 'b/package.json': '{}' });
    const committed = tree({ ...good, 'a/index.js': 'old', 'a/gone.js': 'z', 'b/index.js': 'y', 'b/package.json': '{}' });
    expect(distProblems(built, committed).sort()).toEqual(
      [
        'missing from dist/: a/chunk.js',
        'not made by the build: dist/a/gone.js',
        'stale: dist/a/index.js',
        'dist/b/package.json is not {"type":"module"}',
      ].sort(),
    );
  });
});
