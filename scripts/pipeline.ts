// The pipeline tier: the example app repository (examples/todo-app) with its caller
// workflows, run by nektos/act in host mode against the lab, with this working tree as
// octo-org/todo-deploy@v1 (its actions, dist/, chart/ and reusable workflows, as a release
// of todo-deploy holds them). Used by the pipeline tests, the benchmark and the demo.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { commitRepository, repoRoot, runWorkflow, type WorkflowRun, type WorkflowRunOptions } from '@todo-deploy/harness';
import { runChecked } from '@todo-deploy/process';
import { ACME_ISSUER_PREFIX, buildahEnv, kubectl, labEnv, labTools, REAL_NODE_SCHEDULING, type LabEnv } from '@todo-deploy/lab';

export const TODO_DEPLOY = 'octo-org/todo-deploy@v1';
export const APP_ORIGIN = 'https://github.com/octo-org/hackathon-todo.git';
export const OWNER = 'octo-org';
export const SERVICES = ['frontend', 'backend', 'mcp', 'notification', 'sse-gateway'] as const;
/** What a release of todo-deploy holds (a tag's tree): the action folders, their bundles, the chart and the reusable workflows. */
const RELEASED = ['action.yml', 'build-images', 'helm-deploy', 'smoke-test', 'verify-cert', 'todo-chart', 'dist', 'chart', '.github'];

/** A copy of this working tree as the todo-deploy release the workflows use (files git knows or would add; no node_modules). */
export async function todoDeploySnapshot(into: string): Promise<string> {
  const root = repoRoot();
  const listed = await runChecked(['git', '-C', root, 'ls-files', '-co', '--exclude-standard', '-z', '--', ...RELEASED]);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(root, file), join(into, file));
  }
  return into;
}

/** The app repository: examples/todo-app with the lab's demo-server in each build context, plus the lab's values file; one commit on main. */
export async function appRepository(dir: string, message = 'app: a change on main'): Promise<string> {
  const example = join(repoRoot(), 'examples', 'todo-app');
  const sha = await commitRepository(dir, APP_ORIGIN, { [example]: '.', [labTools().demoServer]: 'frontend/demo-server' }, message, (d) => {
    cpSync(join(d, 'frontend', 'demo-server'), join(d, 'backend', 'demo-server'));
    mkdirSync(join(d, 'deploy'), { recursive: true });
    writeFileSync(join(d, 'deploy', 'values-lab.yaml'), labValues());
  });
  return sha;
}

/** A further commit on main of the app repository (a line in its README); resolves with its SHA. */
export async function commitChange(repo: string, line: string): Promise<string> {
  const git = (args: string[]) =>
    runChecked(['git', '-C', repo, '-c', 'user.name=octo-dev', '-c', 'user.email=octo-dev@example.test', ...args]);
  writeFileSync(join(repo, 'CHANGES.md'), `${line}\n`, { flag: 'a' });
  await git(['add', '-A']);
  await git(['commit', '-q', '-m', line]);
  return (await git(['rev-parse', 'HEAD'])).stdout.trim();
}

/** Values for the lab: every pod on the real node, a sliver of CPU and memory each (the node is this 2-core machine). */
export function labValues(): string {
  const small = { resources: { requests: { cpu: '10m', memory: '32Mi' } } };
  return stringify({ ...REAL_NODE_SCHEDULING, services: Object.fromEntries(SERVICES.map((s) => [s, small])) });
}

/** The Secret app-secrets the chart reads, as cluster bootstrap creates it in each namespace. */
export async function ensureAppSecrets(namespace: string): Promise<void> {
  if ((await kubectl(['get', 'namespace', namespace])).exitCode !== 0) await kubectl(['create', 'namespace', namespace]);
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-secrets', namespace },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: `postgresql://todo:lab-only@postgres.${namespace}:5432/todo`,
      KAFKA_BROKERS: `kafka.${namespace}:9092`,
      KAFKA_SASL_USERNAME: 'todo',
      KAFKA_SASL_PASSWORD: 'lab-only-kafka-password',
      BETTER_AUTH_SECRET: 'lab-only-auth-secret-0123456789',
      OPENAI_API_KEY: 'sk-lab-only',
    },
  };
  const applied = await kubectl(['apply', '-f', '-'], { input: JSON.stringify(secret) });
  if (applied.exitCode !== 0) throw new Error(`could not create app-secrets in ${namespace}: ${applied.stderr}`);
}

/** Repository variables and secrets of the app, pointing at the lab (as a user sets them in the repository settings). */
export function labSettings(
  lab: LabEnv,
  domain = lab.https?.domain ?? '',
): { vars: Record<string, string>; secrets: Record<string, string> } {
  const https = lab.https;
  if (!https) throw new Error('the pipeline needs the lab HTTPS path (npm run lab -- up --https)');
  return {
    vars: {
      REGISTRY: lab.registry,
      REGISTRY_TLS_VERIFY: 'false',
      IMAGE_OWNER: OWNER,
      DOMAIN: domain,
      CLUSTER_ISSUER: https.issuer,
      EXPECTED_ISSUER: `^${ACME_ISSUER_PREFIX} `,
      VALUES_FILE: 'deploy/values-lab.yaml',
      CONNECT_ADDRESS: https.address,
      CA_CERT: readFileSync(https.acmeRootCa, 'utf8'),
    },
    secrets: {
      KUBECONFIG: readFileSync(lab.kubeconfig, 'utf8'),
      // the lab registry asks for no credentials; build-images logs in with any
      GITHUB_TOKEN: 'lab-registry-takes-any-token',
    },
  };
}

export interface PipelineRun extends WorkflowRun {
  sha: string;
}

/** Runs one of the app's workflows with act against the lab. */
export async function runAppWorkflow(
  lab: LabEnv,
  repo: string,
  sha: string,
  what: { workflow: 'main.yml' | 'release.yml'; event: 'push' | 'release'; payload: Record<string, unknown> },
  extra: Partial<WorkflowRunOptions> & { snapshot: string; domain?: string },
): Promise<PipelineRun> {
  const settings = labSettings(lab, extra.domain);
  const run = await runWorkflow({
    act: labTools().act,
    repo,
    workflow: join('.github', 'workflows', what.workflow),
    event: what.event,
    payload: what.payload,
    localRepositories: { [TODO_DEPLOY]: extra.snapshot },
    vars: { ...settings.vars, ...extra.vars },
    secrets: { ...settings.secrets, ...extra.secrets },
    env: { ...buildahEnv(lab), ...extra.env },
    path: [lab.binDir],
    timeoutMs: extra.timeoutMs ?? 15 * 60_000,
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
  return { ...run, sha };
}

type RunExtra = Parameters<typeof runAppWorkflow>[4];

/** The app's main.yml for a push of commit `sha` to main. */
export function pushToMain(lab: LabEnv, repo: string, sha: string, extra: RunExtra): Promise<PipelineRun> {
  return runAppWorkflow(lab, repo, sha, { workflow: 'main.yml', event: 'push', payload: pushEvent(sha) }, extra);
}

/** The app's release.yml for a published release `tag` of commit `sha`. */
export function publishRelease(lab: LabEnv, repo: string, sha: string, tag: string, extra: RunExtra): Promise<PipelineRun> {
  return runAppWorkflow(lab, repo, sha, { workflow: 'release.yml', event: 'release', payload: releaseEvent(tag, sha) }, extra);
}

/** The push event of a commit on main. */
export function pushEvent(sha: string): Record<string, unknown> {
  return {
    ref: 'refs/heads/main',
    before: '0'.repeat(40),
    after: sha,
    head_commit: { id: sha },
    repository: { full_name: 'octo-org/hackathon-todo', name: 'hackathon-todo', owner: { login: OWNER } },
  };
}

/** A published release of a tag. */
export function releaseEvent(tag: string, sha: string): Record<string, unknown> {
  return {
    action: 'published',
    release: { tag_name: tag, target_commitish: sha, prerelease: false, draft: false, name: tag },
    repository: { full_name: 'octo-org/hackathon-todo', name: 'hackathon-todo', owner: { login: OWNER } },
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
export { labEnv };
