import { install } from '../install/install.js';
import { info } from '../log.js';
import { stateDir } from '../paths.js';
import { down } from '../up/down.js';
import { labVariables } from '../up/exports.js';
import { up } from '../up/up.js';

/** Installs (a no-op when warm) and starts the lab, or reuses a healthy one. */
export async function startForTests(): Promise<{ variables: Record<string, string>; started: boolean; stateDir: string }> {
  process.stderr.write('\n');
  info(`lab for this test run (state ${stateDir()})`);
  await install();
  const { state, started } = await up();
  return { variables: labVariables(state), started, stateDir: state.stateDir };
}

/** Stops the lab that startForTests started; leaves a lab that was already running alone. */
export async function stopAfterTests(startedStateDir: string | undefined): Promise<void> {
  if (!startedStateDir) {
    info('the lab was already running before the tests: leaving it up');
    return;
  }
  await down({ stateDir: startedStateDir });
}
