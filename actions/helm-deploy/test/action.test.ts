import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { repoRoot, runAction } from '@todo-deploy/harness';

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

  it('writes the kubeconfig 0600 under RUNNER_TEMP, masks its token, and the post step removes it', async () => {
    const kept = await runAction('helm-deploy', {
      inputs: { release: 'todo', namespace: 'staging', chart, kubeconfig },
      env: noTools,
      post: false,
    });
    expect(kept.exitCode).toBe(1);
    expect(kept.annotations.find((a) => a.level === 'error')?.message).toBe(
      'helm is not on PATH: install it in an earlier step or set the helm-version input',
    );
    const temp = join(kept.workDir, 'temp');
    const [dir] = readdirSync(temp).filter((name) => name.startsWith('helm-deploy-'));
    const file = join(temp, dir ?? '', 'kubeconfig');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(kept.masks).toContain(token);

    const cleaned = await runAction('helm-deploy', { inputs: { release: 'todo', namespace: 'staging', chart, kubeconfig }, env: noTools });
    expect(cleaned.post?.exitCode).toBe(0);
    expect(readdirSync(join(cleaned.workDir, 'temp')).filter((name) => name.startsWith('helm-deploy-'))).toEqual([]);
    expect(cleaned.everything).not.toContain(token);
  });
});
