import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { runChecked, runProcess } from '@todo-deploy/process';
import { parseActLog, type ActJob } from './act-log.js';
import { nodeBinary } from './node-runtime.js';

export interface WorkflowRunOptions {
  /** The act binary. */
  act: string;
  /** The repository the workflow runs in (a git checkout: act reads github.repository from its origin). */
  repo: string;
  /** The workflow file, relative to repo. */
  workflow: string;
  event: 'push' | 'release' | 'workflow_dispatch';
  payload: Record<string, unknown>;
  /** `owner/repo@ref` -> local folder, for every remote action or reusable workflow the run uses. */
  localRepositories: Record<string, string>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Environment every step sees beside PATH and HOME (act's host mode hands its own environment to each step). */
  env?: Record<string, string>;
  /** Directories put in front of PATH (after Node 24). */
  path?: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each line act prints (its JSON log). */
  onLine?: (line: string) => void;
}

export interface WorkflowRun {
  exitCode: number | null;
  jobs: Record<string, ActJob>;
  /** act's lines that belong to no job (its own errors). */
  other: string[];
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Runs one workflow with nektos/act in host mode (`-P ubuntu-24.04=-self-hosted`), offline:
 * remote actions and reusable workflows come from local folders (--local-repository), no
 * cache server, no version check, no ./.env, ./.input or ~/.actrc (an empty HOME and empty
 * files). Node 24 is first on PATH (act runs JavaScript actions with the node it finds).
 * KUBECONFIG and the caller's other variables do not reach the steps: only `env` and PATH do.
 * act does not apply `types:`/`branches:` filters, `environment:`, `concurrency:` or
 * `permissions:`; those are checked statically (actionlint, zizmor).
 */
export async function runWorkflow(o: WorkflowRunOptions): Promise<WorkflowRun> {
  const work = mkdtempSync(join(tmpdir(), 'act-'));
  chmodSync(work, 0o700);
  const home = join(work, 'home');
  mkdirSync(home);
  const empty = join(work, 'empty');
  writeFileSync(empty, '');
  const eventFile = join(work, 'event.json');
  writeFileSync(eventFile, JSON.stringify(o.payload));
  // .yml: act reads it as YAML, so a multi-line secret (a kubeconfig) stays whole
  const secretFile = join(work, 'secrets.yml');
  writeFileSync(secretFile, stringify(o.secrets ?? {}), { mode: 0o600 });
  const argv = [
    o.act,
    o.event,
    '--workflows',
    o.workflow,
    '--eventpath',
    eventFile,
    '--platform',
    'ubuntu-24.04=-self-hosted',
    '--action-offline-mode',
    '--no-cache-server',
    '--action-cache-path',
    join(work, 'action-cache'),
    '--env-file',
    empty,
    '--input-file',
    empty,
    '--var-file',
    empty,
    '--secret-file',
    secretFile,
    '--json',
    ...Object.entries(o.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}=${v}`]),
    ...Object.entries(o.localRepositories).flatMap(([k, v]) => ['--local-repository', `${k}=${v}`]),
  ];
  const path = [dirname(nodeBinary()), ...(o.path ?? []), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  const started = Date.now();
  const result = await runProcess(argv, {
    cwd: o.repo,
    env: { PATH: path.join(':'), HOME: home, LANG: 'C.UTF-8', ACT_DISABLE_VERSION_CHECK: '1', TMPDIR: tmpdir(), ...o.env },
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const { jobs, other } = parseActLog(result.stdout);
  return {
    exitCode: result.exitCode,
    jobs,
    other: [...other, ...result.stderr.split('\n').filter(Boolean)],
    stdout: result.stdout,
    stderr: result.stderr,
    durationMs: Date.now() - started,
  };
}

/** Makes `dir` a one-commit git repository of `files` (copied from their folders) with an origin on github.com; resolves with the commit SHA. */
export async function commitRepository(
  dir: string,
  origin: string,
  copy: Record<string, string>,
  message: string,
  prepare?: (dir: string) => void,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  for (const [from, to] of Object.entries(copy)) cpSync(from, join(dir, to), { recursive: true });
  prepare?.(dir);
  const git = (args: string[]) =>
    runChecked(['git', '-C', dir, ...args], {
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'octo-dev',
        GIT_AUTHOR_EMAIL: 'octo-dev@example.test',
        GIT_COMMITTER_NAME: 'octo-dev',
        GIT_COMMITTER_EMAIL: 'octo-dev@example.test',
      },
    });
  await git(['init', '-q', '-b', 'main']);
  await git(['remote', 'add', 'origin', origin]);
  await git(['add', '-A']);
  await git(['commit', '-q', '-m', message]);
  return (await git(['rev-parse', 'HEAD'])).stdout.trim();
}
