import { ProcessError, runChecked } from '@todo-deploy/process';

/** Runs openssl with an argv array; a failure carries openssl's own message. */
export async function openssl(args: readonly string[], cwd: string): Promise<string> {
  try {
    return (await runChecked(['openssl', ...args], { cwd })).stdout;
  } catch (error) {
    const detail = error instanceof ProcessError ? error.result.stderr.trim() || error.message : (error as Error).message;
    throw new Error(`openssl ${args[0]} failed: ${detail}`, { cause: error });
  }
}
