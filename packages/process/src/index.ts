export { runProcess, lastErrorLine, type RunOptions, type RunResult } from './run-process.js';
