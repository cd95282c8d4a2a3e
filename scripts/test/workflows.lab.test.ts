import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';
import { runProcess } from '@todo-deploy/process';

jest.setTimeout(120_000);
const root = repoRoot();
const workflows = readdirSync(join(root, '.github', 'workflows'))
  .filter((f) => f.endsWith('.yml'))
  .map((f) => join('.github', 'workflows', f));

async function lint(tool: string | undefined, args: string[], cwd = root): Promise<{ exitCode: number | null; output: string }> {
  if (!tool) throw new Error('the lab exports no path for this linter (is it installed? npm run lab -- install)');
  const result = await runProcess([tool, ...args], { cwd });
  return { exitCode: result.exitCode, output: result.stdout + result.stderr };
}

describe('workflows', () => {
  it('has the library CI and the two pipelines', () => {
    expect(workflows.sort()).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/deploy-production.yml',
      '.github/workflows/deploy-staging.yml',
    ]);
  });

  it('pass actionlint, which also checks the inputs given to the local actions against their action.yml', async () => {
    const result = await lint(process.env.LAB_ACTIONLINT, ['-no-color', ...workflows]);
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('pass zizmor (template injection, credentials left in checkouts, excessive permissions)', async () => {
    const result = await lint(process.env.LAB_ZIZMOR, ['--offline', '--no-progress', ...workflows]);
    expect(result.output).toMatch(/No findings to report/);
    expect(result.exitCode).toBe(0);
  });

  it('lets actionlint find a wrong input, so the check above can fail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wf-'));
    cpSync(join(root, 'smoke-test'), join(dir, 'smoke-test'), { recursive: true });
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github', 'workflows', 'bad.yml'),
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: ./smoke-test\n        with:\n          url: https://x\n',
    );
    await runProcess(['git', 'init', '-q', dir]); // actionlint finds the project, and so ./smoke-test, through git
    const result = await lint(process.env.LAB_ACTIONLINT, ['-no-color', join('.github', 'workflows', 'bad.yml')], dir);
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/missing input "urls"|input "url" is not defined/);
  });
});
