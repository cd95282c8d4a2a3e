import { describe, expect, it } from '@jest/globals';
import { assertSafeStateDir, cacheRoot, stateDir, toolDir } from '../src/paths.js';

describe('cache and state locations', () => {
  it.each([
    [{ TODO_DEPLOY_CACHE: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' }, '/c'],
    [{ XDG_CACHE_HOME: '/x', HOME: '/h' }, '/x/todo-deploy'],
    [{ HOME: '/h' }, '/h/.cache/todo-deploy'],
  ])('cacheRoot(%j) = %s', (env, root) => {
    expect(cacheRoot(env)).toBe(root);
  });

  it('keeps one directory per tool and version', () => {
    expect(toolDir('helm4', 'v4.3.1', { HOME: '/h' })).toBe('/h/.cache/todo-deploy/tools/helm4-v4.3.1');
  });

  it('puts the state under the cache unless TODO_DEPLOY_LAB_DIR says otherwise', () => {
    expect(stateDir({ HOME: '/h' })).toBe('/h/.cache/todo-deploy/lab');
    expect(stateDir({ HOME: '/h', TODO_DEPLOY_LAB_DIR: '/tmp/lab1' })).toBe('/tmp/lab1');
  });

  it.each(['/', '/h', '/h/.cache/todo-deploy', '/h/.cache/todo-deploy/'])('refuses to use %s as a state directory', (dir) => {
    expect(() => assertSafeStateDir(dir, { HOME: '/h' })).toThrow('refusing to use');
  });

  it('accepts a directory of its own', () => {
    expect(() => assertSafeStateDir('/h/.cache/todo-deploy/lab', { HOME: '/h' })).not.toThrow();
  });
});
