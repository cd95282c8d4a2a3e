import { describe, expect, it } from '@jest/globals';
import { lineDiff } from '../src/dry-run/line-diff.js';
import { manifestDiff } from '../src/dry-run/manifest-diff.js';
import { capLines } from '../src/report.js';

const secret = (password: string, extra = '') =>
  `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  password: ${password}\n${extra}`;
const config = (level: string) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  level: ${level}\n`;

describe('manifest diff', () => {
  it('finds nothing to change between equal manifests', () => {
    const m = secret('c2VjcmV0') + config('info');
    expect(manifestDiff(m, m, 'staging')).toEqual({ added: [], removed: [], changed: [], unchanged: 2, text: '' });
  });

  it('shows changes, added and removed resources, and hides Secret values', () => {
    const before = secret('b2xkLXNlY3JldA==') + config('info');
    const after =
      secret('bmV3LXNlY3JldA==', '  token: dG9rZW4tdmFsdWU=\n') +
      config('debug') +
      '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';
    const diff = manifestDiff(before, after, 'staging');
    expect(diff.added).toEqual(['Service staging/web']);
    expect(diff.changed).toEqual(['ConfigMap staging/cfg', 'Secret staging/app']);
    expect(diff.text).toContain('-   level: info\n+   level: debug');
    expect(diff.text).toContain('-   password: (hidden)\n+   password: (hidden, changed)\n+   token: (hidden)');
    for (const value of ['b2xkLXNlY3JldA==', 'bmV3LXNlY3JldA==', 'dG9rZW4tdmFsdWU=']) expect(diff.text).not.toContain(value);
  });

  it('never folds a long value over two lines, where no mask would match it', () => {
    const long = `${'word '.repeat(30)}the-end-of-a-long-secret`;
    const diff = manifestDiff(config('info'), config(JSON.stringify(long)), 'staging');
    const lines = diff.text.split('\n').filter((line) => line.includes('the-end-of-a-long-secret'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`level: ${long}`);
  });

  it('hides the values of a Secret inside a List', () => {
    const list = (password: string) =>
      `---\napiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: in-list\n    data:\n      password: ${password}\n`;
    const diff = manifestDiff(list('b2xk'), list('bmV3LXNlY3JldA=='), 'staging');
    expect(diff.changed).toEqual(['Secret staging/in-list']);
    expect(diff.text).not.toContain('bmV3LXNlY3JldA==');
    expect(diff.text).not.toContain('b2xk');
    expect(diff.text).toContain('(hidden, changed)');
  });

  it('diffs lines with context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i'];
    expect(lineDiff(before, after, 1)).toEqual(['@@', '  d', '- e', '+ E', '  f', '@@']);
  });
});

describe('dry-run diff at size', () => {
  const configMap = (lines: string[]) =>
    `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${lines.map((l, i) => `  k${i}: ${JSON.stringify(l)}`).join('\n')}\n`;

  it('diffs an 8,000-line ConfigMap with changes spread through it', () => {
    const before = Array.from({ length: 8000 }, (_, i) => `value ${i}`);
    const after = before.map((v, i) => (i % 100 === 0 ? `${v} changed` : v));
    const diff = manifestDiff(configMap(before), configMap(after), 'staging');
    expect(diff.changed).toEqual(['ConfigMap staging/big']);
    expect(diff.text.split('\n').filter((l) => l.startsWith('+ ')).length).toBe(80);
  });

  it('says so instead of diffing when too many lines changed', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`);
    expect(lineDiff(before, after)).toBeUndefined();
    const diff = manifestDiff(configMap(before), configMap(after), 'staging');
    expect(diff.text).toContain('@@ too many changed lines to show (');
  });

  it('caps the diff in the summary at whole lines and counts what was cut', () => {
    expect(capLines('a\nbb\nccc', 100)).toEqual({ text: 'a\nbb\nccc', cut: 0 });
    expect(capLines('a\nbb\nccc', 5)).toEqual({ text: 'a\nbb', cut: 1 });
    expect(capLines('é\né', 3)).toEqual({ text: 'é', cut: 1 });
  });
});
