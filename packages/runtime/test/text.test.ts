import { describe, expect, it } from '@jest/globals';
import { lineSplitter, safeLine, safeLines } from '../src/text.js';

/** Whether the runner would read a line as a workflow command (either form). */
const isCommand = (line: string): boolean => /^\s*::/.test(line) || line.includes('##[');

describe('safeLine', () => {
  it.each([
    ['plain text stays as it is', 'Pulling image ghcr.io/octo/app:sha-1234567', 'Pulling image ghcr.io/octo/app:sha-1234567'],
    ['a line break cannot start a command', 'x\n::set-output name=revision::42', 'x ⏎ ::set-output name=revision::42'],
    ['nor a lone CR', 'x\r::save-state name=phase::deploying', 'x ⏎ ::save-state name=phase::deploying'],
    ['nor CRLF', 'x\r\n::add-mask::abc', 'x ⏎ ::add-mask::abc'],
    ['nor U+2028, U+2029 or NEL', 'a\u2028b\u2029c\u0085d', 'a ⏎ b ⏎ c ⏎ d'],
    ['a leading command is defused', '::error::forged', ': :error::forged'],
    ['also after blanks', '   ::stop-commands::tok', '   : :stop-commands::tok'],
    ['the old form anywhere', 'abc ##[set-output name=x;]1', 'abc # #[set-output name=x;]1'],
    ['ANSI escapes become visible', '\u001b[31mred\u001b[0m', '^[[31mred^[[0m'],
    ['NUL, backspace and DEL too', 'a\u0000b\u0008c\u007f', 'a^@b^Hc^?'],
    ['tabs stay', 'a\tb', 'a\tb'],
    ['IPv6 and C++ inside a line stay readable', 'listening on [::1]:8080 std::string', 'listening on [::1]:8080 std::string'],
  ])('%s', (_name, input, expected) => {
    expect(safeLine(input)).toBe(expected);
    expect(isCommand(safeLine(input))).toBe(false);
  });

  it('caps a 100 KB line and says how much was cut', () => {
    const line = safeLine('x'.repeat(100_000), 8192);
    expect(line).toHaveLength(8192 + '… (91808 more characters)'.length);
    expect(line.endsWith('… (91808 more characters)')).toBe(true);
  });
});

describe('safeLines', () => {
  it('keeps the lines of a tool output apart, each defused', () => {
    expect(safeLines('ok\n::set-output name=a::1\n##[error]x')).toEqual(['ok', ': :set-output name=a::1', '# #[error]x']);
  });
});

describe('lineSplitter', () => {
  it('gives whole lines only, so a chunk boundary cannot split :: from the rest of a line', () => {
    const split = lineSplitter();
    expect(split.push('a\n:')).toEqual(['a']);
    expect(split.push(':set-output name=x::1\nb')).toEqual([': :set-output name=x::1']);
    expect(split.end()).toEqual(['b']);
    expect(split.end()).toEqual([]);
  });

  it('treats CRLF as one break and a lone CR as a break', () => {
    const split = lineSplitter();
    expect(split.push('a\r\nb\rc\n')).toEqual(['a', 'b', 'c']);
  });

  it('flushes a line longer than four caps without waiting for its end', () => {
    const split = lineSplitter(10);
    const lines = split.push('y'.repeat(50));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith('yyyyyyyyyy… (40 more characters)')).toBe(true);
  });
});
