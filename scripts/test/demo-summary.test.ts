import { describe, expect, it } from '@jest/globals';
import { summaryText } from '../demo-summary.js';

describe('summaryText', () => {
  it('turns a job summary into aligned text', () => {
    const markdown = [
      '### ✅ helm-deploy: todo in staging: revision 2 deployed',
      '',
      '|  |  |',
      '| --- | --- |',
      '| **Release** | todo |',
      '| **Image tag** | sha-1 |',
      '',
      '#### Workloads',
      '',
      '| Workload | Ready |',
      '| --- | --- |',
      '| todo-backend | 1/1 |',
      '| a\\|b | x&lt;y |',
    ].join('\n');
    expect(summaryText(markdown)).toBe(
      [
        '✅ helm-deploy: todo in staging: revision 2 deployed',
        '===================================================',
        '',
        '  Release    todo',
        '  Image tag  sha-1',
        '',
        'Workloads',
        '---------',
        '',
        '  Workload      Ready',
        '  todo-backend  1/1',
        '  a|b           x<y',
      ].join('\n'),
    );
  });
});
