// Jest loads global setup and teardown with Node's own ESM loader, which does not map this
// package's `./x.js` imports to `./x.ts`; so the lab modules are loaded through tsx here.
import { tsImport } from 'tsx/esm/api';
import type * as Lab from './lab-lifecycle.js';

/**
 * Jest globalSetup of the "lab" project: reuse a healthy lab, or install (fast when warm) and start one.
 * The variables are set on process.env here, in the parent process; the workers inherit them.
 */
export default async function globalSetup(): Promise<void> {
  const lab = (await tsImport('./lab-lifecycle.ts', import.meta.url)) as typeof Lab;
  const { variables, stateDir } = await lab.startForTests();
  Object.assign(process.env, variables);
  process.env.PATH = `${variables.LAB_BIN}:${process.env.PATH ?? ''}`;
  process.env.TODO_DEPLOY_LAB_TEST_STATE = stateDir;
}
