import { describe, expect, it } from '@jest/globals';
import { repoRoot, runAction } from '@todo-deploy/harness';
import { MARKER, forgedCommands } from '@todo-deploy/testkit';

const backend = `backend=${repoRoot()}/actions/build-images/test/fixtures/backend`;

describe('build-images bundle, before any build', () => {
  it('fails a bad input naming it, before buildah is asked', async () => {
    const run = await runAction('build-images', {
      inputs: { services: backend, registry: 'https://ghcr.io' },
      context: { GITHUB_SHA: 'a'.repeat(40) },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      "Input 'registry': 'https://ghcr.io' has a scheme: give the host (and port) only. Example of an accepted value: ghcr.io",
    );
    expect(run.outputs).toEqual({});
  });

  it('says so when buildah is missing', async () => {
    const run = await runAction('build-images', {
      inputs: { services: backend, registry: 'ghcr.io' },
      env: { PATH: '/nonexistent' },
      context: { GITHUB_SHA: 'a'.repeat(40), GITHUB_REPOSITORY: 'octo/todo' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      "buildah is not on PATH: GitHub's Ubuntu runners have it; elsewhere install it (apt-get install buildah)",
    );
    expect(run.post?.exitCode).toBe(0);
  });

  it('refuses a user name with a line break, which it would print, before logging in', async () => {
    const run = await runAction('build-images', {
      inputs: { services: backend, registry: 'ghcr.io', username: `bob\n::set-output name=images::${MARKER}`, password: 'pw-123456' },
      env: { PATH: '/nonexistent' },
      context: { GITHUB_SHA: 'a'.repeat(40), GITHUB_REPOSITORY: 'octo/todo' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.message).toBe(
      "Input 'username': the user name holds a line break, a control character or workflow-command text. Example of an accepted value: octocat",
    );
    expect(forgedCommands(run.commands)).toEqual([]);
    expect(run.outputs).toEqual({});
  });
});
