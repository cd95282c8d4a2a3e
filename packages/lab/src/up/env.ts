import { stateDir } from '../paths.js';
import { exportLines, labVariables } from './exports.js';
import { readState } from './state.js';

/** Prints shell exports for the running lab; exit 1 with a hint on stderr when it is not up. */
export async function printEnv(): Promise<number> {
  const state = await readState(stateDir());
  if (!state?.readyAt) {
    process.stderr.write(`the lab is not up (no ready state in ${stateDir()}): run \`npm run lab -- up\`\n`);
    return 1;
  }
  process.stdout.write(`${exportLines(labVariables(state)).join('\n')}\n`);
  return 0;
}
