export { repoRoot } from './repo.js';
export { readActionMetadata, type ActionMetadata, type InputSpec } from './action-metadata.js';
export { parseKeyValueFile } from './runner-files.js';
export { readCommands, annotationsOf, masksOf, valuesOf, type Annotation, type WorkflowCommand } from './commands.js';
export { nodeBinary } from './node-runtime.js';
export { runAction, startAction, inputEnvironment, type ActionRun, type RunActionOptions, type StepRun } from './run-action.js';
export { inputsTable, outputsTable, renderReadme } from './readme-tables.js';
export { contractProblems } from './contract.js';
export { expressionProblems, expressionAllowed } from './expressions.js';
