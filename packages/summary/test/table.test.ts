import { describe, expect, it } from '@jest/globals';
import { counted, escapeCell, factsTable, markdownTable, resultSection } from '../src/index.js';

describe('markdownTable', () => {
  it('renders a header, a separator and rows', () => {
    expect(markdownTable(['URL', 'Verdict'], [['https://a/', '✅ healthy']])).toBe(
      '| URL | Verdict |\n| --- | --- |\n| https://a/ | ✅ healthy |',
    );
  });

  it('keeps cells in their column', () => {
    expect(escapeCell('a|b\nc<script>')).toBe('a\\|b<br>c&lt;script>');
  });

  it('refuses rows of the wrong width', () => {
    expect(() => markdownTable(['a', 'b'], [['only one']])).toThrow('a row has 1 cells, the header 2');
  });

  it('renders facts', () => {
    expect(factsTable([['Release', 'todo']])).toBe('|  |  |\n| --- | --- |\n| **Release** | todo |');
  });
});

describe('resultSection', () => {
  it('counts verdicts in the heading', () => {
    const md = resultSection({
      title: 'Smoke test',
      verdicts: [true, false],
      noun: 'URL',
      passedWord: 'healthy',
      detail: 'in 1.0s',
      header: ['URL'],
      rows: [['a'], ['b']],
    });
    expect(md.split('\n')[0]).toBe('### ❌ Smoke test: 1 of 2 URLs healthy in 1.0s');
    expect(md).toContain('| b |');
    expect(counted(1, 'host')).toBe('1 host');
  });
});
