// See global-setup.ts for why the lab modules are loaded through tsx.
import { tsImport } from 'tsx/esm/api';
import type * as Lab from './lab-lifecycle.js';

/** Stops the lab only when a test run started it and no other test run still uses it. */
export default async function globalTeardown(): Promise<void> {
  const lab = (await tsImport('./lab-lifecycle.ts', import.meta.url)) as typeof Lab;
  await lab.stopAfterTests(process.env.TODO_DEPLOY_LAB_TEST_STATE);
}
