import { describe, expect, it } from '@jest/globals';
import { parseActLog } from '../src/act-log.js';

const line = (o: Record<string, unknown>) => JSON.stringify(o);

describe('parseActLog', () => {
  const text = [
    line({ level: 'warning', msg: "Couldn't get a valid docker connection", time: '2026-12-02T13:57:46Z' }),
    line({ job: 'build/build/images     ', stage: 'Main', step: 'Build', msg: '⭐ Run Main Build', time: '2026-12-02T13:57:47Z' }),
    line({
      job: 'build/build/images     ',
      stage: 'Main',
      step: 'Build',
      command: 'add-mask',
      arg: 'hunter2',
      msg: '  ⚙  ***',
      time: '2026-12-02T13:57:47Z',
    }),
    line({
      job: 'build/build/images     ',
      stage: 'Main',
      step: 'Build',
      command: 'summary',
      content: '### ✅ done',
      msg: 'Summary',
      time: '2026-12-02T13:57:49Z',
    }),
    line({
      job: 'build/build/images     ',
      stage: 'Main',
      step: 'Build',
      stepResult: 'success',
      msg: '  ✅  Success - Main Build',
      time: '2026-12-02T13:57:50Z',
    }),
    line({
      job: 'build/build/images     ',
      stage: 'Post',
      step: 'Build',
      stepResult: 'failure',
      msg: '  ❌  Failure - Post Build',
      time: '2026-12-02T13:57:51Z',
    }),
    line({ job: 'build/build/images     ', jobResult: 'success', msg: '🏁  Job succeeded', time: '2026-12-02T13:57:52Z' }),
    'not json at all',
  ].join('\n');

  it('reads jobs (names trimmed), main-stage step results, summaries, commands and time spans', () => {
    const { jobs, other } = parseActLog(text);
    expect(Object.keys(jobs)).toEqual(['build/build/images']);
    const job = jobs['build/build/images'];
    expect(job?.result).toBe('success');
    expect(job?.steps).toEqual({ Build: 'success' });
    expect(job?.summaries).toEqual(['### ✅ done']);
    expect(job?.commands).toEqual([{ command: 'add-mask', arg: 'hunter2' }]);
    expect(job?.log).toContain('  ⚙  ***');
    expect(job?.span).toEqual({ from: Date.parse('2026-12-02T13:57:47Z'), to: Date.parse('2026-12-02T13:57:52Z') });
    expect(job?.stepSpans.Build).toEqual({ from: Date.parse('2026-12-02T13:57:47Z'), to: Date.parse('2026-12-02T13:57:50Z') });
    expect(other).toEqual(["Couldn't get a valid docker connection", 'not json at all']);
  });
});
