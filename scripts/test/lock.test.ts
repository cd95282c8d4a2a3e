import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';
import { runProcess } from '@todo-deploy/process';

// CI installs with `npm ci`, which refuses a lock that does not match package.json. These runs
// check the committed manifests the same way (npm ci --dry-run: the check, no download).
jest.setTimeout(120_000);
const root = repoRoot();

/** The manifests of the workspace (root and packages/*) in a folder of their own. */
function manifests(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lock-'));
  const files = ['package.json', 'package-lock.json'];
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
  for (const path of Object.keys(lock.packages)) if (path.startsWith('packages/')) files.push(join(path, 'package.json'));
  for (const file of files) cpSync(join(root, file), join(dir, file));
  return dir;
}

const npmCi = (cwd: string) =>
  runProcess(['npm', 'ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd, timeoutMs: 100_000 });

describe('the committed lock', () => {
  it('is what npm ci installs from, complete for every platform', async () => {
    const result = await npmCi(manifests());
    expect({ exitCode: result.exitCode, stderr: result.exitCode === 0 ? '' : result.stderr }).toEqual({ exitCode: 0, stderr: '' });
  });

  it('stops npm ci when a dependency version in package.json changes without the lock', async () => {
    const dir = manifests();
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    pkg.dependencies.semver = pkg.dependencies.semver === '7.8.5' ? '7.8.4' : '7.8.5';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    const result = await npmCi(dir);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/package\.json and package-lock\.json[^\n]*in sync/);
  });
});
