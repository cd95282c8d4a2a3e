import { install } from '../install/install.js';
import { info } from '../log.js';
import { stateDir } from '../paths.js';
import { labVariables } from '../up/exports.js';
import { up } from '../up/up.js';

/** Set by the setup when it started the lab, so that the teardown stops only a lab it started. */
export const STARTED_BY_JEST = 'TODO_DEPLOY_LAB_STARTED_BY_JEST';

/**
 * Jest globalSetup of the "lab" project: reuse a healthy lab, or install (fast when warm) and start one.
 * The variables are set on process.env here, in the parent process; the workers inherit them.
 */
export default async function globalSetup(): Promise<void> {
  process.stderr.write('\n');
  info(`lab for this test run (state ${stateDir()})`);
  await install();
  const { state, started } = await up();
  Object.assign(process.env, labVariables(state));
  process.env.PATH = `${process.env.LAB_BIN}:${process.env.PATH ?? ''}`;
  if (started) process.env[STARTED_BY_JEST] = state.stateDir;
}
