import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs openssl with an argv array; a failure carries openssl's own message. */
export async function openssl(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('openssl', [...args], { cwd });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`openssl ${args[0]} failed: ${e.stderr?.trim() || e.message}`, { cause: error });
  }
}
