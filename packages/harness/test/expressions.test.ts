import { describe, expect, it } from '@jest/globals';
import { expressionProblems } from '../src/index.js';

describe('expressionProblems (the runner rules for ${{ }} in action.yml)', () => {
  it('finds an expression in an input description, which the runner refuses', () => {
    const yaml = [
      'name: x',
      'inputs:',
      '  username:',
      "    description: 'Registry user, such as ${{ github.actor }}.'",
      "    default: '${{ github.actor }}'",
      'runs:',
      '  using: node24',
      '  main: index.js',
    ].join('\n');
    expect(expressionProblems(yaml)).toEqual([
      'inputs.username.description: expressions are not allowed here (the runner refuses to load the action)',
    ]);
  });

  it('refuses expressions in the name, the description, outputs and runs of a node action', () => {
    const yaml = [
      'name: ${{ github.repository }}',
      'description: x',
      'outputs:',
      '  o:',
      "    description: 'the ${{ inputs.a }} value'",
      'runs:',
      '  using: node24',
      "  main: '${{ github.action_path }}/index.js'",
    ].join('\n');
    expect(expressionProblems(yaml).map((p) => p.split(':')[0])).toEqual(['name', 'outputs.o.description', 'runs.main']);
  });

  it('accepts them where a composite action takes them: input defaults, steps, runs.env and output values', () => {
    const yaml = [
      'name: x',
      'inputs:',
      '  token:',
      '    description: a token',
      "    default: '${{ github.token }}'",
      'outputs:',
      '  o:',
      '    description: the value',
      '    value: ${{ steps.a.outputs.o }}',
      'runs:',
      '  using: composite',
      '  steps:',
      '    - id: a',
      '      shell: bash',
      '      run: echo "${{ inputs.token }}"',
    ].join('\n');
    expect(expressionProblems(yaml)).toEqual([]);
  });
});
