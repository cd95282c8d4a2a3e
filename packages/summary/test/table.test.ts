import { describe, expect, it } from '@jest/globals';
import { escapeCell, factsTable, markdownTable } from '../src/index.js';

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
