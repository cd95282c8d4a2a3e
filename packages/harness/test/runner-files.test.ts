import { describe, expect, it } from '@jest/globals';
import { contractProblems, inputEnvironment, parseKeyValueFile, renderReadme, type ActionMetadata } from '../src/index.js';

const meta: ActionMetadata = {
  name: 'demo',
  description: 'demo',
  inputs: {
    urls: { description: 'URLs', required: true },
    timeout: { description: 'Deadline', default: '2m' },
    'my input': { description: 'spaces' },
  },
  outputs: { result: { description: 'success or failure' } },
  runs: { using: 'node24', main: '../dist/demo/index.js' },
};

describe('runner files', () => {
  it('parses name=value and heredoc blocks', () => {
    const text = 'a=1\nresults<<ghadelimiter_x\n[1,\n2]\nghadelimiter_x\nb=x=y\n';
    expect(parseKeyValueFile(text)).toEqual({ a: '1', results: '[1,\n2]', b: 'x=y' });
    expect(() => parseKeyValueFile('a<<EOF\nnever closed')).toThrow("'a' has no closing delimiter EOF");
  });
});

describe('inputEnvironment', () => {
  it('names variables as the runner does and fills defaults', () => {
    expect(inputEnvironment(meta, { urls: 'https://x' })).toEqual({ INPUT_URLS: 'https://x', INPUT_TIMEOUT: '2m' });
    expect(inputEnvironment(meta, { 'my input': 'v' })).toMatchObject({ INPUT_MY_INPUT: 'v' });
  });

  it('refuses inputs the action does not declare', () => {
    expect(() => inputEnvironment(meta, { url: 'x' })).toThrow('demo declares no input url');
  });
});

describe('contractProblems', () => {
  it('is empty for a matching contract', () => {
    expect(contractProblems(meta, new Set(['urls', 'timeout', 'my input']), 'demo')).toEqual([]);
  });

  it('finds every mismatch', () => {
    const bad: ActionMetadata = {
      ...meta,
      inputs: { urls: { required: true, default: 'x' } },
      outputs: { result: {} },
      runs: { using: 'node20', main: 'dist/index.js' },
    };
    expect(contractProblems(bad, new Set(['urls', 'method']), 'demo')).toEqual([
      "input 'method' is read but not declared",
      "required input 'urls' has a default",
      "input 'urls' has no description",
      "output 'result' has no description",
      'runs.using is node20, not node24',
      'runs.main is dist/index.js, not ../dist/demo/index.js',
    ]);
  });
});

describe('renderReadme', () => {
  it('replaces the generated blocks', () => {
    const readme = 'intro\n<!-- inputs:start -->\nold\n<!-- inputs:end -->\n<!-- outputs:start -->\n<!-- outputs:end -->\n';
    const out = renderReadme(readme, meta);
    expect(out).toContain('| `urls` | yes |  | URLs |');
    expect(out).toContain('| `timeout` | no | `2m` | Deadline |');
    expect(out).toContain('| `result` | success or failure |');
    expect(out).not.toContain('old');
    expect(renderReadme(out, meta)).toBe(out);
    expect(() => renderReadme('no markers', meta)).toThrow('README has no <!-- inputs:start -->');
  });
});
