import { info } from '../log.js';
import { down } from '../up/down.js';

/** Stops the lab only when this test run's global setup started it; a lab that was already up stays up. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.TODO_DEPLOY_LAB_STARTED_BY_JEST;
  if (!dir) {
    info('the lab was already running before the tests: leaving it up');
    return;
  }
  await down({ stateDir: dir });
}
