export { runProcess, runChecked, canRun, exitText, lastErrorLine, ProcessError, type RunOptions, type RunResult } from './run-process.js';
export { ToolMissingError } from './tool-missing.js';
