import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot, runAction } from '@todo-deploy/harness';
import { createPrivateFolder } from '@todo-deploy/runtime';
import { clusterAccess } from '../src/access.js';
import type { DeployInputs } from '../src/inputs.js';

jest.setTimeout(60_000);

const token = 'kubeconfig-token-0f9e8d7c6b5a';
const kubeconfig = [
  'apiVersion: v1',
  'kind: Config',
  'clusters: [{name: lab, cluster: {server: "https://127.0.0.1:1"}}]',
  'contexts: [{name: lab, context: {cluster: lab, user: admin}}]',
  `users: [{name: admin, user: {token: ${token}}}]`,
  'current-context: lab',
].join('\n');
// No helm and no kubectl: these runs must end before either is needed.
const noTools = { PATH: '/nonexistent' };
const chart = join(repoRoot(), 'actions/helm-deploy/test/fixtures/chart');

describe('helm-deploy bundle without a cluster', () => {
  it('fails a bad input before doing anything, with the input named', async () => {
    const run = await runAction('helm-deploy', { inputs: { release: 'Bad_Name', namespace: 'staging' }, env: noTools });
    expect(run.exitCode).toBe(1);
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([
      "Input 'release': 'Bad_Name' is not a valid name: use lower-case letters, digits and '-', starting and ending with a letter or digit. Example of an accepted value: todo",
    ]);
    expect(run.post?.exitCode).toBe(0);
    expect(run.outputs).toEqual({ status: 'failed', 'rolled-back': 'false' });
  });

  it('writes the kubeconfig 0600 into its private folder, masks its token, and removes the folder when main ends', async () => {
    const folder = createPrivateFolder('helm-deploy', { RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'runner-temp-')) });
    const access = clusterAccess({ kubeconfig: { text: kubeconfig, doc: {} } } as unknown as DeployInputs, folder);
    expect(access.env.KUBECONFIG).toBe(join(folder, 'kubeconfig'));
    expect(statSync(join(folder, 'kubeconfig')).mode & 0o777).toBe(0o600);
    expect(statSync(folder).mode & 0o777).toBe(0o700);

    const run = await runAction('helm-deploy', {
      inputs: { release: 'todo', namespace: 'staging', chart, kubeconfig },
      env: noTools,
      post: false,
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      'helm is not on PATH: install it in an earlier step or set the helm-version input',
    );
    expect(run.masks).toContain(token);
    // gone before the post step: later steps of the job never see the kubeconfig
    expect(readdirSync(join(run.workDir, 'temp')).filter((name) => name.startsWith('helm-deploy-'))).toEqual([]);
    expect(run.everything).not.toContain(token);
  });
});

describe('helm-deploy post step with state it did not write', () => {
  it('acts on nothing of the wrong shape: a forged folder, proxy or helm binary is ignored and said so', async () => {
    const { mkdirSync, existsSync, writeFileSync } = await import('node:fs');
    const { runProcess } = await import('@todo-deploy/process');
    const { nodeBinary } = await import('@todo-deploy/harness');
    const victim = mkdtempSync(join(tmpdir(), 'victim-'));
    writeFileSync(join(victim, 'keep'), 'x');
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
    mkdirSync(join(runnerTemp, 'helm-deploy-abc123'));
    const post = await runProcess([nodeBinary(), join(repoRoot(), 'dist/helm-deploy/index.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        RUNNER_TEMP: runnerTemp,
        STATE_isPost: 'true',
        STATE_folder: victim,
        STATE_proxyFolder: `${runnerTemp}/helm-deploy-abc123/../..`,
        STATE_proxyPid: String(process.pid),
        STATE_release: 'todo',
        STATE_namespace: 'staging',
        STATE_phase: 'deploying\n::set-output name=status::deployed',
        STATE_helmBinary: '/bin/sh',
      },
      timeoutMs: 30_000,
    });
    expect(post.exitCode).toBe(0);
    expect(existsSync(join(victim, 'keep'))).toBe(true);
    for (const name of ['folder', 'proxyFolder', 'phase'])
      expect(post.stdout).toContain(`Ignored the state value ${name}: not a value this action writes`);
    // the forged phase made it neither settle nor run the forged helm binary
    expect(post.stdout).not.toContain('did not finish; settling');
  });
});
