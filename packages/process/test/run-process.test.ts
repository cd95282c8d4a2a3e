import { describe, expect, it, jest } from '@jest/globals';
import { lastErrorLine, runProcess, ToolMissingError } from '../src/index.js';

describe('runProcess', () => {
  it('passes arguments verbatim, without a shell', async () => {
    const result = await runProcess([process.execPath, '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', '$HOME', 'a b;c']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['$HOME', 'a b;c']);
  });

  it('captures stdout, stderr, input and the exit code', async () => {
    const script =
      'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{console.log(s.toUpperCase());console.error("warn");process.exit(3)})';
    const result = await runProcess([process.execPath, '-e', script], { input: 'hello' });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'HELLO\n', stderr: 'warn\n', timedOut: false });
  });

  it('kills a process that outlives its timeout', async () => {
    const result = await runProcess([process.execPath, '-e', 'setTimeout(()=>{},60000)'], { timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGTERM');
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('streams redacted output inside a log group', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      await runProcess([process.execPath, '-e', 'console.log("token=abc123")'], {
        group: 'helm upgrade',
        redact: (t) => t.replace('abc123', '***'),
      });
    } finally {
      spy.mockRestore();
    }
    const printed = writes.join('');
    expect(printed).toContain('::group::helm upgrade');
    expect(printed).toContain('token=***');
    expect(printed).not.toContain('abc123');
    expect(printed).toContain('::endgroup::');
  });

  it('rejects when the command does not exist', async () => {
    await expect(runProcess(['/nonexistent/helm', 'version'])).rejects.toThrow(ToolMissingError);
    await expect(runProcess(['/nonexistent/helm', 'version'], { installHint: 'set helm-version' })).rejects.toThrow(
      '/nonexistent/helm is not on PATH: set helm-version',
    );
  });
});

describe('lastErrorLine', () => {
  it('prefers the last Error: line', () => {
    expect(lastErrorLine({ stdout: 'ok\n', stderr: 'Error: UPGRADE FAILED: boom\nhint\n' })).toBe('Error: UPGRADE FAILED: boom');
    expect(lastErrorLine({ stdout: 'x\ny\n', stderr: '' })).toBe('y');
  });
});

describe('runProcess printing tool output', () => {
  it('prints hostile output line by line, so no line becomes a workflow command', async () => {
    const { HOSTILE_TEXT, forgedCommands } = await import('@todo-deploy/testkit');
    const { readCommands } = await import('@todo-deploy/harness');
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      // written in small pieces, so that chunk boundaries fall inside lines
      const script = `const t = ${JSON.stringify(HOSTILE_TEXT)}; for (let i = 0; i < t.length; i += 7) process.stdout.write(t.slice(i, i + 7));`;
      await runProcess([process.execPath, '-e', script], { group: 'build backend' });
    } finally {
      spy.mockRestore();
    }
    const printed = writes.join('');
    expect(printed).toContain('FORGED-output');
    expect(forgedCommands(readCommands(printed))).toEqual([]);
  });
});
