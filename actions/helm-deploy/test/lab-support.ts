import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from '@jest/globals';
import { parse, stringify } from 'yaml';
import { repoRoot, runAction, startAction, type ActionRun, type RunActionOptions } from '@todo-deploy/harness';
import { createTestNamespace, deleteNamespace, helm, kubectl, labEnv } from '@todo-deploy/lab';

export const MAJORS = [3, 4] as const;
export type Major = (typeof MAJORS)[number];
export const fixtureChart = join(repoRoot(), 'actions/helm-deploy/test/fixtures/chart');
export const fixtureValues = (name: string): string => join(repoRoot(), 'actions/helm-deploy/test/fixtures/values', name);

/** PATH with the wanted helm first (both lab binaries are called helm), then the lab's tools. */
export async function pathFor(major: Major): Promise<string> {
  const lab = await labEnv();
  return `${dirname(major === 3 ? lab.helm3 : lab.helm4)}:${lab.binDir}:${process.env.PATH ?? ''}`;
}

export async function deployOptions(major: Major, inputs: Record<string, string>, extra: RunActionOptions = {}): Promise<RunActionOptions> {
  const lab = await labEnv();
  return {
    ...extra,
    inputs: { chart: fixtureChart, timeout: '2m', ...inputs },
    env: { KUBECONFIG: lab.kubeconfig, PATH: await pathFor(major), ...extra.env },
  };
}

/** Runs the bundled action with helm `major` on the lab. */
export async function deploy(major: Major, inputs: Record<string, string>, extra: RunActionOptions = {}): Promise<ActionRun> {
  return runAction('helm-deploy', await deployOptions(major, inputs, extra));
}

export async function startDeploy(major: Major, inputs: Record<string, string>, extra: RunActionOptions = {}) {
  return startAction('helm-deploy', await deployOptions(major, inputs, extra));
}

export interface Revision {
  revision: number;
  status: string;
  description: string;
}

export async function history(major: Major, release: string, namespace: string): Promise<Revision[]> {
  const result = await helm(major, ['history', release, '-n', namespace, '-o', 'json']);
  if (result.exitCode !== 0) return [];
  return JSON.parse(result.stdout) as Revision[];
}

export async function image(namespace: string, deployment: string): Promise<string> {
  const result = await kubectl([
    'get',
    'deployment',
    deployment,
    '-n',
    namespace,
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image}',
  ]);
  return result.exitCode === 0 ? result.stdout : '';
}

export async function namespaceExists(namespace: string): Promise<boolean> {
  return (await kubectl(['get', 'namespace', namespace])).exitCode === 0;
}

/**
 * The lab's kubeconfig as a CI secret holds it: certificates and key embedded (-data fields)
 * instead of file paths, so the secret scan has credentials to look for.
 */
export async function labKubeconfig(): Promise<string> {
  const config = parse(readFileSync((await labEnv()).kubeconfig, 'utf8')) as {
    clusters: Array<{ cluster: Record<string, string> }>;
    users: Array<{ user: Record<string, string> }>;
  };
  const embed = (entry: Record<string, string>, field: string) => {
    const path = entry[field];
    if (path === undefined) return;
    entry[`${field}-data`] = readFileSync(path).toString('base64');
    delete entry[field];
  };
  for (const { cluster } of config.clusters) embed(cluster, 'certificate-authority');
  for (const { user } of config.users) {
    embed(user, 'client-certificate');
    embed(user, 'client-key');
  }
  return stringify(config);
}

export function errorOf(run: ActionRun): string {
  return run.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');
}

/** Fails with the action's log when it did not exit as expected. */
export function expectExit(run: ActionRun, code: number): void {
  if (run.exitCode !== code)
    throw new Error(`helm-deploy exited ${run.exitCode} (${run.signal ?? 'no signal'}), expected ${code}:\n${run.stdout}\n${run.stderr}`);
  expect(run.exitCode).toBe(code);
}

/** Namespaces made for a test file, removed after it. */
export class Namespaces {
  private readonly made: string[] = [];
  async make(prefix: string): Promise<string> {
    const name = await createTestNamespace(prefix);
    this.made.push(name);
    return name;
  }
  /** A name for a namespace that the action itself should create (or not). */
  reserve(name: string): string {
    this.made.push(name);
    return name;
  }
  async cleanup(): Promise<void> {
    await Promise.all(this.made.map((name) => deleteNamespace(name)));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until check returns a value (or throws after timeoutMs). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(300);
  }
}

/** Whether a process runs (one that ended but was not reaped yet, a zombie, does not count). */
export function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
