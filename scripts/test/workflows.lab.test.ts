import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot } from '@todo-deploy/harness';
import { runProcess } from '@todo-deploy/process';
import { parse } from 'yaml';

interface Workflow {
  permissions?: unknown;
  jobs: Record<
    string,
    {
      permissions?: Record<string, string>;
      concurrency?: unknown;
      environment?: unknown;
      steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[];
      uses?: string;
      with?: Record<string, unknown>;
      secrets?: Record<string, unknown>;
    }
  >;
}
type Inputs = Record<string, { required?: boolean; default?: unknown }>;

jest.setTimeout(120_000);
const root = repoRoot();
const inFolder = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => join(dir, f));
const workflows = inFolder(join('.github', 'workflows'));
/** The example app's callers: what a user copies. */
const callers = inFolder(join('examples', 'todo-app', '.github', 'workflows'));

async function lint(tool: string | undefined, args: string[], cwd = root): Promise<{ exitCode: number | null; output: string }> {
  if (!tool) throw new Error('the lab exports no path for this linter (is it installed? npm run lab -- install)');
  const result = await runProcess([tool, ...args], { cwd });
  return { exitCode: result.exitCode, output: result.stdout + result.stderr };
}

describe('workflows', () => {
  it('has the library CI and the three reusable workflows, and the example app its two callers', () => {
    expect(workflows.sort()).toEqual([
      '.github/workflows/build.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/deploy.yml',
      '.github/workflows/promote.yml',
    ]);
    expect(callers.sort()).toEqual(['examples/todo-app/.github/workflows/main.yml', 'examples/todo-app/.github/workflows/release.yml']);
  });

  // act ignores these keys, so they are checked here rather than by the pipeline test
  it('declares permissions: {} at the top, least privilege per job, one deploy per environment without cancelling, and pins third-party actions by SHA', () => {
    for (const file of [...workflows, ...callers].filter((f) => !f.endsWith('ci.yml'))) {
      const doc = parse(readFileSync(join(root, file), 'utf8')) as Workflow;
      expect({ file, top: doc.permissions }).toEqual({ file, top: {} });
      for (const [name, job] of Object.entries(doc.jobs)) {
        expect({ file, name, permissions: typeof job.permissions }).toEqual({ file, name, permissions: 'object' });
        expect({ file, name, write: Object.entries(job.permissions ?? {}).filter(([k, v]) => v === 'write' && k !== 'packages') }).toEqual({
          file,
          name,
          write: [],
        });
        for (const step of job.steps ?? []) {
          if (!step.uses || step.uses.startsWith('octo-org/todo-deploy/')) continue;
          expect({ file, uses: step.uses }).toEqual({ file, uses: expect.stringMatching(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/) as unknown });
        }
      }
    }
    const deploy = (parse(readFileSync(join(root, '.github/workflows/deploy.yml'), 'utf8')) as Workflow).jobs.deploy;
    expect(deploy?.concurrency).toEqual({ group: 'deploy-${{ inputs.environment }}', 'cancel-in-progress': false });
    expect(deploy?.environment).toEqual(expect.objectContaining({ name: '${{ inputs.environment }}' }));
  });

  // actionlint cannot read a remote action's action.yml (octo-org/todo-deploy/<name>@v1), so the inputs given to ours are checked here
  it('gives our actions and reusable workflows only the inputs and secrets they declare, and every required one', () => {
    const problems: string[] = [];
    for (const file of [...workflows, ...callers]) {
      const doc = parse(readFileSync(join(root, file), 'utf8')) as Workflow;
      for (const [name, job] of Object.entries(doc.jobs)) {
        const calls: { uses: string; with?: Record<string, unknown>; secrets?: Record<string, unknown> }[] = [
          ...(job.steps ?? []).filter((s): s is { uses: string; with?: Record<string, unknown> } => Boolean(s.uses)),
          ...(job.uses
            ? [{ uses: job.uses, ...(job.with ? { with: job.with } : {}), ...(job.secrets ? { secrets: job.secrets } : {}) }]
            : []),
        ];
        for (const call of calls) {
          const own = /^octo-org\/todo-deploy\/(.+)@v1$/.exec(call.uses)?.[1];
          if (!own) continue;
          const declared = own.startsWith('.github/workflows/')
            ? (parse(readFileSync(join(root, own), 'utf8')) as { on: { workflow_call: { inputs?: Inputs; secrets?: Inputs } } }).on
                .workflow_call
            : { inputs: (parse(readFileSync(join(root, own, 'action.yml'), 'utf8')) as { inputs?: Inputs }).inputs, secrets: {} };
          const given = Object.keys(call.with ?? {});
          for (const key of given) if (!(key in (declared.inputs ?? {}))) problems.push(`${file} ${name}: ${own} has no input ${key}`);
          for (const [key, spec] of Object.entries(declared.inputs ?? {}))
            if (spec.required && spec.default === undefined && !given.includes(key))
              problems.push(`${file} ${name}: ${own} needs input ${key}`);
          for (const key of Object.keys(call.secrets ?? {}))
            if (!(key in (declared.secrets ?? {}))) problems.push(`${file} ${name}: ${own} has no secret ${key}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('never puts event or input text into a run: script (it goes through env:)', () => {
    for (const file of [...workflows, ...callers]) {
      const doc = parse(readFileSync(join(root, file), 'utf8')) as Workflow;
      for (const job of Object.values(doc.jobs))
        for (const step of job.steps ?? []) if (step.run) expect({ file, run: step.run.includes('${{') }).toEqual({ file, run: false });
    }
  });

  it('pass actionlint (expressions, contexts, job outputs and needs, the workflow_call interface of local files)', async () => {
    const result = await lint(process.env.LAB_ACTIONLINT, ['-no-color', ...workflows, ...callers]);
    expect(result.output).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('pass zizmor (template injection, credentials left in checkouts, excessive permissions)', async () => {
    const result = await lint(process.env.LAB_ZIZMOR, ['--offline', '--no-progress', ...workflows, ...callers]);
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
