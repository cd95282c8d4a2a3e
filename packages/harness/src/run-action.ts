import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readActionMetadata, type ActionMetadata } from './action-metadata.js';
import { nodeBinary } from './node-runtime.js';
import { repoRoot } from './repo.js';
import { annotationsOf, masksOf, readCommands, valuesOf, type Annotation, type WorkflowCommand } from './commands.js';
import { parseKeyValueFile } from './runner-files.js';

export interface RunActionOptions {
  /** Inputs by their action.yml name; unset inputs take action.yml defaults, as on the runner. */
  inputs?: Record<string, string>;
  /** Extra environment (KUBECONFIG, PATH, ...). */
  env?: Record<string, string>;
  /** Run the post step after main when action.yml declares one (default true). */
  post?: boolean;
  /** Kill main after this long (SIGKILL); the run then reports signal SIGKILL. */
  timeoutMs?: number;
  /** GITHUB_* context overrides (GITHUB_REF, GITHUB_SHA, GITHUB_EVENT_NAME, ...). */
  context?: Record<string, string>;
  /** Reuse this work directory (RUNNER_TEMP etc. live under it). */
  workDir?: string;
  /** The folder holding action.yml, when it is not <repo>/<action> (test fixtures). */
  actionDir?: string;
}

export interface StepRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Every workflow command the runner would honour in this step's output (stdout and stderr). */
  commands: WorkflowCommand[];
  annotations: Annotation[];
  masks: string[];
}

export interface ActionRun extends StepRun {
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  env: Record<string, string>;
  post?: StepRun;
  workDir: string;
  /** Everything the action printed or wrote (less ::add-mask:: commands), for secret scans. */
  everything: string;
}

/** ::add-mask:: lines are consumed by the runner and never shown; a secret scan skips them. */
const ADD_MASK = /^::add-mask::.*$/gm;

const STRIPPED = /^(INPUT_|STATE_|GITHUB_|RUNNER_)/;

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!STRIPPED.test(key) && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return env;
}

/** The INPUT_* variables the runner would set, with defaults; unknown names are a test bug. */
export function inputEnvironment(meta: ActionMetadata, inputs: Record<string, string>): Record<string, string> {
  const unknown = Object.keys(inputs).filter((name) => !(name in meta.inputs));
  if (unknown.length > 0) throw new Error(`runAction: ${meta.name} declares no input ${unknown.join(', ')}`);
  const env: Record<string, string> = {};
  for (const [name, spec] of Object.entries(meta.inputs)) {
    const value = inputs[name] ?? spec.default;
    if (value !== undefined) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

function runStep(binary: string, script: string, env: NodeJS.ProcessEnv, cwd: string, timeoutMs?: number) {
  const child = spawn(binary, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<StepRun>((resolveStep, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = timeoutMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      const commands = [...readCommands(stdout), ...readCommands(stderr)];
      resolveStep({ exitCode, signal, stdout, stderr, commands, annotations: annotationsOf(commands), masks: masksOf(commands) });
    });
  });
  return { child, done };
}

/**
 * Starts a bundled action as the runner does (`node dist/<name>/index.js`, INPUT_*
 * variables, fresh runner files) and returns the child, so a test can signal it, plus a
 * promise of the whole run, post step included.
 */
export function startAction(action: string, options: RunActionOptions = {}): { child: ChildProcess; result: Promise<ActionRun> } {
  const root = repoRoot();
  const actionDir = options.actionDir ?? join(root, action);
  const meta = readActionMetadata('.', actionDir);
  const work = options.workDir ?? mkdtempSync(join(tmpdir(), `run-${action}-`));
  const files = {
    output: join(work, 'github_output'),
    summary: join(work, 'step_summary.md'),
    state: join(work, 'github_state'),
    env: join(work, 'github_env'),
    path: join(work, 'github_path'),
    event: join(work, 'event.json'),
  };
  for (const dir of ['temp', 'workspace', 'tool-cache']) mkdirSync(join(work, dir), { recursive: true });
  for (const file of Object.values(files)) writeFileSync(file, file === files.event ? '{}' : '');
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: action.replace(/-/g, '_'),
    GITHUB_ACTION_PATH: actionDir,
    GITHUB_ACTION_REPOSITORY: 'todo-deploy/todo-deploy',
    GITHUB_ACTOR: 'octocat',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_JOB: 'test',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REPOSITORY: 'octo/hackathon-todo',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_ID: '1000',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_WORKFLOW: 'test',
    GITHUB_WORKSPACE: join(work, 'workspace'),
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'todo-deploy-harness',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: join(work, 'temp'),
    RUNNER_TOOL_CACHE: join(work, 'tool-cache'),
    ...options.context,
    ...options.env,
    ...inputEnvironment(meta, options.inputs ?? {}),
  };
  const binary = nodeBinary();
  const main = runStep(binary, resolve(actionDir, meta.runs.main), env, env.GITHUB_WORKSPACE as string, options.timeoutMs);
  const result = (async (): Promise<ActionRun> => {
    const step = await main.done;
    // the runner applies stdout commands as they come and the files when the step ends
    const state = { ...valuesOf(step.commands, 'save-state'), ...parseKeyValueFile(readFileSync(files.state, 'utf8')) };
    let post: StepRun | undefined;
    if (meta.runs.post && options.post !== false) {
      const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
      post = await runStep(binary, resolve(actionDir, meta.runs.post), { ...env, ...stateEnv }, env.GITHUB_WORKSPACE as string).done;
    }
    const outputsText = readFileSync(files.output, 'utf8');
    const written = parseKeyValueFile(outputsText);
    // what the action itself writes must be in its contract: a workflow cannot read anything else
    const undeclared = Object.keys(written).filter((name) => !(name in meta.outputs));
    if (undeclared.length > 0)
      throw new Error(`runAction: ${meta.name} wrote outputs its action.yml does not declare: ${undeclared.join(', ')}`);
    const summary = readFileSync(files.summary, 'utf8');
    return {
      ...step,
      outputs: { ...valuesOf(step.commands, 'set-output'), ...written },
      summary,
      state,
      env: parseKeyValueFile(readFileSync(files.env, 'utf8')),
      ...(post ? { post } : {}),
      workDir: work,
      everything: [step.stdout, step.stderr, outputsText, summary, post?.stdout ?? '', post?.stderr ?? ''].join('\n').replace(ADD_MASK, ''),
    };
  })();
  return { child: main.child, result };
}

/** Runs a bundled action to the end (post step included) and returns what the runner would see. */
export function runAction(action: string, options: RunActionOptions = {}): Promise<ActionRun> {
  return startAction(action, options).result;
}
