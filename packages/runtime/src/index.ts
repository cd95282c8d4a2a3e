export { dispatch, isPostStep, IS_POST, type Steps } from './dispatch.js';
export { log, fail, reasonOf } from './log.js';
export { defineOutputs } from './outputs.js';
export { safeLine, safeLines, lineSplitter, MAX_LINE_LENGTH } from './text.js';
export { ActionState, fields, stateEnvName, type Field, type Schema, type ValueOf, type Refusal } from './state.js';
export { createPrivateFolder, isPrivateFolder, privateFolderField, privatePathField, removePrivateFolder } from './private-folder.js';
export { mainState } from './main-state.js';
