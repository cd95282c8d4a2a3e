import { mkdtempSync, mkdirSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ActionState, fields, stateEnvName } from '../src/state.js';
import { createPrivateFolder, isPrivateFolder, privateFolderField, removePrivateFolder } from '../src/private-folder.js';

const env = (values: Record<string, string>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...extra,
  ...Object.fromEntries(Object.entries(values).map(([k, v]) => [stateEnvName(k), v])),
});

describe('ActionState', () => {
  const schema = {
    phase: fields.oneOf('deploying'),
    revision: fields.count(),
    atomic: fields.boolean(),
    release: fields.matching(/^[a-z0-9-]+$/),
  };

  it('reads back the values main writes, typed', () => {
    const state = new ActionState(schema, env({ phase: 'deploying', revision: '7', atomic: 'false', release: 'todo' }));
    expect([state.get('phase'), state.get('revision'), state.get('atomic'), state.get('release')]).toEqual(['deploying', 7, false, 'todo']);
    expect(state.refused).toEqual([]);
  });

  it('refuses values main never writes, and says which', () => {
    const state = new ActionState(
      schema,
      env({ phase: 'deploying\n::set-output name=x::1', revision: '-1', atomic: 'yes', release: 'todo; rm -rf /' }),
    );
    expect([state.get('phase'), state.get('revision'), state.get('atomic'), state.get('release')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(state.refused.map((r) => r.name)).toEqual(['phase', 'revision', 'atomic', 'release']);
  });

  it('treats a missing or cleared value as absent, not refused', () => {
    const state = new ActionState(schema, env({ phase: '' }));
    expect(state.get('phase')).toBeUndefined();
    expect(state.get('revision')).toBeUndefined();
    expect(state.refused).toEqual([]);
  });

  it('saves through the saver, reads its own writes, and refuses to save what it would refuse to read', () => {
    const saved: Array<[string, string]> = [];
    const state = new ActionState(schema, {}, (name, value) => saved.push([name, value]));
    state.set('revision', 3);
    state.set('phase', 'deploying');
    state.set('phase', undefined);
    expect(saved).toEqual([
      ['revision', '3'],
      ['phase', 'deploying'],
      ['phase', ''],
    ]);
    expect(state.get('revision')).toBe(3);
    expect(state.get('phase')).toBeUndefined();
    expect(() => state.set('release', 'Bad Name')).toThrow('refusing to save a value the post step would refuse');
  });

  it('cannot save in a step that only reads', () => {
    expect(() => new ActionState(schema, {}).set('revision', 1)).toThrow('this step only reads state');
  });
});

describe('the private folder', () => {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
  const runnerEnv = { RUNNER_TEMP: runnerTemp };

  it('is a 0700 folder <RUNNER_TEMP>/<action>-XXXXXX that the field reads back', () => {
    const dir = createPrivateFolder('helm-deploy', runnerEnv);
    expect(dir.startsWith(`${runnerTemp}/helm-deploy-`)).toBe(true);
    expect(isPrivateFolder('helm-deploy', dir, runnerEnv)).toBe(true);
    const state = new ActionState({ folder: privateFolderField('helm-deploy', runnerEnv) }, env({ folder: dir }));
    expect(state.get('folder')).toBe(dir);
  });

  it('falls back to the system temp folder when RUNNER_TEMP is too deep for a socket path', () => {
    const deep = join(runnerTemp, 'x'.repeat(90));
    const dir = createPrivateFolder('helm-deploy', { RUNNER_TEMP: deep }, 91);
    expect(dir.startsWith(join(tmpdir(), 'helm-deploy-'))).toBe(true);
  });

  it.each([
    ['another folder', '/home/runner'],
    ['the parent of a private folder', `${runnerTemp}/helm-deploy-abc123/..`],
    ['a folder of another action', `${runnerTemp}/build-images-abc123`],
    ['a folder inside it', `${runnerTemp}/helm-deploy-abc123/x`],
    ['a relative path', 'helm-deploy-abc123'],
    ['the root', '/'],
  ])('refuses %s', (_what, path) => {
    const state = new ActionState({ folder: privateFolderField('helm-deploy', runnerEnv) }, env({ folder: path }));
    expect(state.get('folder')).toBeUndefined();
    expect(state.refused).toHaveLength(1);
  });

  it('removes a symbolic link in its place as a link, never what it points at', () => {
    const target = mkdtempSync(join(tmpdir(), 'victim-'));
    writeFileSync(join(target, 'keep'), 'x');
    const link = join(runnerTemp, 'helm-deploy-linked');
    symlinkSync(target, link);
    removePrivateFolder(link);
    expect(existsSync(link)).toBe(false);
    expect(existsSync(join(target, 'keep'))).toBe(true);
    const real = createPrivateFolder('helm-deploy', runnerEnv);
    mkdirSync(join(real, 'sub'));
    removePrivateFolder(real);
    expect(existsSync(real)).toBe(false);
  });
});
