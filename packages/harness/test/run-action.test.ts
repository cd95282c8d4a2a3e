import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { runAction } from '../src/index.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'state-action');

describe('runAction', () => {
  it('runs main then post under Node 24 with runner files and state', async () => {
    const run = await runAction('state-action', { actionDir: fixture, inputs: { greeting: 'hello' } });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^node=24\./m);
    expect(run.stdout).toContain('temp=true');
    expect(run.outputs).toEqual({ said: 'hello\nworld' });
    expect(run.summary).toBe('### hello\n');
    expect(run.state).toEqual({ cleanup: '/tmp/x' });
    expect(run.annotations).toEqual([{ level: 'warning', message: 'spaced=spaced', properties: { title: 'Careful' } }]);
    expect(run.post?.stdout).toBe('post sees /tmp/x\n');
  });

  it('refuses a run that writes an output action.yml does not declare', async () => {
    await expect(runAction('state-action', { actionDir: fixture, inputs: { greeting: 'undeclared' } })).rejects.toThrow(
      'runAction: state fixture wrote outputs its action.yml does not declare: not-in-action-yml',
    );
  });

  it('reports the exit code and can skip the post step', async () => {
    const run = await runAction('state-action', { actionDir: fixture, inputs: { greeting: 'fail' }, post: false });
    expect(run.exitCode).toBe(1);
    expect(run.post).toBeUndefined();
  });

  it('refuses an input the action does not declare', () => {
    expect(() => runAction('state-action', { actionDir: fixture, inputs: { greting: 'typo' } })).toThrow('declares no input greting');
  });
});
