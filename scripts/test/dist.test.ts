import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';

jest.setTimeout(600_000);
const run = promisify(execFile);
const root = repoRoot();

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('dist/', () => {
  it('is exactly what npm run build makes from the committed sources', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-'));
    await run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'build.ts'), '--out', out, '--no-readme'], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    const built = files(out)
      .map((f) => relative(out, f))
      .sort();
    const committed = files(join(root, 'dist'))
      .map((f) => relative(join(root, 'dist'), f))
      .sort();
    expect(committed).toEqual(built);
    const stale = built.filter((f) => !readFileSync(join(out, f)).equals(readFileSync(join(root, 'dist', f))));
    expect(stale).toEqual([]);
    for (const action of readdirSync(out)) {
      expect(JSON.parse(readFileSync(join(out, action, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
    }
  });
});
