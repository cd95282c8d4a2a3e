import * as core from '@actions/core';
import { ActionState, type Schema } from './state.js';

/** The state of main: saved through the runner's state file, readable back in the same step. */
export function mainState<S extends Schema>(schema: S): ActionState<S> {
  return new ActionState(schema, process.env, (name, value) => core.saveState(name, value));
}
