import { describe, expect, it } from '@jest/globals';
import { annotationsOf, masksOf, readCommands, valuesOf } from '../src/index.js';

describe('readCommands (what the runner honours in a step output)', () => {
  it('reads annotations with properties and escapes, and masks', () => {
    const out = 'plain\n::error title=Bad%2C input,file=a.yml::line1%0Aline2 100%25\n::warning::careful\n::add-mask::s3cret\n';
    const commands = readCommands(out);
    expect(annotationsOf(commands)).toEqual([
      { level: 'error', message: 'line1\nline2 100%', properties: { title: 'Bad, input', file: 'a.yml' } },
      { level: 'warning', message: 'careful', properties: {} },
    ]);
    expect(masksOf(commands)).toEqual(['s3cret']);
  });

  it('honours the current form after blanks, and the old form anywhere in a line', () => {
    const out = '   ::set-output name=a::1\nsome text ##[save-state name=phase;]deploying\n::SAVE-STATE name=b::2';
    const commands = readCommands(out);
    expect(valuesOf(commands, 'set-output')).toEqual({ a: '1' });
    expect(valuesOf(commands, 'save-state')).toEqual({ phase: 'deploying', b: '2' });
    expect(commands.map((c) => [c.form, c.line])).toEqual([
      ['current', 1],
      ['old', 2],
      ['current', 3],
    ]);
  });

  it('ignores unregistered names and text that only looks like a command', () => {
    expect(readCommands('::made-up::x\na ::error::not at the start\n[::1]:80\n##[nothing')).toEqual([]);
  });

  it('stops every command after stop-commands until the token comes back', () => {
    const out = ['::stop-commands::tok123', '::set-output name=x::1', '##[error]no', '::tok123::', '::error::after'].join('\n');
    expect(readCommands(out).map((c) => [c.name, c.data])).toEqual([
      ['stop-commands', 'tok123'],
      ['error', 'after'],
    ]);
  });
});
