import * as core from '@actions/core';
import type { StateName } from './state-names.js';

export { State } from './state-names.js';

export const saveState = (name: StateName, value: string): void => core.saveState(name, value);
